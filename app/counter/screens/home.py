"""Home: today's journeys at this machine; resume by reference, by the citizen's name or
by scanning a receipt.

A reference or a scanned receipt's link that is not here is fetched from the
central store (in a worker, audited there as the signed-in operator's read; a
link by its token's hash). When a reference cannot be fetched, home says why in
plain words and F6 offers a journey linked to it (``sync.linked``); when a link
cannot, home asks for the reference printed beside it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Input, Label, Static
from textual.widgets.input import Selection
from textual.worker import get_current_worker

from app.counter.base import CounterScreen
from app.counter.intents import LockNow, OpenJourney, SignOut, StartJourney
from app.describe import CHANNEL_ICONS
from app.failures import RECOVERABLE
from app.messages import JourneyFound, SyncStateWanted
from app.outcomes import Found
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import Tone, toned
from sync.domain.ids import format_reference, parse_reference
from sync.link import Fetched
from sync.store.store import JourneyRow

FETCH_PROBLEMS = {
    "unknown": "home.central_unknown",
    "offline": "home.central_offline",
    "not_enrolled": "home.central_not_enrolled",
    "unauthorized": "home.central_not_enrolled",
    "refused": "home.central_refused",
}
"""What home says when a reference could not be fetched, by ``Fetched.state``."""

LINK_FETCH_PROBLEMS = {
    "unknown": "home.link_central_unknown",
    "offline": "home.link_central_offline",
    "not_enrolled": "home.link_central_not_enrolled",
    "unauthorized": "home.link_central_not_enrolled",
    "refused": "home.link_central_refused",
}
"""What home says when a scanned link's journey could not be fetched: each asks for the
receipt's reference (which, offline, offers a linked journey)."""


def fetch_answer(ref: str, fetched: Fetched) -> JourneyFound:
    """What home shows after asking the central store for ``ref``.

    Anything but ``found`` offers a linked journey: the referenced one may be in a
    van that has not synced yet, or the network may come back.
    """
    if fetched.journey_id is not None:
        return JourneyFound(fetched.journey_id, None, "fetched")
    return JourneyFound(
        None, FETCH_PROBLEMS[fetched.state], "reference", linkable=ref, detail=fetched.error or ""
    )


def link_fetch_answer(fetched: Fetched, found_again: Found | None) -> JourneyFound:
    """What home shows after asking the central store for a scanned link's journey.

    Args:
        fetched: What the central store answered.
        found_again: The link looked up here again once its journey was fetched (a
            revoked or expired link says so, as for a journey that was here).
    """
    if found_again is not None:
        if found_again.journey_id is not None:
            return JourneyFound(found_again.journey_id, None, "fetched_by_link")
        return JourneyFound(None, found_again.problem, "handoff")
    problem = LINK_FETCH_PROBLEMS.get(fetched.state, "home.link_central_unknown")
    return JourneyFound(None, problem, "handoff", detail=fetched.error or "")


