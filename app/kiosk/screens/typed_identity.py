"""Type your name (on the on-screen keyboard or a real one), then pick your date of birth.

Both are checked with the catalogue's validator, as at the counter; confirming
starts the journey (``method = manual``).
"""

from __future__ import annotations

import datetime as dt

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, JourneyOpened
from app.messages import JourneyStarted
from app.widgets.date_picker import DatePicker
from app.widgets.entry import Entry
from app.widgets.onscreen_keyboard import OnscreenKeyboard
from sync.catalogue.validate import validate_value
from sync.domain.identity import Identity
from sync.errors import FieldInvalid

START = dt.date(1970, 1, 1)
"""The date the picker shows first."""


class TypedIdentityScreen(KioskScreen):
    """Two pages: the name with the keyboard, then the date of birth."""

    SCREEN_NAME = "typed_identity"
    TITLE_KEY = "typed.title"

    def __init__(self) -> None:
        super().__init__()
        self.page = 0
        self.typed_name = ""

    def question(self) -> str:
        return self.say("typed.name" if self.page == 0 else "typed.birth")

    def body(self) -> ComposeResult:
        if self.page == 0:
            yield Entry(value=self.typed_name, id="name", classes="big-input", max_length=120)
            yield Static("", id="typed-status", classes="kiosk-status")
            yield OnscreenKeyboard(
                "name",
                labels=(self.say("keys.space"), self.say("keys.erase"), self.say("keys.shift")),
            )
        else:
            labels = (self.say("date.day"), self.say("date.month"), self.say("date.year"))
            today = self.session.clock().date()
            yield DatePicker(START, labels=labels, last_year=today.year, id="birth-picker")
            yield Static("", id="typed-status", classes="kiosk-status")
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(self.say("nav.next"), id="next", classes="nav-button primary-button")

    def on_mount(self) -> None:
        self._focus()

    def _focus(self) -> None:
        target = "#name" if self.page == 0 else "#birth-picker"
        self.query_one(target).focus()

    async def _go(self, page: int) -> None:
        self.page = page
        await self.recompose()
        self._focus()

    def _check(self, key: str, raw: str) -> str | None:
        field = self.desk.catalogue.fields.get(key)
        if field is None:
            return raw.strip() or None
        try:
            return str(validate_value(field, raw, self.session.clock().date()))
        except FieldInvalid as exc:
            self.query_one("#typed-status", Static).update(
                exc.message(self.session.citizen_language)
            )
            return None

    @on(Button.Pressed, "#back")
    async def _back(self, event: Button.Pressed) -> None:
        event.stop()
        if self.page == 0:
            self.post_message(Back())
        else:
            await self._go(0)

    @on(Input.Submitted, "#name")
    async def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        await self._next()

    @on(Button.Pressed, "#next")
    async def _pressed_next(self, event: Button.Pressed) -> None:
        event.stop()
        await self._next()

    async def _next(self) -> None:
        if self.page == 0:
            name = self._check("citizen.name", self.query_one("#name", Input).value)
            if name is not None:
                self.typed_name = name
                await self._go(1)
            return
        born = self._check(
            "citizen.birth_date", self.query_one("#birth-picker", DatePicker).value.isoformat()
        )
        if born is not None:
            identity = Identity(name=self.typed_name, birth_date=born, method="manual")
            self.start_journey(identity, self.session.citizen_language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-start")
    def start_journey(self, identity: Identity, language: str) -> None:
        """journey.started and citizen.identified, in one transaction."""
        try:
            journey_id = self.desk.start_with_identity(identity, language)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(JourneyStarted(journey_id))

    def on_journey_started(self, message: JourneyStarted) -> None:
        message.stop()
        self.typed_name = ""
        self.post_message(JourneyOpened(message.journey_id, ask_consent=True))
