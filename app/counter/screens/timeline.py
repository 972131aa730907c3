"""Timeline: a journey's whole history across channels, newest first.

A journey linked to another (``sync.linked``) shows both as one timeline, in HLC
order; times recorded by a clock the central store found off are marked with the
offset (``sync.domain.clocks``).
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import DataTable, Label

from app.counter.journey_screen import JourneyScreen
from app.describe import CHANNEL_ICONS, recorded_by, what, when, who
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import toned
from sync.domain.assistance import from_citizen
from sync.domain.clocks import marks
from sync.domain.events import Event
from sync.domain.fold import JourneyState
from sync.domain.ids import format_reference
from sync.linked import linked_timeline

CHUNK = 250
"""Rows added per frame once the first screenful is shown (some 20 ms of work each)."""


class TimelineScreen(JourneyScreen):
    """Who did what, where and when, for every event of the journey.

    The rows a screen can show are added before the first frame; the older ones
    follow a few hundred per frame, so a journey of thousands of events opens about
    as fast as a short one, and the table fills in below the rows being read.
    """

    HELP_TEXT = "help.timeline"

    def __init__(
        self,
        journey_id: str,
        *,
        via: str | None = None,
        loaded: tuple[JourneyState, list[Event]] | None = None,
    ) -> None:
        super().__init__(journey_id, via=via, loaded=loaded)
        self._shown: list[str] | None = None
        """Ids of the events the table was filled from, in order."""
        self._filling = 0
        """Bumped at each fill, so that a fill still adding rows stops."""
        self._merged: list[Event] | None = None
        """The events with those of its linked journeys (``sync.linked``), once read."""
        self._clock_marks: dict[str, int] = {}
        """Offsets of the events recorded by a clock the central store found off."""

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self._title(), id="timeline-title", classes="title")
        table: DataTable[str | Text] = DataTable(
            id="timeline", cursor_type="row", zebra_stripes=True
        )
        yield table
        yield KeyFooter()

    def _title(self) -> str:
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        name = self.state.citizen.name if self.state and self.state.citizen else ""
        return self.t("timeline.title", ref=ref, name=name)

    def load_extra(self, state: JourneyState) -> None:
        link = self.session.sync_link
        operator = self.desk.operator.id if self.desk.operator is not None else None

        def fetch(ref: str) -> str | None:
            if link is None or not link.up:
                return None
            return link.fetch(self.desk.store, ref, operator).journey_id

        self._merged = linked_timeline(self.desk.store, self.journey_id, fetch)

    @property
    def shown_events(self) -> list[Event]:
        """What the table shows: the journey's events, and its linked journeys' once read."""
        return self._merged if self._merged is not None else self.events

    async def show_state(self, first: bool) -> None:
        shown = [event.id for event in self.shown_events]
        if shown == self._shown:
            return  # read again, nothing new: the table already shows it
        self._fill(shown)

    async def relabel(self) -> None:
        await super().relabel()
        self._fill([event.id for event in self.shown_events])

    def _fill(self, shown: list[str]) -> None:
        self._shown = shown
        self._filling += 1
        self._clock_marks = marks(self.shown_events)
        self.query_one("#timeline-title", Label).update(self._title())
        table: DataTable[str | Text] = self.query_one("#timeline", DataTable)
        table.clear(columns=True)
        for key in ("col.when", "col.who", "col.what", "col.where"):
            table.add_column(self.t(key), key=key)
        newest_first = self.shown_events[::-1]
        first_screenful = self.app.size.height
        self._add_rows(table, newest_first[:first_screenful])
        table.focus()
        self._add_later(table, newest_first[first_screenful:], self._filling)

    def _add_later(self, table: DataTable[str | Text], events: list[Event], filling: int) -> None:
        """Add ``events`` a chunk per frame, unless a newer fill started."""

        def add_chunk() -> None:
            if filling != self._filling or not table.is_attached:
                return
            self._add_rows(table, events[:CHUNK])
            self._add_later(table, events[CHUNK:], filling)

        if events:
            self.call_after_refresh(add_chunk)

    def _add_rows(self, table: DataTable[str | Text], events: list[Event]) -> None:
        lang = self.session.ui_language
        catalogue = self.desk.catalogue
        for event in events:
            where = Text(f"{CHANNEL_ICONS.get(event.channel, '?')} ")
            where.append(f"{self.t('channel.' + event.channel)} · {event.site_id}")
            said = what(event, catalogue, lang)
            told: str | Text = said
            if event.type == "assistance.requested" and from_citizen(event.channel):
                told = toned(self, said, "help", bold=True)
            at: str | Text = when(event.wall, lang)
            if event.id in self._clock_marks:
                at = toned(self, f"{at} ⚠ {recorded_by(self._clock_marks[event.id], lang)}", "warn")
            table.add_row(
                at,
                who(event.actor, lang),
                told,
                where,
                key=event.id,
            )

    def action_timeline(self) -> None:
        """Already here."""
