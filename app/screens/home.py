"""Home: today's journeys at this machine; resume by reference or by scanning a receipt."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Footer, Input, Label, Static

from app.messages import JourneyFound
from app.screens.base import CounterScreen
from app.widgets.status_bar import StatusBar
from sync.domain.ids import format_reference
from sync.store.store import JourneyRow

CHANNEL_ICONS = {"counter": "■", "van": "▶", "kiosk": "◆", "web": "●", "backoffice": "▲"}
"""One-cell marks of the channel a journey was last active on."""


class HomeScreen(CounterScreen):
    """Today's journeys; typing anywhere goes to the resume field (a scanner types too)."""

    HELP_TEXT = "help.home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_journey", "key.new_journey"),
        Binding("f5", "reload", "key.reload"),
        Binding("ctrl+l", "lock", "key.lock"),
        Binding("ctrl+o", "sign_out", "key.sign_out"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[JourneyRow] = []

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal(id="resume-row"):
            yield Label(self.t("home.resume"), id="resume-label")
            yield Input(
                id="resume",
                placeholder=self.t("home.resume_placeholder"),
                select_on_focus=False,
            )
        yield Static("", id="home-message", classes="hint")
        yield Label(self.t("home.today"), classes="section")
        table: DataTable[str | Text] = DataTable(
            id="journeys", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield Static(self.t("home.empty"), id="home-empty", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.capp.journey_id = None
        self.query_one("#resume", Input).focus()
        self._fill_table()
        self.load_today()

    async def relabel(self) -> None:
        await super().relabel()
        self._fill_table()

    def on_screen_resume(self) -> None:
        self.capp.journey_id = None
        self.load_today()

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-today")
    def load_today(self) -> None:
        """Read today's journeys from the store."""
        try:
            rows = self.desk.today()
        except Exception as exc:
            self.fail(exc, self.load_today)
            return
        self.app.call_from_thread(self._show_rows, rows)

    def _show_rows(self, rows: list[JourneyRow]) -> None:
        self.rows = rows
        self._fill_table()

    def _fill_table(self) -> None:
        table: DataTable[str | Text] = self.query_one("#journeys", DataTable)
        table.clear(columns=True)
        for key in (
            "col.ref",
            "col.citizen",
            "col.services",
            "col.last",
            "col.channel",
            "col.state",
        ):
            table.add_column(self.t(key), key=key)
        for row in self.rows:
            state = self.t("state.closed") if row.closed else self.t("state.open")
            channel = Text(f"{CHANNEL_ICONS.get(row.last_channel, '?')} ")
            channel.append(self.t(f"channel.{row.last_channel}"))
            table.add_row(
                format_reference(row.ref) if row.ref else "—",
                row.citizen_name or self.t("home.unidentified"),
                str(row.service_count),
                self._time(row.last_wall),
                channel,
                state,
                key=row.journey_id,
            )
        self.query_one("#home-empty", Static).display = not self.rows
        if self.status_bar is not None:
            self.status_bar.refresh_status()

    def _time(self, wall: str) -> str:
        from datetime import datetime

        try:
            moment = datetime.fromisoformat(wall.replace("Z", "+00:00"))
        except ValueError:
            return wall[11:16]
        return moment.astimezone().strftime("%H:%M")

    # -- typing anywhere -------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        resume = self.query_one("#resume", Input)
        if self.focused is resume or event.character is None or not event.is_printable:
            return
        # A USB scanner types the handoff URL into whatever has focus: catch it.
        resume.focus()
        resume.insert_text_at_cursor(event.character)
        event.stop()
        event.prevent_default()

    @on(Input.Submitted, "#resume")
    def _resume(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        self.query_one("#home-message", Static).update(self.t("home.looking"))
        self.find_journey(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-find")
    def find_journey(self, text: str) -> None:
        """Look a reference or handoff link up in the store."""
        try:
            found = self.desk.find(text)
        except Exception as exc:
            self.fail(exc, lambda: self.find_journey(text))
            return
        self.post_message(JourneyFound(found.journey_id, found.problem, found.via))

    def on_journey_found(self, message: JourneyFound) -> None:
        message.stop()
        if message.journey_id is None:
            self.query_one("#home-message", Static).update(
                Text(self.t(message.problem or "home.not_here"), style="bold red")
            )
            return
        self.query_one("#home-message", Static).update("")
        self.query_one("#resume", Input).value = ""
        self.open_journey(message.journey_id, message.via)

    @on(DataTable.RowSelected, "#journeys")
    def _open_row(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_journey(event.row_key.value, "list")

    def open_journey(self, journey_id: str, via: str) -> None:
        """Show a journey's overview (the reading is audited)."""
        from app.screens.review import ReviewScreen

        self.capp.journey_id = journey_id
        self.app.push_screen(ReviewScreen(journey_id, via=via))

    # -- actions ---------------------------------------------------------------

    def action_new_journey(self) -> None:
        """Start a journey: first, who is the citizen."""
        from app.screens.identify import IdentifyScreen

        self.app.push_screen(IdentifyScreen())

    def action_reload(self) -> None:
        """Read today's journeys again."""
        self.load_today()
        self.capp.refresh_sync_state()

    def action_lock(self) -> None:
        """Lock the screen now."""
        self.capp.lock()

    def action_sign_out(self) -> None:
        """Sign out."""
        self.capp.sign_out()
