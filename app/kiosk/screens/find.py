"""Go on with a receipt: its QR code scanned (a USB scanner types the link and Enter) or its
reference typed, on the on-screen keyboard or a real one.

A reference not in this kiosk's store is fetched from the central store. When it
cannot be (no network), the citizen is told plainly and a mediator is called.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from app import messages
from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, CallMediator, Resume
from app.widgets.entry import Entry
from app.widgets.onscreen_keyboard import OnscreenKeyboard
from sync.domain.ids import parse_reference

PROBLEMS = {
    "home.bad_reference": "find.bad_reference",
    "home.type_something": "find.bad_reference",
    "home.not_here": "find.not_found",
    "home.link_unknown": "find.not_found",
    "home.link_revoked": "find.link_old",
    "home.link_expired": "find.link_old",
}
"""What the kiosk says for each answer of ``Desk.find``."""


class FindScreen(KioskScreen):
    """The reference field, the keyboard, and Next."""

    SCREEN_NAME = "find"
    TITLE_KEY = "find.title"
    QUESTION_KEY = "find.question"

    def body(self) -> ComposeResult:
        yield Entry(id="reference", classes="big-input", max_length=200)
        yield Static("", id="find-status", classes="kiosk-status")
        yield OnscreenKeyboard(
            "reference",
            labels=(self.say("keys.space"), self.say("keys.erase"), self.say("keys.shift")),
        )
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(self.say("nav.next"), id="next", classes="nav-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#reference", Input).focus()

    def _status(self, key: str) -> None:
        self.query_one("#find-status", Static).update(self.say(key) if key else "")

    @on(Button.Pressed, "#back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Back())

    @on(Button.Pressed, "#next")
    def _next(self, event: Button.Pressed) -> None:
        event.stop()
        self._look_up(self.query_one("#reference", Input).value)

    @on(Input.Submitted, "#reference")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._look_up(event.value)

    def _look_up(self, text: str) -> None:
        self._status("find.looking")
        self.find_journey(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-find")
    def find_journey(self, text: str) -> None:
        """Look the reference or link up here, then in the central store."""
        link = self.session.sync_link
        try:
            found = self.desk.find(text)
            answer = messages.JourneyFound(found.journey_id, found.problem, found.via)
            if found.problem == "home.not_here" and link is not None:
                ref = parse_reference(text.strip())
                fetched = link.fetch(self.desk.store, ref, None)
                if fetched.journey_id is not None:
                    answer = messages.JourneyFound(fetched.journey_id, None, "fetched")
                elif fetched.state == "offline":
                    answer = messages.JourneyFound(None, "find.offline", "reference")
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(answer)

    def on_journey_found(self, message: messages.JourneyFound) -> None:
        message.stop()
        if message.journey_id is not None:
            self.query_one("#reference", Input).value = ""
            self.post_message(Resume(message.journey_id, message.via))
            return
        problem = message.problem or "home.not_here"
        self._status(PROBLEMS.get(problem, problem))
        field = self.query_one("#reference", Input)
        field.value = ""
        field.focus()
        if problem == "find.offline":
            self.post_message(CallMediator(reason="offline"))
