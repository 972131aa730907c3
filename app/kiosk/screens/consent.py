"""Before we start: what the answers are used for, and two things the citizen may add
(a code to go on at home, answers given before). The purposes are ``sync.domain.consent``'s."""

from __future__ import annotations

from typing import Final

from textual import on, work
from textual.app import ComposeResult
from textual.widgets import Button

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import JourneyOpened
from app.messages import EventSaved
from sync.domain.consent import HANDOFF, PREFILL, SERVICES, Purpose

OPTIONAL: Final[tuple[tuple[Purpose, str], ...]] = (
    (HANDOFF, "consent.handoff"),
    (PREFILL, "consent.prefill"),
)
"""The purposes the citizen may tick, with their words."""


class ConsentScreen(KioskScreen):
    """Two toggles and "I agree".

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
        yield Button(self.say("consent.agree"), id="agree", classes="big-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#agree", Button).focus()

    @on(Button.Pressed, ".toggle")
    def _toggle(self, event: Button.Pressed) -> None:
        event.stop()
        for purpose, key in OPTIONAL:
            if event.button.id == f"purpose-{purpose}":
                self.ticked ^= {purpose}
                event.button.label = self._label(purpose, key)

    @on(Button.Pressed, "#agree")
    def _agree(self, event: Button.Pressed) -> None:
        event.stop()
        self.give({SERVICES, *self.ticked})

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-consent")
    def give(self, purposes: set[Purpose]) -> None:
        """consent.given with the purposes ticked."""
        try:
            event = self.desk.give_consent(self.journey_id, purposes)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(EventSaved(event))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.post_message(JourneyOpened(self.journey_id))
