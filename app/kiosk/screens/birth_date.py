"""Is it you: the date of birth of a journey found by reference or link, picked by touch.

Five wrong dates within 15 minutes lock the journey's confirmation for 15 minutes
(``sync.domain.confirm``), kept in the local store: a restart does not reset it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, JourneyOpened
from app.kiosk.kiosk_desk import Confirmation
from app.widgets.date_picker import DatePicker
from sync.domain.confirm import ConfirmLock

START = dt.date(1970, 1, 1)
"""The date the picker shows first: a few taps from most citizens' birthdays."""


@dataclass
class LockRead(Message):
    """The journey's confirmation lock as it stands."""

    lock: ConfirmLock


@dataclass
class Checked(Message):
    """A date of birth was checked."""

    outcome: Confirmation


class BirthDateScreen(KioskScreen):
    """The date picker and Confirm.

    Args:
        journey_id: The journey found.
        via: How it was found (``reference``, ``handoff``, ``fetched``), for the audit.
    """

    SCREEN_NAME = "birth_date"
    TITLE_KEY = "birth.title"
    QUESTION_KEY = "birth.question"

    def __init__(self, journey_id: str, via: str) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.via = via

    def body(self) -> ComposeResult:
        today = self.session.clock().date()
        labels = (self.say("date.day"), self.say("date.month"), self.say("date.year"))
        yield DatePicker(START, labels=labels, last_year=today.year, id="birth-picker")
        yield Static("", id="birth-status", classes="kiosk-status")
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(
                self.say("birth.confirm"), id="confirm", classes="nav-button primary-button"
            )

    def on_mount(self) -> None:
        self.query_one("#birth-picker", DatePicker).focus()
        self.read_lock()

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-birth")
    def read_lock(self) -> None:
        """Is this journey's confirmation locked now?"""
        try:
            lock = self.session.kiosk.confirm_lock(self.journey_id)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(LockRead(lock))

    def on_lock_read(self, message: LockRead) -> None:
        message.stop()
        if message.lock.locked:
            self._locked(message.lock)

    def _locked(self, lock: ConfirmLock) -> None:
        assert lock.locked_until is not None
        time = lock.locked_until.astimezone().strftime("%H:%M")
        self.query_one("#birth-status", Static).update(self.say("birth.locked", time=time))
        self.query_one("#confirm", Button).disabled = True

    @on(Button.Pressed, "#back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Back())

    @on(Button.Pressed, "#confirm")
    def _confirm(self, event: Button.Pressed) -> None:
        event.stop()
        day = self.query_one("#birth-picker", DatePicker).value
        self.check(str(day.day), str(day.month), str(day.year))

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-birth")
    def check(self, day: str, month: str, year: str) -> None:
        """Check the date (audited); on a right one, open the journey (audited too)."""
        try:
            outcome = self.session.kiosk.confirm_birth_date(self.journey_id, day, month, year)
            if outcome.ok:
                self.desk.open_journey(self.journey_id, self.via)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(Checked(outcome))

    def on_checked(self, message: Checked) -> None:
        message.stop()
        outcome = message.outcome
        if outcome.ok:
            self.post_message(JourneyOpened(self.journey_id))
        elif outcome.lock.locked:
            self._locked(outcome.lock)
        else:
            self.query_one("#birth-status", Static).update(
                self.say("birth.wrong", left=outcome.lock.tries_left)
            )
