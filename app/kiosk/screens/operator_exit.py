"""The operator's way out: after the key sequence, the PIN (checked against its argon2 hash,
audited either way). Right, the kiosk closes; wrong or cancelled, it goes on."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Input, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskModal
from app.widgets.entry import Entry
from app.widgets.onscreen_keyboard import OnscreenKeyboard


@dataclass
class ExitChecked(Message):
    """The PIN was checked."""

    ok: bool


class OperatorExitScreen(KioskModal):
    """The PIN field, digits, Leave and Cancel; dismissed with True to leave."""

    SCREEN_NAME = "operator_exit"
    TITLE_KEY = "exit.title"
    QUESTION_KEY = "exit.question"

    def body(self) -> ComposeResult:
        yield Entry(id="exit-pin", password=True, classes="big-input", max_length=12)
        yield Static("", id="exit-status", classes="kiosk-status")
        yield OnscreenKeyboard(
            "exit-pin",
            labels=(self.say("keys.space"), self.say("keys.erase"), self.say("keys.shift")),
            digits_only=True,
        )
        with Horizontal(classes="nav-row"):
            yield Button(self.say("exit.cancel"), id="cancel", classes="nav-button")
            yield Button(self.say("exit.leave"), id="leave", classes="nav-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#exit-pin", Input).focus()

    @on(Button.Pressed, "#cancel")
    def _cancel(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    @on(Button.Pressed, "#leave")
    def _leave(self, event: Button.Pressed) -> None:
        event.stop()
        self.check(self.query_one("#exit-pin", Input).value)

    @on(Input.Submitted, "#exit-pin")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.check(event.value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-exit")
    def check(self, pin: str) -> None:
        """Check the PIN (argon2, tens of ms; audited)."""
        try:
            ok = self.session.kiosk.exit_allowed(pin)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(ExitChecked(ok))

    def on_exit_checked(self, message: ExitChecked) -> None:
        message.stop()
        if message.ok:
            self.app.exit(return_code=0)
            return
        field = self.query_one("#exit-pin", Input)
        field.value = ""
        field.focus()
        self.query_one("#exit-status", Static).update(self.say("exit.refused"))
