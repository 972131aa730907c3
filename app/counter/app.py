"""The counter's Textual application (counter and van modes): the session, navigation, failures.

Screens do the work and post what they want next (``app.counter.intents``); the
app hands each intent to ``app.counter.navigation``, keeps the shared
``Session`` (desk, languages, open journey, sync state), runs the idle lock and
the background sync, and turns every failure into a notification with a retry
key: a worker's failure reaches ``on_worker_state_changed``, the one place it is
shown.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import App
from textual.binding import Binding, BindingType
from textual.worker import Worker, WorkerState

from app.counter import intents, navigation
from app.desk import Clock, Desk
from app.i18n import LANGS
from app.localize import localize_bindings
from app.messages import (
    LanguageSwitched,
    OperationFailed,
    ReceiptDone,
    SyncDone,
    SyncState,
    SyncStateWanted,
    SyncWanted,
)
from app.outcomes import Printed
from app.session import Session
from app.startup import collect_if_due, resume_collector
from sync.errors import CatalogueError
from sync.link import SyncLink

IDLE_SECONDS_BEFORE_COLLECTING = 3.0
"""Seconds without input after which a due full garbage collection runs."""

PRINTER_PROBE_SECONDS = 10.0
"""Seconds between two status queries of the printer while receipts wait for it."""


class CounterpartApp(App[None]):
    """The counter app (counter and van modes).

    Args:
        desk: The journey operations over the store and devices.
        languages: The languages the site offers; the first is the default.
        mode: ``counter`` or ``van``.
        clock: The time now (aware), for the header and "today".
        lock_after: Seconds without input before the screen locks (None: never).
        sync_link: The central store to sync with in the background (None: no sync).
    """

    CSS_PATH = "counterpart.tcss"
    TITLE = "Counterpart"
    ENABLE_COMMAND_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "key.help"),
        Binding("f2", "switch_language", "key.language"),
        Binding("ctrl+r", "retry", "key.retry", show=False),
        Binding("ctrl+q", "quit", "key.quit", priority=True),
    ]

    def __init__(
        self,
        desk: Desk,
        *,
        languages: tuple[str, ...] = LANGS,
        mode: str = "counter",
        clock: Clock | None = None,
        lock_after: float | None = 300.0,
        sync_link: SyncLink | None = None,
    ) -> None:
        super().__init__()
        self.session = Session(
            desk, languages=languages, mode=mode, clock=clock, sync_link=sync_link
        )
        self.lock_after = lock_after
        self._retry: Callable[[], Any] | None = None
        self._last_input = time.monotonic()
        self.fatal_error: Exception | None = None
        """Why the app closed itself (a broken catalogue), for the command line to report."""
        self.printer_probe_seconds = PRINTER_PROBE_SECONDS
        self._quit_warned = False

    @property
    def desk(self) -> Desk:
        """The journey operations (the session's)."""
        return self.session.desk

    @property
    def sync_link(self) -> SyncLink | None:
        """The central store this app syncs with, if any."""
        return self.session.sync_link

    def t(self, key: str, **values: object) -> str:
        """A UI text in the operator's language."""
        return self.session.t(key, **values)

    # -- lifecycle -------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        localize_bindings(self, self.session.ui_language)
        self.push_screen(navigation.first_screen())
        self.set_interval(2.0, self._check_idle)
        self.set_interval(IDLE_SECONDS_BEFORE_COLLECTING, self._collect_while_idle)
        self.set_interval(15.0, self.refresh_sync_state)
        self.refresh_sync_state()
        # Once the first screen is drawn, not before: reading the catalogue takes tens
        # of milliseconds, and starting an embedded central store half a second.
        self.call_after_refresh(resume_collector)
        self.call_after_refresh(self.prepare)
        if self.sync_link is not None:
            self.set_interval(self.sync_link.interval_seconds, self.sync_now)
            self.call_after_refresh(self.sync_now)
        self.drain_waiting_receipts()
        self.set_interval(self.printer_probe_seconds, self.probe_printer)

    @work(thread=True, exclusive=True, exit_on_error=False, group="prepare")
    def prepare(self) -> None:
        """Read ahead what the screens after sign-in need (their modules, the catalogue)."""
        navigation.warm_up()
        try:
            self.desk.prepare()
        except CatalogueError as exc:
            self.call_from_thread(self.exit_with_error, exc)

    def exit_with_error(self, error: Exception) -> None:
        """Close the app, which cannot work without what failed; the CLI reports it."""
        self.fatal_error = error
        self.exit(return_code=1)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown | events.Paste):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _collect_while_idle(self) -> None:
        # Full garbage collections wait for a quiet screen (app.startup).
        if time.monotonic() - self._last_input >= IDLE_SECONDS_BEFORE_COLLECTING:
            collect_if_due()

    def _check_idle(self) -> None:
        if self.lock_after is None or self.desk.operator is None:
            return
        if navigation.is_sign_in(self.screen):
            return
        if time.monotonic() - self._last_input >= self.lock_after:
            self.lock()

    def lock(self) -> None:
        """Cover the screen until the operator's PIN is typed again."""
        self.post_message(intents.LockNow())

    @on(intents.Navigate)
    async def _navigate(self, intent: intents.Navigate) -> None:
        intent.stop()
        if isinstance(intent, intents.SignOut):
            self.sign_out_desk(self.session.journey_id)
        await navigation.navigate(self, self.session, intent)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sign-out-desk")
    def sign_out_desk(self, left: str | None) -> None:
        """Close the journey left if it was abandoned, then record the sign-out (audit)."""
        if left is not None:
            self.desk.leave(left)
        self.desk.sign_out()

    # -- language --------------------------------------------------------------

    def action_switch_language(self) -> None:
        """Cycle the operator's UI language among the site's."""
        self.session.next_ui_language()
        self.post_message(LanguageSwitched())

    def on_language_switched(self, message: LanguageSwitched) -> None:
        localize_bindings(self, self.session.ui_language)
        for screen in self.screen_stack:
            relabel = getattr(screen, "relabel", None)
            if relabel is not None:
                self.call_later(relabel)

    def action_help_quit(self) -> None:
        """Ctrl+C copies, it does not quit: say which key quits (Textual's toast, translated)."""
        for key, active in self.active_bindings.items():
            if active.binding.action in ("quit", "app.quit"):
                shown = "+".join(part.capitalize() for part in key.split("+"))
                self.notify(self.t("app.quit_hint", quit_key=shown), title=self.t("app.quit_title"))
                return

    # -- help ------------------------------------------------------------------

    def action_help(self) -> None:
        """Show the help screen for the current screen."""
        self.post_message(intents.ShowHelp())

    # -- failures --------------------------------------------------------------

    def on_operation_failed(self, message: OperationFailed) -> None:
        self._retry = message.retry
        hint = f"\n{self.t('fail.retry_hint')}" if message.retry else ""
        self.notify(f"{message.detail}{hint}", title=message.title, severity="error", timeout=12)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # The one place an unexpected worker failure lands: shown, never a crash.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            title = getattr(error, "title", self.t("fail.title"))
            self.notify(str(error) or type(error).__name__, title=title, severity="error")

    def action_retry(self) -> None:
        """Run the last failed operation again."""
        retry, self._retry = self._retry, None
        if retry is None:
            self.notify(self.t("fail.nothing_to_retry"))
        else:
            retry()

    @work(thread=True, exclusive=True, exit_on_error=False, group="printer-start")
    def drain_waiting_receipts(self) -> None:
        """Print the receipts an earlier run left in the queue (a printer outage).

        Each one printed is recorded on its journey (``Desk.drain_printer``).
        """
        if self.desk.printer is None or not self.desk.print_queue.pending():
            return
        error = self.desk.drain_printer().result.error
        if error is not None:
            self.post_message(OperationFailed(error.title, str(error), self.drain_waiting_receipts))

    @work(thread=True, exclusive=True, exit_on_error=False, group="printer-probe")
    def probe_printer(self) -> None:
        """While receipts wait, ask the printer how it is; print them once it is back."""
        printed = self.desk.print_if_ready()
        if printed is not None and printed.result.printed:
            refs = ", ".join(job.journey_ref for job in printed.result.printed)
            self.call_from_thread(self._printed_on_return, printed, refs)

    def _printed_on_return(self, printed: Printed, refs: str) -> None:
        self.notify(self.t("print.came_back", refs=refs), timeout=12)
        # The journey on screen whose receipt came out says so too (its finish screen).
        journeys = {job.journey_id for job in printed.result.printed}
        if getattr(self.screen, "journey_id", None) in journeys:
            self.screen.post_message(ReceiptDone(printed))

    async def action_quit(self) -> None:
        """Quit; with receipts waiting for the printer, only when asked twice. The journey
        on screen (or just left) closes as abandoned if it has no service (``Desk.leave``)."""
        waiting = self.desk.waiting_receipts() if self.desk.printer is not None else []
        if waiting and not self._quit_warned:
            self._quit_warned = True
            refs = ", ".join(waiting)
            self.notify(self.t("print.waiting_on_quit", refs=refs), severity="warning")
            return
        for left in dict.fromkeys((self.session.journey_id, self.session.left_journey_id)):
            if left is not None:
                self.desk.leave(left)  # a journey without any service closes as abandoned
        await super().action_quit()

    # -- sync state ------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-state")
    def refresh_sync_state(self) -> None:
        """Count the events the central store has not acknowledged."""
        self.post_message(SyncState(self.desk.store.backlog()))

    def on_sync_state_wanted(self, message: SyncStateWanted) -> None:
        self.refresh_sync_state()

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def sync_now(self) -> None:
        """One round with the central store, if there is one; the header shows the outcome."""
        if self.sync_link is not None:
            self.post_message(SyncDone(self.sync_link.sync_round(self.desk.store)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync-poll")
    def poll_sync(self) -> None:
        """A round, unless one is under way or the central store was out of reach."""
        if self.sync_link is not None:
            outcome = self.sync_link.poll(self.desk.store)
            if outcome is not None:
                self.post_message(SyncDone(outcome))

    def on_sync_wanted(self, message: SyncWanted) -> None:
        if message.poll:
            self.poll_sync()
        else:
            self.sync_now()

    def on_sync_done(self, message: SyncDone) -> None:
        self.session.sync_state(message.outcome.waiting, message.outcome)

    def on_sync_state(self, message: SyncState) -> None:
        self.session.sync_state(message.waiting)
