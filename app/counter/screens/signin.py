"""Sign-in: operator id and PIN; also the lock screen after idle time."""

from __future__ import annotations

import math
from typing import ClassVar

from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Input, Label, Static

from app.counter.base import CounterScreen
from app.counter.intents import ShowHome, SignOut, Unlocked
from app.failures import RECOVERABLE
from app.i18n import as_lang
from app.messages import LanguageSwitched, SignedIn, SignInRefused
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from sync.domain.pin_tries import PinGate
from sync.store.operators import DEMO_OPERATOR, Operator


class SignInScreen(CounterScreen):
    """Operator id and PIN; with ``lock_for`` it unlocks that operator's session.

    Args:
        lock_for: The signed-in operator whose screen is locked (None: a fresh sign-in).
    """

    HELP_TEXT = "help.signin"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "sign_out", "key.sign_out", show=False),
        # A priority binding runs as the app reads the key, before the next key is
        # routed: focus moves to the PIN before anything typed after Enter arrives
        # (tmux, paste, a badge scanner). Input.Submitted would come too late.
        Binding("enter", "enter", show=False, priority=True),
        # Tab too: "demo", Tab, "1234" in one burst (a password manager) must put the
        # PIN in the PIN field, never in the operator field in clear.
        Binding("tab", "tab", show=False, priority=True),
    ]

    def __init__(self, lock_for: Operator | None = None) -> None:
        super().__init__()
        self.lock_for = lock_for

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Center(), Vertical(id="signin-box", classes="box"):
            if self.lock_for is None:
                yield Label(self.t("signin.title"), classes="title")
            else:
                yield Label(self.t("signin.locked", name=self.lock_for.name), classes="title")
            yield Label(self.t("signin.operator"))
            yield Entry(
                value=self.lock_for.id if self.lock_for else "",
                id="operator",
                disabled=self.lock_for is not None,
                placeholder=self.t("signin.operator_placeholder"),
            )
            yield Label(self.t("signin.pin"))
            yield Entry(id="pin", password=True, restrict=r"[0-9]*", max_length=12)
            yield Static("", id="signin-error", classes="error")
            if self.lock_for is not None:
                yield Static(self.t("signin.lock_hint"), classes="hint")
            elif self.desk.demo_hint():
                operator_id, _, pin = DEMO_OPERATOR
                yield Static(self.t("signin.demo", id=operator_id, pin=pin), classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#pin" if self.lock_for else "#operator", Input).focus()

    def action_enter(self) -> None:
        """Enter: from the operator id on to the PIN; on the PIN, sign in."""
        focused = self.focused
        if focused is not None and focused.id == "operator":
            # Screen.set_focus now, not Widget.focus (which waits for call_later).
            self.set_focus(self.query_one("#pin", Input))
        else:
            # On the PIN, the Input's own Enter: it comes after the digits queued before it.
            raise SkipAction()

    def action_tab(self) -> None:
        """Tab: from the operator id on to the PIN at once; elsewhere, the usual Tab."""
        focused = self.focused
        if focused is not None and focused.id == "operator":
            self.set_focus(self.query_one("#pin", Input))
        else:
            raise SkipAction()

    @on(Input.Submitted, "#pin")
    def _submit(self) -> None:
        operator_id = self.query_one("#operator", Input).value.strip()
        pin = self.query_one("#pin", Input).value
        if not operator_id:
            self.query_one("#operator", Input).focus()
            return
        self.query_one("#signin-error", Static).update(self.t("signin.checking"))
        self.check_pin(operator_id, pin)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sign-in")
    def check_pin(self, operator_id: str, pin: str) -> None:
        """Verify the PIN (argon2) off the UI thread."""
        try:
            found = self.desk.sign_in(operator_id, pin)
            if found is None:
                self.post_message(SignInRefused(self.desk.pin_gate(operator_id)))
                return
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.check_pin(operator_id, pin))
            return
        self.post_message(SignedIn(found))

    def on_signed_in(self, message: SignedIn) -> None:
        message.stop()
        if self.lock_for is not None:
            self.post_message(Unlocked())
            return
        self.session.ui_language = as_lang(message.operator.language)
        self.post_message(LanguageSwitched())
        self.post_message(ShowHome())

    def on_sign_in_refused(self, message: SignInRefused) -> None:
        message.stop()
        pin = self.query_one("#pin", Input)
        pin.value = ""
        pin.focus()
        self.query_one("#signin-error", Static).update(self._refusal(message.gate))

    def _refusal(self, gate: PinGate) -> str:
        """Why the sign-in was refused, and what the wrong PINs so far cost."""
        if gate.wait_until is None:
            if gate.tries_left >= self.desk.pin_tries - 1:
                return self.t("signin.refused")
            return self.t("signin.tries_left", tries=gate.tries_left)
        if gate.locked:
            return self.t("signin.locked_out", time=gate.wait_until.astimezone().strftime("%H:%M"))
        seconds = max(1, math.ceil((gate.wait_until - self.desk.clock()).total_seconds()))
        return self.t("signin.wait", seconds=seconds, tries=gate.tries_left)

    def action_sign_out(self) -> None:
        """From the lock screen: end the session and sign in afresh."""
        self.post_message(SignOut())
