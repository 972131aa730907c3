"""The self-service kiosk's Textual application: locked down, forgetful, calls a human.

Its own App class with ``inherit_bindings=False`` and no command palette: the
keys a terminal app is left with do nothing (``app.kiosk.lockdown``), and only
the operator's key sequence and PIN close it (audited). After ``idle_seconds``
without input a countdown asks whether the citizen is still there, then every
screen is popped and the citizen forgotten; so too when they say stop after
pulling their card out. Screens post intents (``app.kiosk.intents``);
``app.kiosk.navigation`` maps them to screens. Workers report failures as
``OperationFailed``; the citizen sees a calm message and a mediator is called.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from app.desk import Clock, Desk
from app.failures import RECOVERABLE
from app.kiosk import intents, navigation
from app.kiosk.kiosk_desk import KioskDesk
from app.kiosk.kiosk_messages import CardPulled, MediatorCalled
from app.kiosk.kiosk_session import KioskSession
from app.kiosk.lockdown import BLOCKED, ExitSequence
from app.kiosk.speech import Speech, personal_values, spoken_text
from app.kiosk.themes import HIGH_CONTRAST, theme_name
from app.kiosk.voice import Speaker
from app.messages import OperationFailed, SyncDone, SyncState, SyncStateWanted, SyncWanted
from app.startup import resume_collector
from sync.errors import CatalogueError
from sync.link import SyncLink

Monotonic = Callable[[], float]


class KioskApp(App[None], inherit_bindings=False):
    """The kiosk app (``[site] mode = "kiosk"``).

    Args:
        desk: The journey operations (channel ``kiosk``).
        kiosk: The kiosk's own operations (date of birth, mediator, exit PIN).
        speaker: What reads screens aloud.
        languages: The languages the site offers; the first is the default.
        idle_seconds: Seconds without input before the countdown.
        countdown_seconds: How long the countdown lasts.
        large_text: Start with large text.
        high_contrast: Start with the high-contrast theme.
        exit_keys: The operator's key sequence.
        clock: The time now (aware).
        sync_link: The central store to sync with (None: none).
        monotonic: The clock idle time is counted on (tests pass their own).
    """

    CSS_PATH = "kiosk.tcss"
    TITLE = "Counterpart"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "listen", show=False, priority=True),
        Binding("f2", "call_mediator", show=False, priority=True),
        Binding("f3", "text_size", show=False, priority=True),
        Binding("f4", "contrast", show=False, priority=True),
    ]

    def __init__(
        self,
        desk: Desk,
        *,
        kiosk: KioskDesk,
        speaker: Speaker,
        languages: tuple[str, ...],
        idle_seconds: float,
        countdown_seconds: float,
        large_text: bool,
        high_contrast: bool,
        exit_keys: tuple[str, ...],
        clock: Clock | None = None,
        sync_link: SyncLink | None = None,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__()
        self.session = KioskSession(
            desk,
            kiosk=kiosk,
            speaker=speaker,
            languages=languages,
            large_text=large_text,
            high_contrast=high_contrast,
            clock=clock,
            sync_link=sync_link,
        )
        self.idle_seconds = idle_seconds
        self.countdown_seconds = countdown_seconds
        self.monotonic = monotonic
        self.last_input = monotonic()
        self.exit_sequence = ExitSequence(exit_keys)
        self.fatal_error: Exception | None = None
        """Why the app closed itself (a broken catalogue), for the command line to report."""

    @property
    def desk(self) -> Desk:
        """The journey operations (the session's)."""
        return self.session.desk

    @property
    def sync_link(self) -> SyncLink | None:
        """The central store this kiosk syncs with, if any."""
        return self.session.sync_link

    # -- lifecycle -----------------------------------------------------------------

    def on_mount(self) -> None:
        self.register_theme(HIGH_CONTRAST)
        self._apply_display()
        self.push_screen(navigation.first_screen())
        self.set_interval(1.0, self.idle_tick)
        self.call_after_refresh(resume_collector)
        self.call_after_refresh(self.prepare)
        self.watch_card()
        if self.sync_link is not None:
            self.set_interval(self.sync_link.interval_seconds, self.sync_now)
            self.call_after_refresh(self.sync_now)
        self.drain_waiting_receipts()

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare")
    def prepare(self) -> None:
        """Read the catalogue ahead of the first citizen."""
        try:
            self.desk.prepare()
        except CatalogueError as exc:
            self.call_from_thread(self.exit_with_error, exc)

    def exit_with_error(self, error: Exception) -> None:
        """Close the app, which cannot work without what failed; the CLI reports it."""
        self.fatal_error = error
        self.exit(return_code=1)

    # -- keys: locked down, and the operator's way out -------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self.last_input = self.monotonic()
        if isinstance(event, events.Key) and not event.is_forwarded:  # once, as read
            if event.key in BLOCKED:
                event.prevent_default()
                event.stop()
                return  # never dispatched: no quit, suspend, palette or copy
            if self.exit_sequence.pressed(event.key):
                event.stop()
                self.ask_exit_pin()
                return
        await super().on_event(event)

    def ask_exit_pin(self) -> None:
        """Cover the screen with the operator's PIN field."""
        if not navigation.is_asking_pin(self.screen):
            self.push_screen(navigation.exit_screen())

    # -- forgetting the citizen ------------------------------------------------------

    def idle_tick(self) -> None:
        """Start the countdown after ``idle_seconds`` without input (not on the attract screen)."""
        screen = self.screen
        if navigation.is_attract(screen) or navigation.is_counting_down(screen):
            return
        if self.monotonic() - self.last_input >= self.idle_seconds:
            self.push_screen(navigation.idle_screen(self.countdown_seconds, self.monotonic))

    @on(intents.Forget)
    async def forget_citizen(self, intent: intents.Forget | None = None) -> None:
        """Clear every screen, forget the citizen, release the card; the journey stays."""
        if intent is not None:
            intent.stop()
        self.session.forget()
        self.clear_notifications()
        self.release_card()
        await navigation.start_again(self)
        self._apply_display()
        self.last_input = self.monotonic()
        self.sync_now()

    def release_card(self) -> None:
        """Let go of the card: the simulated reader's demo card is taken out."""
        remove = getattr(self.desk.card_reader, "remove", None)
        if remove is not None:
            remove()

    def watch_card(self) -> None:
        """Hear when a card is pulled out (the reader's thread posts a message)."""
        reader = self.desk.card_reader
        if reader is None:
            return
        try:
            reader.open()
            reader.watch(lambda _name, _atr: None, self._card_left)
        except RECOVERABLE:
            return  # no card service: cards cannot be read, typing still works

    def _card_left(self, _reader: str) -> None:
        self.post_message(CardPulled())  # the reader's thread: a message only

    def on_card_pulled(self, message: CardPulled) -> None:
        navigation.card_removed(self.screen)
        if self.session.card_in_use and self.session.journey_id is not None:
            self.session.card_in_use = False
            self.push_screen(navigation.card_gone_screen())

    # -- listen, a mediator, text size, contrast -------------------------------------

    def action_listen(self) -> None:
        """Read the screen on top aloud."""
        self.post_message(intents.Listen())

    def action_call_mediator(self) -> None:
        """Ask for a person."""
        self.post_message(intents.CallMediator())

    def action_text_size(self) -> None:
        """Larger or ordinary text."""
        self.post_message(intents.ToggleLargeText())

    def action_contrast(self) -> None:
        """High contrast or ordinary colours."""
        self.post_message(intents.ToggleContrast())

    @on(intents.Listen)
    def _listen(self, intent: intents.Listen) -> None:
        intent.stop()
        speech = getattr(self.screen, "speech", None)
        if speech is None:
            return
        typed: list[str] = getattr(self.screen, "typed", list)()
        self.speak(speech(), typed, self.session.journey_id, self.session.citizen_language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-speak")
    def speak(self, speech: Speech, typed: list[str], journey_id: str | None, lang: str) -> None:
        """Speak the screen's text, without the journey's personal data (blocks while speaking)."""
        personal = list(typed)
        try:
            if journey_id is not None:
                state = self.desk.journey(journey_id)
                citizen = state.citizen
                if citizen is not None:
                    personal += [citizen.name, citizen.birth_date, citizen.national_number or ""]
                personal += [state.ref or ""]
                personal += personal_values(a.value for a in state.answers.values())
            self.session.speaker.say(spoken_text(speech, personal), lang)
        except RECOVERABLE:
            return  # no sound: the screen still says it all

    @on(intents.CallMediator)
    def _call(self, intent: intents.CallMediator) -> None:
        intent.stop()
        where = getattr(self.screen, "where", None)
        screen, service, step = where() if where is not None else ("kiosk", None, None)
        self.call_mediator(self.session.journey_id, screen, service, step, intent.reason)

    @work(thread=True, exclusive=False, exit_on_error=False, group="kiosk-mediator")
    def call_mediator(
        self,
        journey_id: str | None,
        screen: str,
        service: str | None,
        step: str | None,
        reason: str | None,
    ) -> None:
        """assistance.requested (on the journey, if one is open) and its ticket."""
        try:
            ticket = self.session.kiosk.call_mediator(
                journey_id, screen=screen, service=service, step=step, reason=reason
            )
        except RECOVERABLE:
            ticket = 0  # the store failed: the message still tells them to wait
        self.post_message(MediatorCalled(ticket, reason))
        self.post_message(SyncWanted())

    def on_mediator_called(self, message: MediatorCalled) -> None:
        texts = {"printer": None, "offline": None, "fault": "fault.body"}
        self.push_screen(
            navigation.mediator_screen(message.ticket, texts.get(message.reason or ""))
        )

    @on(intents.ToggleLargeText)
    def _text_size(self, intent: intents.ToggleLargeText) -> None:
        intent.stop()
        self.session.large_text = not self.session.large_text
        self._apply_display()

    @on(intents.ToggleContrast)
    def _contrast(self, intent: intents.ToggleContrast) -> None:
        intent.stop()
        self.session.high_contrast = not self.session.high_contrast
        self._apply_display()

    def _apply_display(self) -> None:
        self.theme = theme_name(self.session.high_contrast)
        self.set_class(self.session.large_text, "-large-text")

    # -- navigation ------------------------------------------------------------------

    @on(intents.Navigate)
    async def _navigate(self, intent: intents.Navigate) -> None:
        intent.stop()
        await navigation.navigate(self, self.session, intent)

    # -- failures --------------------------------------------------------------------

    def on_operation_failed(self, message: OperationFailed) -> None:
        self.post_message(intents.CallMediator(reason="fault"))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The one place an unexpected worker failure lands: calm words and a person.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.post_message(intents.CallMediator(reason="fault"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="printer-start")
    def drain_waiting_receipts(self) -> None:
        """Print the receipts an earlier run left in the queue."""
        if self.desk.printer is not None and self.desk.print_queue.pending():
            self.desk.drain_printer()

    # -- sync ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def sync_now(self) -> None:
        """One round with the central store, if there is one."""
        if self.sync_link is not None:
            self.post_message(SyncDone(self.sync_link.sync_round(self.desk.store)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-state")
    def refresh_sync_state(self) -> None:
        """Count the events the central store has not acknowledged."""
        self.post_message(SyncState(self.desk.store.backlog()))

    def on_sync_wanted(self, message: SyncWanted) -> None:
        self.sync_now()

    def on_sync_state_wanted(self, message: SyncStateWanted) -> None:
        self.refresh_sync_state()

    def on_sync_done(self, message: SyncDone) -> None:
        self.session.sync_state(message.outcome.waiting, message.outcome)

    def on_sync_state(self, message: SyncState) -> None:
        self.session.sync_state(message.waiting)