class HomeScreen(CounterScreen):
    """Today's journeys; typing anywhere goes to the resume field (a scanner types too)."""

    HELP_TEXT = "help.home"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "new_journey", "key.new_journey"),
        Binding("f6", "new_linked_journey", "key.linked_journey"),
        Binding("f5", "reload", "key.reload"),
        Binding("ctrl+l", "lock", "key.lock"),
        Binding("ctrl+o", "sign_out", "key.sign_out"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[JourneyRow] = []
        self.linkable: str | None = None
        """The reference F6 starts a linked journey for (None: F6 is not offered)."""
        self._said: tuple[str, Tone | None, dict[str, str]] | None = None
        # The references closed as abandoned since Home was last shown: its loads can
        # overlap (mount, then resume), and the note names each, whichever load closed it.
        self._abandoned: list[str] = []

    def compose(self) -> ComposeResult:
        yield StatusBar()
        with Horizontal(id="resume-row"):
            yield Label(self.t("home.resume"), id="resume-label")
            yield Entry(
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
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self.session.close_journey()
        self.query_one("#resume", Input).focus()
        self._fill_table()
        self.load_today(self.session.take_left())

    async def relabel(self) -> None:
        await super().relabel()
        self._fill_table()
        self._show_said()

    def on_screen_resume(self) -> None:
        if self._said is not None and self._said[1] == "error":  # a QR or reference error
            self._say(None)  # is about what was typed then, not the screen come back to
            self.query_one("#resume", Input).value = ""
        self.session.close_journey()
        self.load_today(self.session.take_left())

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-today")
    def load_today(self, left: str | None = None) -> None:
        """Read today's journeys from the store, after closing as abandoned the journey
        just left and any other without a service (``Desk.leave_all``)."""
        try:
            closed = self.desk.leave_all(left)
            rows = self.desk.today()
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.load_today(left))
            return
        if closed:
            refs = {r.journey_id: r.ref for r in rows}
            shown = [format_reference(ref) if (ref := refs.get(j)) else "—" for j in closed]
            self.app.call_from_thread(self._say_abandoned, shown)
        self.app.call_from_thread(self._show_rows, rows)

    def _say_abandoned(self, refs: list[str]) -> None:
        self._abandoned += [ref for ref in refs if ref not in self._abandoned]
        key = "home.abandoned" if len(self._abandoned) == 1 else "home.abandoned_many"
        self._say(key, "note", ref=", ".join(self._abandoned))

    def on_screen_suspend(self) -> None:
        self._abandoned = []  # the next note is about the journeys left after this
        if self._said is not None and self._said[0] in ("home.abandoned", "home.abandoned_many"):
            self._say(None)  # said of the last visit: Home come back to says what is new

    def _show_rows(self, rows: list[JourneyRow]) -> None:
        self.rows = rows
        self._fill_table()

    def _fill_table(self) -> None:
        table: DataTable[str | Text] = self.query_one("#journeys", DataTable)
        table.clear(columns=True)
        keys = ("col.ref", "col.citizen", "col.services", "col.last", "col.channel", "col.state")
        cells: list[tuple[str, tuple[str | Text, ...]]] = []
        for row in self.rows:
            state = self.t("state.closed") if row.closed else self.t("state.open")
            channel = Text(f"{CHANNEL_ICONS.get(row.last_channel, '?')} ")
            channel.append(self.t(f"channel.{row.last_channel}"))
            cells.append((row.journey_id, (
                format_reference(row.ref) if row.ref else "—",
                row.citizen_name or self.t("home.unidentified"),
                str(row.service_count),
                self._time(row.last_wall),
                channel,
                state,
            )))  # fmt: skip
        # Widths from the content now, not on the table's next idle: a busy machine
        # otherwise draws a frame with every column cut to its header's width.
        for index, key in enumerate(keys):
            label = self.t(key)
            width = max([len(label), *(Text(str(c[index])).cell_len for _, c in cells)])
            table.add_column(label, key=key, width=width)
        for journey_id, row_cells in cells:
            table.add_row(*row_cells, key=journey_id)
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
        if resume.selection.is_empty:
            resume.insert_text_at_cursor(event.character)
        else:  # the text of a failed search, selected: the next scan replaces it
            resume.replace(event.character, *resume.selection)
        event.stop()
        event.prevent_default()

    @on(Input.Submitted, "#resume")
    def _resume(self, event: Input.Submitted) -> None:
        text = event.value
        if not text.strip():
            return
        self._offer_link(None)
        self._say("home.looking")
        self.find_journey(text)

    @work(thread=True, exclusive=True, exit_on_error=False, group="home-find")
    def find_journey(self, text: str) -> None:
        """Look a reference or handoff link up in the store, then in the central store."""
        link = self.session.sync_link
        try:
            found = self.desk.find(text)
            answer = JourneyFound(found.journey_id, found.problem, found.via, matches=found.matches)
            operator = self.desk.operator.id if self.desk.operator is not None else None
            if found.link_hash is not None and link is not None:
                self.app.call_from_thread(self._say, "home.asking_link")
                fetched = link.fetch_by_link(self.desk.store, found.link_hash, operator)
                again = self.desk.find(text) if fetched.journey_id is not None else None
                answer = link_fetch_answer(fetched, again)
            elif found.problem == "home.not_here" and link is not None:
                ref = parse_reference(text.strip())
                self.app.call_from_thread(self._say, "home.asking", ref=format_reference(ref))
                answer = fetch_answer(ref, link.fetch(self.desk.store, ref, operator))
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.find_journey(text))
            return
        if not get_current_worker().is_cancelled:  # a newer search replaced this one
            self.post_message(answer)

    def on_journey_found(self, message: JourneyFound) -> None:
        message.stop()
        if message.journey_id is None:
            # Keep what was typed (to correct a slip) but selected, so that the next
            # scan or reference replaces it instead of being appended to it.
            resume = self.query_one("#resume", Input)
            resume.selection = Selection(0, len(resume.value))
            if message.matches:
                # Several citizens of that name: their journeys in the list, to pick one.
                self._show_rows(list(message.matches))
                self._say("home.names", "note", count=str(len(message.matches)))
                self.query_one("#journeys", DataTable).focus()
                return
            if message.linkable is None:
                self._say(message.problem or "home.not_here", "error", detail=message.detail)
                return
            # Offline or not there yet: a state to explain calmly, not an error.
            ref = format_reference(message.linkable)
            self._say(message.problem or "", None, ref=ref, detail=message.detail)
            self._offer_link(message.linkable)
            return
        self._say(None)
        self.query_one("#resume", Input).value = ""
        self.open_journey(message.journey_id, message.via)

    def _say(self, key: str | None, tone: Tone | None = None, **values: str) -> None:
        """Show a text under the resume field (kept for a language switch); None clears it."""
        self._said = (key, tone, values) if key else None
        self._show_said()

    def _show_said(self) -> None:
        shown = self.query_one("#home-message", Static)
        if self._said is None:
            shown.update("")
            return
        key, tone, values = self._said
        text = self.t(key, **values)
        shown.update(toned(self, text, tone) if tone else Text(text))

    def _offer_link(self, ref: str | None) -> None:
        self.linkable = ref
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new_linked_journey":
            return self.linkable is not None
        return True

    @on(DataTable.RowSelected, "#journeys")
    def _open_row(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open_journey(event.row_key.value, "list")

    def open_journey(self, journey_id: str, via: str) -> None:
        """Show a journey's overview (the reading is audited)."""
        self.session.journey_id = journey_id
        self.post_message(OpenJourney(journey_id, via))

    # -- actions ---------------------------------------------------------------

    def action_new_journey(self) -> None:
        """Start a journey: first, who is the citizen."""
        self.post_message(StartJourney())

    def action_new_linked_journey(self) -> None:
        """Start a journey linked to the reference that could not be fetched."""
        if self.linkable is None:
            return
        ref = self.linkable
        self._offer_link(None)
        self._say(None)
        self.query_one("#resume", Input).value = ""
        self.post_message(StartJourney(linked_to=ref))

    def action_reload(self) -> None:
        """Read today's journeys again."""
        self.load_today()
        self.post_message(SyncStateWanted())

    def action_lock(self) -> None:
        """Lock the screen now."""
        self.post_message(LockNow())

    def action_sign_out(self) -> None:
        """Sign out."""
        self.post_message(SignOut())
