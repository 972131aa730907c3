"""Reminders: schedule, see and cancel the messages a journey's citizen will be sent."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Input, Label, Static

from app.counter.journey_screen import JourneyScreen
from app.failures import RECOVERABLE
from app.messages import EventSaved
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from sync.catalogue.dates import show_date
from sync.domain.ids import format_reference
from sync.domain.notify import may_contact, parse_utc


class RemindersScreen(JourneyScreen):
    """The journey's reminders, newest last; a day and what to do schedules another.

    A reminder goes at 09:00 on its day, only while the citizen agrees to messages.
    """

    HELP_TEXT = "help.reminders"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "schedule", "key.schedule_reminder"),
        Binding("ctrl+d", "cancel_reminder", "key.cancel_reminder"),
    ]

    def compose(self) -> ComposeResult:
        yield StatusBar()
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        yield Label(self.t("reminders.title", ref=ref), classes="title")
        if self.state is not None and not may_contact(self.state):
            yield Static(self.t("reminders.no_contact"), id="reminders-no-contact", classes="error")
        table: DataTable[str] = DataTable(id="reminders", cursor_type="row")
        yield table
        yield Label(self.t("reminders.day"))
        yield Entry(placeholder="2026-12-24", id="reminder-day")
        yield Label(self.t("reminders.what"))
        yield Entry(id="reminder-what", max_length=200)
        yield Static("", id="reminder-error", classes="error")
        yield KeyFooter()

    async def show_state(self, first: bool) -> None:
        await self.recompose()
        table = self.query_one("#reminders", DataTable)
        table.add_columns(self.t("reminders.col.day"), self.t("reminders.col.what"),
                          self.t("reminders.col.state"))  # fmt: skip
        lang = self.session.ui_language
        reminders = sorted(self.state.reminders.values(), key=lambda r: r.at) if self.state else []
        for reminder in reminders:
            day = parse_utc(reminder.at).astimezone().date().isoformat()
            state = "reminders.cancelled" if reminder.cancelled else "reminders.scheduled"
            table.add_row(show_date(day, lang), reminder.what, self.t(state),
                          key=reminder.reminder_id)  # fmt: skip
        if not reminders:
            table.add_row("—", self.t("reminders.none"), "")
        self.query_one("#reminder-day", Input).focus()

    def action_schedule(self) -> None:
        """Schedule a reminder for the typed day, saying what to do."""
        error = self.query_one("#reminder-error", Static)
        typed = self.query_one("#reminder-day", Input).value.strip()
        try:
            day = dt.date.fromisoformat(typed)
        except ValueError:
            error.update(self.t("reminders.bad_day", typed=typed))
            return
        self.save(day, self.query_one("#reminder-what", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reminders")
    def save(self, day: dt.date, what: str) -> None:
        """reminder.scheduled."""
        try:
            event = self.desk.schedule_reminder(self.journey_id, day, what)
        except ValueError as exc:
            key = "reminders.past" if str(exc) == "past" else "reminders.what_needed"
            self.app.call_from_thread(self.query_one("#reminder-error", Static).update, self.t(key))
            return
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.save(day, what))
            return
        self.post_message(EventSaved(event, "reminder"))

    def action_cancel_reminder(self) -> None:
        """Cancel the highlighted reminder."""
        table = self.query_one("#reminders", DataTable)
        if self.state is None or table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        reminder = self.state.reminders.get(key or "")
        if reminder is None or reminder.cancelled:
            return
        self.cancel(reminder.reminder_id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="reminders")
    def cancel(self, reminder_id: str) -> None:
        """reminder.cancelled."""
        try:
            event = self.desk.cancel_reminder(self.journey_id, reminder_id)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.cancel(reminder_id))
            return
        self.post_message(EventSaved(event, "reminder"))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.reload()
