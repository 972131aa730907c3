"""Before we start: what the answers are used for, and three things the citizen may add
(a code to go on at home, answers given before, messages when there is news). The
purposes are ``sync.domain.consent``'s; messages need an e-mail or a mobile number,
typed on the on-screen keyboard and read by ``contact_details``. The address is never
spoken, and goes with the screen when the kiosk forgets the citizen."""

from __future__ import annotations

from typing import Final

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Button, Input, Label, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import JourneyOpened
from app.messages import EventSaved
from app.widgets.entry import Entry
from app.widgets.onscreen_keyboard import OnscreenKeyboard
from sync.domain.consent import CONTACT, HANDOFF, PREFILL, SERVICES, Purpose, contact_details

OPTIONAL: Final[tuple[tuple[Purpose, str], ...]] = (
    (HANDOFF, "consent.handoff"),
    (PREFILL, "consent.prefill"),
    (CONTACT, "consent.contact"),
)
"""The purposes the citizen may tick, with their words."""


class ConsentScreen(KioskScreen):
    """Three toggles (messages with their address) and "I agree".

    Args:
        journey_id: The journey just started.
    """

    SCREEN_NAME = "consent"
    TITLE_KEY = "consent.title"
    QUESTION_KEY = "consent.question"

    def __init__(self, journey_id: str) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.ticked: set[Purpose] = set()  # nothing ticked for the citizen

    def _label(self, purpose: Purpose, key: str) -> str:
        box = self.say("consent.yes" if purpose in self.ticked else "consent.no")
        return f"{box}  {self.say(key)}"

    def body(self) -> ComposeResult:
        for purpose, key in OPTIONAL:
            yield Button(
                self._label(purpose, key), id=f"purpose-{purpose}", classes="big-button toggle"
            )
        yield Vertical(id="contact")
        yield Static("", id="consent-error", classes="kiosk-status")
        yield Button(self.say("consent.agree"), id="agree", classes="big-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#agree", Button).focus()

    @on(Button.Pressed, ".toggle")
    async def _toggle(self, event: Button.Pressed) -> None:
        event.stop()
        for purpose, key in OPTIONAL:
            if event.button.id == f"purpose-{purpose}":
                self.ticked ^= {purpose}
                event.button.label = self._label(purpose, key)
                if purpose == CONTACT:
                    await self._show_contact(CONTACT in self.ticked)

    async def _show_contact(self, shown: bool) -> None:
        """The address field and its keyboard while messages are ticked (gone, and what was
        typed with them, when unticked)."""
        box = self.query_one("#contact", Vertical)
        await box.remove_children()
        self.query_one("#consent-error", Static).update("")
        if not shown:
            return
        labels = (self.say("keys.space"), self.say("keys.erase"), self.say("keys.shift"))
        await box.mount(
            Label(self.say("consent.contact_address"), classes="kiosk-section"),
            Entry(id="contact-address", classes="big-input"),
            OnscreenKeyboard("contact-address", labels=labels, capital_first=False),
        )
        self.query_one("#contact-address", Input).focus(scroll_visible=False)
        self.call_after_refresh(self._contact_in_sight)

    def _contact_in_sight(self) -> None:
        """The field and the whole keyboard on screen, at the top ("I agree" is below)."""
        self.query_one("#contact", Vertical).scroll_visible(top=True, animate=False)

    @on(Button.Pressed, "#agree")
    def _agree(self, event: Button.Pressed) -> None:
        event.stop()
        contact = None
        if CONTACT in self.ticked:
            contact = contact_details(self.query_one("#contact-address", Input).value)
            if contact is None:
                self.query_one("#consent-error", Static).update(self.say("consent.contact_needed"))
                self.query_one("#contact-address", Input).focus(scroll_visible=False)
                self._contact_in_sight()
                return
        self.give({SERVICES, *self.ticked}, contact)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-consent")
    def give(self, purposes: set[Purpose], contact: dict[str, str] | None = None) -> None:
        """consent.given with the purposes ticked (and where messages go)."""
        try:
            event = self.desk.give_consent(self.journey_id, purposes, contact)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(EventSaved(event))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.post_message(JourneyOpened(self.journey_id))
