"""Timeline: a journey's whole history across channels, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from app.describe import what, when, who
from app.screens.home import CHANNEL_ICONS
from app.screens.journey import JourneyScreen
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from sync.domain.ids import format_reference


class TimelineScreen(JourneyScreen):
    """Who did what, where and when, for every event of the journey."""

    HELP_TEXT = "help.timeline"

    def compose(self) -> ComposeResult:
        yield StatusBar()
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        name = self.state.citizen.name if self.state and self.state.citizen else ""
        yield Label(self.t("timeline.title", ref=ref, name=name), classes="title")
        table: DataTable[str | Text] = DataTable(
            id="timeline", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield KeyFooter()

    async def show_state(self, first: bool) -> None:
        await self.recompose()
        lang = self.capp.ui_language
        table: DataTable[str | Text] = self.query_one("#timeline", DataTable)
        for key in ("col.when", "col.who", "col.what", "col.where"):
            table.add_column(self.t(key), key=key)
        for event in reversed(self.events):
            where = Text(f"{CHANNEL_ICONS.get(event.channel, '?')} ")
            where.append(f"{self.t('channel.' + event.channel)} · {event.site_id}")
            table.add_row(
                when(event.wall, lang),
                who(event.actor, lang),
                what(event, self.desk.catalogue, lang),
                where,
                key=event.id,
            )
        table.focus()

    def action_timeline(self) -> None:
        """Already here."""
