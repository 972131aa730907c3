"""Who are you: read the eID card through the desk's reader, or go and type your name.

With the simulated reader (the demo), a demo card is picked by a button instead
of being put in the reader. The name read is shown so the citizen can say it is
theirs; the screen is dropped with everything else when the kiosk forgets them.

A card that gives only the year (or year and month) of birth, as many foreigners'
cards do, is read all the same; a date picker held to that year then asks for the
rest before the journey starts (``Identity.needs_birth_date``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, JourneyOpened, TypeIdentity
from app.messages import CardRead, JourneyStarted
from app.widgets.date_picker import DatePicker
from sync.catalogue.dates import show_date
from sync.domain.identity import Identity

CARD_WAIT_SECONDS: Final = 30.0
"""How long "read my card" waits for a card to be put in."""


@dataclass
class CardFailed(Message):
    """The card could not be read (or none came)."""


class IdentifyScreen(KioskScreen):
    """Read my card, or type my name."""

    SCREEN_NAME = "identify"
    TITLE_KEY = "identify.title"
    QUESTION_KEY = "identify.question"

    def __init__(self) -> None:
        super().__init__()
        self.identity: Identity | None = None

    @property
    def simulated(self) -> bool:
        """Whether the reader is the simulated one (demo cards to pick)."""
        return hasattr(self.desk.card_reader, "insert")

    def body(self) -> ComposeResult:
        reader = self.desk.card_reader
        if reader is None:
            yield Static(self.say("identify.no_reader"), classes="kiosk-status")
        elif self.simulated:
            cards = getattr(reader, "cards", {})
            with Grid(classes="choices"):
                for number, key in enumerate(cards, 1):
                    label = f"{self.say('identify.read_card')} · demo {number}"
                    yield Button(label, id=f"demo-{key}", classes="big-button demo-card")
        else:
            yield Button(self.say("identify.read_card"), id="read-card", classes="big-button")
        yield Button(self.say("identify.type"), id="type", classes="big-button")
        yield Static("", id="identify-status", classes="kiosk-status")
        with Vertical(id="birth-complete"):
            pass
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(
                self.say("identify.start"), id="start", classes="nav-button primary-button"
            )

    def on_mount(self) -> None:
        self.query_one("#start", Button).display = False
        first = self.query(".big-button")
        if first:
            first.first().focus()

    def _status(self, text: str) -> None:
        self.query_one("#identify-status", Static).update(text)

    @on(Button.Pressed, "#back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Back())

    @on(Button.Pressed, "#type")
    def _type(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(TypeIdentity())

    @on(Button.Pressed, "#read-card")
    def _read(self, event: Button.Pressed) -> None:
        event.stop()
        self._status(self.say("identify.reading"))
        self.read_card(None)

    @on(Button.Pressed, ".demo-card")
    def _demo(self, event: Button.Pressed) -> None:
        event.stop()
        self._status(self.say("identify.reading"))
        self.read_card((event.button.id or "").removeprefix("demo-"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-card")
    def read_card(self, demo_key: str | None) -> None:
        """Wait for the card and read it (about a second)."""
        reader = self.desk.card_reader
        if reader is None:
            return
        try:
            if demo_key is not None:
                reader.insert(demo_key)  # type: ignore[attr-defined]
            name = reader.wait_for_card(CARD_WAIT_SECONDS)
            card = reader.read(name)
        except RECOVERABLE:
            self.post_message(CardFailed())
            return
        self.post_message(CardRead(self.desk.card_identity(card, name)))

    def on_card_failed(self, message: CardFailed) -> None:
        message.stop()
        self._status(self.say("identify.card_failed"))

    async def on_card_read(self, message: CardRead) -> None:
        message.stop()
        identity = self.identity = message.identity
        await self._clear_birth_picker()
        start = self.query_one("#start", Button)
        start.display = True
        if identity.needs_birth_date:
            known = identity.birth_date_partial
            self._status(
                f"{self.say('identify.read_ok')}\n{identity.name} · {known}\n"
                + self.say("identify.birth_partial", known=known)
            )
            picker = _picker_within(known, self._date_labels())
            await self.query_one("#birth-complete", Vertical).mount(picker)
            picker.focus()
            return
        born = show_date(identity.birth_date, self.session.citizen_language)
        self._status(f"{self.say('identify.read_ok')}\n{identity.name} · {born}")
        start.focus()

    def _date_labels(self) -> tuple[str, str, str]:
        return (self.say("date.day"), self.say("date.month"), self.say("date.year"))

    async def _clear_birth_picker(self) -> None:
        await self.query_one("#birth-complete", Vertical).remove_children()

    def card_removed(self) -> None:
        """The card left the reader before the journey started: forget what it gave."""
        self.identity = None
        self._status("")
        self.query_one("#birth-complete", Vertical).remove_children()
        self.query_one("#start", Button).display = False

    @on(Button.Pressed, "#start")
    def _start(self, event: Button.Pressed) -> None:
        event.stop()
        identity = self.identity
        if identity is None:
            return
        if identity.needs_birth_date:
            chosen = self.query_one("#birth-complete DatePicker", DatePicker).value.isoformat()
            if not identity.accepts_birth_date(chosen):
                known = identity.birth_date_partial
                self._status(self.say("identify.birth_mismatch", known=known))
                return
            identity = identity.with_birth_date(chosen)
        self.start_journey(identity, self.session.citizen_language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-start")
    def start_journey(self, identity: Identity, language: str) -> None:
        """journey.started, citizen.identified and the card's answers, in one transaction."""
        try:
            journey_id = self.desk.start_with_identity(identity, language)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(JourneyStarted(journey_id))

    async def on_journey_started(self, message: JourneyStarted) -> None:
        message.stop()
        self.session.card_in_use = True
        self.identity = None
        await self._clear_birth_picker()
        self.post_message(JourneyOpened(message.journey_id, ask_consent=True))


def _picker_within(known: str, labels: tuple[str, str, str]) -> DatePicker:
    """A date picker on the first day the card's part of a date allows, held to its year.

    Args:
        known: What the card gives: the year ("1985") or the year and month ("1985-06").
        labels: The words for day, month and year.
    """
    parts = [int(part) for part in known.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 1
    return DatePicker(
        dt.date(year, month, 1), labels=labels, first_year=year, last_year=year, id="birth-picker"
    )
