"""The van's day: today's journeys, what waits to sync, what is parked and why, receipts.

Read from the store in a worker (``sync.van.day``) when shown, on F5, and after
each change of the session's sync state (a round ended, a save); what each part
means is ``sync.domain.van``'s. Escape goes back to the screen it covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Label, Static

from app.counter.base import CounterScreen
from app.counter.intents import Back
from app.describe import when
from app.failures import RECOVERABLE
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import toned
from app.widgets.van_sync import since_words
from sync.domain.ids import format_reference
from sync.van import Day, day


class DayScreen(CounterScreen):
    """The van's day at a glance."""

    HELP_TEXT = "help.day"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f5", "reload", "key.reload"),
        Binding("escape", "back", "key.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.day: Day | None = None
        self._unsubscribe: Callable[[], None] | None = None

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("day.title"), classes="title")
        with VerticalScroll(id="day-body"):
            yield Label(self.t("day.journeys"), classes="section")
            yield DataTable(id="day-journeys", cursor_type="row", zebra_stripes=True)
            yield Static("", id="day-no-journeys", classes="hint")
            yield Label(self.t("day.waiting"), classes="section")
            yield Static("", id="day-waiting", classes="hint")
            yield Label(self.t("day.parked"), classes="section")
            yield DataTable(id="day-parked", cursor_type="row")
            yield Static("", id="day-parked-none", classes="hint")
            yield Label(self.t("day.receipts"), classes="section")
            yield Static("", id="day-receipts", classes="hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._unsubscribe = self.session.subscribe(self._changed)
        self.load()

    def _changed(self) -> None:
        self.load()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    async def relabel(self) -> None:
        await super().relabel()
        self._show()

    @work(thread=True, exclusive=True, exit_on_error=False, group="van-day")
    def load(self) -> None:
        """Read the day from the store."""
        since = self.session.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT00:00:00Z")
        try:
            found = day(self.desk.store, since_wall=since)
        except RECOVERABLE as exc:
            self.fail(exc, self.load)
            return
        self.app.call_from_thread(self._loaded, found)

    def _loaded(self, found: Day) -> None:
        self.day = found
        if self.is_attached:
            self._show()

    def _show(self) -> None:
        if self.day is None:
            return
        found = self.day
        lang = self.session.ui_language
        journeys: DataTable[str | Text] = self.query_one("#day-journeys", DataTable)
        journeys.clear(columns=True)
        for key in ("col.ref", "col.citizen", "col.last", "col.waiting", "col.state"):
            journeys.add_column(self.t(key), key=key)
        for entry in found.journeys:
            row = entry.row
            waiting: str | Text = (
                toned(self, str(entry.waiting), "warn") if entry.waiting else Text("✓")
            )
            journeys.add_row(
                format_reference(row.ref) if row.ref else "—",
                row.citizen_name or self.t("home.unidentified"),
                when(row.last_wall, lang),
                waiting,
                self.t("state.closed") if row.closed else self.t("state.open"),
                key=row.journey_id,
            )
        self.query_one("#day-no-journeys", Static).update(
            "" if found.journeys else self.t("day.no_journeys")
        )
        waiting_line = (
            self.t("day.waiting_line", count=found.waiting, journeys=found.waiting_journeys)
            if found.waiting
            else self.t("day.waiting_none")
        )
        self.query_one("#day-waiting", Static).update(
            f"{waiting_line} · {since_words(self.session)}"
        )
        parked: DataTable[str] = self.query_one("#day-parked", DataTable)
        parked.clear(columns=True)
        parked.display = bool(found.parked)
        for key in ("col.ref", "col.event", "col.reason"):
            parked.add_column(self.t(key), key=key)
        for item in found.parked:
            parked.add_row(
                format_reference(item.ref) if item.ref else "—",
                item.event_type or f"#{item.seq}",
                item.reason,
                key=str(item.seq),
            )
        self.query_one("#day-parked-none", Static).update(
            "" if found.parked else self.t("day.parked_none")
        )
        receipts = [
            self.t(
                "day.receipt_line",
                ref=format_reference(r.ref) if r.ref else "—",
                attempts=r.attempts,
                error=r.last_error or "—",
            )
            for r in found.receipts
        ]
        self.query_one("#day-receipts", Static).update(
            "\n".join(receipts) if receipts else self.t("day.receipts_none")
        )

    def action_reload(self) -> None:
        """Read the day again."""
        self.load()

    def action_back(self) -> None:
        """Back to the screen before."""
        self.post_message(Back())
