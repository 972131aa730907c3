"""The van: the counter app plus offline awareness (``[site] mode = "van"``).

On top of the counter (``app.counter.app``) the van keeps, in the header of
every screen, how long since the last sync and how many events wait
(``app.widgets.van_sync``); F7 shows the day (``app.counter.screens.day``); and it
syncs by itself: the interval rounds look for a link, and a round that finds one
after none was there says so. Neither a round nor a save's nudge starts while
the mediator is in the middle of a form (``sync.domain.van.busy_in_form``): the
``SyncGate`` holds them, and the round runs as soon as the field is saved or the
screen left. The van watches the screen on top on each keystroke and once a
second; what counts as busy is the domain's, what the screen holds is read here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from textual import on, work
from textual.binding import Binding, BindingType
from textual.widgets import Input

from app.counter import intents
from app.counter.app import CounterpartApp
from app.messages import SyncDone, SyncState
from app.widgets.field_row import FieldRow
from sync.domain.van import FormActivity, busy_in_form, link_appeared
from sync.van import SyncGate, last_sync

WATCH_SECONDS = 1.0
"""How often the van looks at the screen on top for a form being edited."""

TYPED_IDENTITY = "manual-"
"""Id prefix of the identify screen's typed identity fields (saved only when it starts)."""


class VanApp(CounterpartApp):
    """The counter app in van mode.

    Args:
        desk, languages, mode, clock, lock_after, sync_link: as ``CounterpartApp``.
        gate: Holds sync rounds back while a form is being edited (the factory's nudge
            goes through it too).
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *CounterpartApp.BINDINGS,
        Binding("f7", "day", "key.day"),
    ]

    def __init__(self, *args: Any, gate: SyncGate | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.gate = gate or SyncGate()

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(WATCH_SECONDS, self.watch_form)

    def action_day(self) -> None:
        """Show the van's day."""
        self.post_message(intents.ShowDay())

    def form_activity(self) -> FormActivity:
        """What the screen on top holds: a form, and how many of its fields are edited."""
        screen = self.screen
        rows = list(screen.query(FieldRow))
        typed = [
            w for w in screen.query(Input) if w.id is not None and w.id.startswith(TYPED_IDENTITY)
        ]
        edited = sum(1 for row in rows if row.edited) + sum(1 for w in typed if w.value.strip())
        return FormActivity(on_form=bool(rows or typed), edited_fields=edited)

    def watch_form(self) -> None:
        """Hold rounds back while a form is being edited; run a held one once it is not."""
        busy = busy_in_form(self.form_activity())
        if busy == self.session.sync_held:
            return
        self.session.sync_held = busy
        if busy:
            self.gate.hold()
        elif self.gate.release():
            self.sync_now()
        self.session.changed()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        # Before the round a nudge would start, not up to a second later.
        self.watch_form()

    @on(intents.Navigate)
    def _screen_changes(self, intent: intents.Navigate) -> None:
        # Leaving a form ends the wait at once (the counter's handler navigates).
        self.call_after_refresh(self.watch_form)

    def sync_now(self) -> Any:
        """A round now, unless the mediator is in the middle of a form: then it waits."""
        if not self.gate.admit():
            return None
        return super().sync_now()

    def on_sync_state(self, message: SyncState) -> None:
        super().on_sync_state(message)
        self.read_last_sync()

    @work(thread=True, exclusive=True, exit_on_error=False, group="van-last-sync")
    def read_last_sync(self) -> None:
        """Read when a round last reached the central store (an earlier run's too)."""
        when = last_sync(self.desk.store)
        if when is not None:
            self.call_from_thread(self._last_sync_read, when)

    def _last_sync_read(self, when: datetime) -> None:
        if self.session.last_sync is None or when > self.session.last_sync:
            self.session.last_sync = when
            self.session.changed()

    def on_sync_done(self, message: SyncDone) -> None:
        before = self.session.sync_outcome
        super().on_sync_done(message)
        outcome = message.outcome
        if link_appeared(before.state if before is not None else None, outcome.state):
            report = outcome.report
            if before is not None and report is not None:  # not the start-up round
                self.notify(self.t("van.link_found", pushed=report.pushed, pulled=report.pulled))
