"""Review: a journey at a glance — per service what is done, left, and doable at home."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Label, RadioSet, Static

from app.counter.intents import AskConsent, ChooseServices, EditSteps, Finish
from app.counter.journey_screen import JourneyScreen
from app.describe import help_place, when
from app.failures import RECOVERABLE
from app.messages import EventSaved
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tick import Choice
from app.widgets.tones import toned
from sync.catalogue.dates import show_date
from sync.domain.assistance import citizen_help
from sync.domain.closing import MEDIATOR_REASONS, is_open, receipt_possible
from sync.domain.fold import JourneyState
from sync.domain.ids import format_reference
from sync.domain.progress import service_progress
from sync.domain.rules import waiting_for_documents

HELP_SHOWN = 3
"""The citizen's latest calls for help the review shows (the timeline has them all)."""

# Status before the long columns, so the eye finds it in the same place on every row.
COLUMNS = ("col.service", "col.done", "col.status", "col.left", "col.home", "col.bring")
WRAPPED = (0, 3, 5)
"""The columns that wrap (service, left, bring: a step or a document a line)."""
TABLE_CHROME = 4
"""The table's margin (one column each side) and its vertical scrollbar."""
MIN_WRAPPED = 12


def _width(cell: str | Text) -> int:
    """The widest line of a cell."""
    text = cell if isinstance(cell, Text) else Text(cell)
    return max((line.cell_len for line in text.split("\n")), default=0)


def fit_columns(natural: list[int], wrapped: tuple[int, ...], room: int) -> list[int]:
    """Column widths within ``room``: the others as wide as their content, the wrapped
    ones sharing what is left, each as wide as it needs when it can be (the narrow
    ones first), never under ``MIN_WRAPPED``."""
    widths = list(natural)
    left = room - sum(w for i, w in enumerate(natural) if i not in wrapped)
    pending = sorted(wrapped, key=lambda i: natural[i])
    while pending:
        share = left // len(pending)
        index = pending.pop(0)
        widths[index] = max(MIN_WRAPPED, min(natural[index], share))
        left -= widths[index]
    return widths


class ReviewScreen(JourneyScreen):
    """The open journey's overview; from here: steps, services, finish, timeline."""

    HELP_TEXT = "help.review"
    _documents_warned = False
    """Ctrl+F was pressed once while documents were missing (``_warned_of_documents``)."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+e", "steps", "key.steps"),
        Binding("ctrl+a", "services", "key.services"),
        Binding("ctrl+f", "finish", "key.finish"),
        Binding("ctrl+k", "consent", "key.consent", show=False),
        Binding("ctrl+w", "close_journey", "key.close_journey"),
    ]

    def compose(self) -> ComposeResult:
        # The whole screen from the start, filled in place when the journey is read
        # (and read again): no second compose, and the footer stays as it is.
        yield StatusBar()
        yield Label(self.t("journey.loading"), id="review-title", classes="title")
        with VerticalScroll(id="review-body") as body:
            body.display = False
            yield Static(id="review-who")
            yield Static(id="review-help")  # a citizen's call for a person: before the rest
            yield Static(self.t("review.no_services"), id="review-none", classes="hint")
            table: DataTable[str | Text] = DataTable(id="review-table", cursor_type="row")
            yield table
            yield Static(id="review-conflicts")
            yield Static(id="review-handoff", classes="hint")
        with Vertical(id="close-panel", classes="panel") as panel:
            panel.display = False
            yield Static(self.t("review.close_prompt"), id="close-prompt")
            with RadioSet(id="close-reasons"):
                for reason in MEDIATOR_REASONS:
                    yield Choice(self.t(f"close.reason.{reason}"), id=f"close-{reason}")
        yield KeyFooter()

    def _who(self) -> Text:
        state = self.state
        assert state is not None
        text = Text()
        if state.citizen is None:
            text.append(self.t("review.unidentified"), style="italic")
        else:
            text.append(state.citizen.name, style="bold")
            text.append(f"  ·  {show_date(state.citizen.birth_date, self.session.ui_language)}")
            text.append(f"  ·  {self.t('identify.method.' + state.citizen.method)}", style="dim")
        if state.linked_refs:
            refs = ", ".join(format_reference(ref) for ref in state.linked_refs)
            text.append(f"\n{self.t('review.linked')}: ", style="dim")
            text.append(refs)
        consents = ", ".join(self.t(f"consent.short.{p}") for p in sorted(state.consents))
        text.append(f"\n{self.t('review.consents')}: ", style="dim")
        text.append(consents or self.t("review.no_consent"))
        if state.closed is not None:
            reason = self._closed_reason(state.closed)
            text.append("\n")
            text.append(self.t("review.closed", reason=reason), style="bold")
        return text

    def _help(self) -> Text:
        """The citizen's calls for a person from home or a kiosk, newest first."""
        state = self.state
        assert state is not None
        lang = self.session.ui_language
        lines = []
        for request in citizen_help(state)[:HELP_SHOWN]:
            line = self.t(f"review.help.{request.channel}", when=when(request.wall, lang))
            place = help_place(
                self.desk.catalogue, request.service, request.step, request.reason, lang
            )
            lines.append(f"{line}: {place}" if place else line)
        return toned(self, "\n".join(lines), "help", bold=True)

    def _handoff_line(self) -> str:
        state = self.state
        assert state is not None
        live = state.active_handoff
        if live is None:
            return self.t("review.no_handoff")
        return self.t("review.handoff", date=show_date(live.expires[:10], self.session.ui_language))

    async def show_state(self, first: bool) -> None:
        self._show()

    async def relabel(self) -> None:
        await super().relabel()
        self._show()

    def _show(self) -> None:
        """Fill the screen from ``self.state``, as a fresh screen would show it."""
        state = self.state
        if state is None:
            return
        ref = format_reference(state.ref) if state.ref else "—"
        self.query_one("#review-title", Label).update(self.t("review.title", ref=ref))
        body = self.query_one("#review-body", VerticalScroll)
        body.display = True
        body.scroll_home(animate=False)
        self.query_one("#review-who", Static).update(self._who())
        none = self.query_one("#review-none", Static)
        none.display = not state.services
        # A closed journey takes no more services: no invitation to Ctrl+A there.
        none.update(self.t("review.no_services" if is_open(state) else "review.none_closed"))
        helped = self.query_one("#review-help", Static)
        helped.display = bool(citizen_help(state))
        helped.update(self._help())
        conflicts = self.query_one("#review-conflicts", Static)
        conflicts.display = bool(state.conflicts)
        if state.conflicts:
            text = self.t("review.conflicts", count=len(state.conflicts))
            conflicts.update(toned(self, text, "warn", bold=True))
        self.query_one("#review-handoff", Static).update(self._handoff_line())
        self._fill_table(state)
        self.query_one("#review-table", DataTable).focus()  # the footer's keys work from here

    def on_resize(self) -> None:
        if self.state is not None:
            self._fill_table(self.state)

    def _fill_table(self, state: JourneyState) -> None:
        """The table in the screen's width: the long columns wrap, a row as tall as it needs."""
        table: DataTable[str | Text] = self.query_one("#review-table", DataTable)
        cursor = table.cursor_row
        rows = self._rows(state)
        headers = [self.t(key) for key in COLUMNS]
        natural = [
            max([_width(header)] + [_width(row[i]) for _, row in rows])
            for i, header in enumerate(headers)
        ]
        room = (self.size.width or self.app.size.width) - TABLE_CHROME
        widths = fit_columns(natural, WRAPPED, room - 2 * table.cell_padding * len(COLUMNS))
        table.clear(columns=True)
        for key, header, width in zip(COLUMNS, headers, widths, strict=True):
            table.add_column(header, key=key, width=width)
        for service_id, row in rows:
            table.add_row(*row, key=service_id, height=None)
        if rows:
            table.move_cursor(row=min(cursor, len(rows) - 1), animate=False)

    def _rows(self, state: JourneyState) -> list[tuple[str | None, tuple[str | Text, ...]]]:
        """Per service of the journey (its id, None if unknown): done, status, left."""
        lang = self.session.ui_language
        catalogue = self.desk.catalogue
        rows: list[tuple[str | None, tuple[str | Text, ...]]] = []
        for service_id in state.services:
            service = catalogue.services.get(service_id)
            if service is None:
                unknown = self.t("review.unknown_service")
                rows.append((None, (service_id, "", unknown, "", "", "")))
                continue
            progress = service_progress(state, catalogue, service)
            agency = catalogue.agencies[service.agency_id].short.get(lang)
            status = state.status_of(service_id)
            if status is not None:
                shown = toned(self, status.status, "note")
            elif progress.submitted:
                shown = toned(self, f"✓ {self.t('review.submitted')}", "ok")
            elif progress.complete:
                shown = toned(self, self.t("review.ready"), "ok")
            elif progress.steps_complete:
                shown = toned(self, self.t("review.documents_missing"), "warn")
            else:
                shown = toned(self, self.t("review.in_progress"), "warn")
            row: tuple[str | Text, ...] = (
                f"{service.name.get(lang)} ({agency})",
                f"{len(progress.done)}/{len(service.steps)}",
                shown,
                "\n".join(s.title.get(lang) for s in progress.left) or "—",
                self.t("value.yes") if progress.home_possible else "—",
                "\n".join(d.name.get(lang) for d in progress.to_bring) or "—",
            )
            rows.append((service_id, row))
        return rows

    def on_screen_resume(self) -> None:
        # Back from a screen pushed on this one: read again, what it did may show here.
        # (Shown the first time too, while the load from ``on_mount`` is under way.)
        self._documents_warned = False  # what was missing may be in hand now: say it again
        if self.state is not None:
            self.reload()

    def _closed_reason(self, reason: str) -> str:
        """A closing reason in the operator's words; one another channel wrote, as is."""
        shown = self.t(f"close.reason.{reason}")
        return reason if shown.startswith("close.reason.") else shown

    def _refused_as_closed(self, *, receipt: bool = False) -> bool:
        """A closed journey changes no more (``sync.domain.closing``): say so, True.

        With ``receipt``, a journey closed as done may still print its receipt again.
        """
        state = self.state
        if state is None or is_open(state) or (receipt and receipt_possible(state)):
            return False
        reason = self._closed_reason(str(state.closed))
        key = "review.closed_no_receipt" if receipt else "review.closed_no_change"
        self.notify(self.t(key, reason=reason), severity="warning")
        return True

    def action_steps(self) -> None:
        """Answer the steps of the journey's services."""
        if self._refused_as_closed():
            return
        if self.state is not None and not self.state.services:
            self.action_services()
            return
        self.post_message(EditSteps(self.journey_id))

    def action_services(self) -> None:
        """Add or remove services."""
        if self._refused_as_closed():
            return
        self.post_message(ChooseServices(self.journey_id))

    def action_consent(self) -> None:
        """Ask for consent again."""
        if self._refused_as_closed():
            return
        self.post_message(AskConsent(self.journey_id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "close_journey":
            return self.state is None or self.state.closed is None
        return True

    def action_close_journey(self) -> None:
        """Ask for the reason to close the journey (``sync.domain.closing``)."""
        panel = self.query_one("#close-panel", Vertical)
        panel.display = True
        self.query_one("#close-reasons", RadioSet).focus()

    def action_back(self) -> None:
        panel = self.query_one("#close-panel", Vertical)
        if panel.display:  # Escape cancels the closing first
            panel.display = False
            self.query_one("#review-table", DataTable).focus()
            return
        super().action_back()

    @on(RadioSet.Changed, "#close-reasons")
    def _reason_picked(self, event: RadioSet.Changed) -> None:
        reason = (event.pressed.id or "").removeprefix("close-")
        self.query_one("#close-panel", Vertical).display = False
        self.close_journey(reason)

    @work(thread=True, exclusive=True, exit_on_error=False, group="close")
    def close_journey(self, reason: str) -> None:
        """journey.closed with the mediator's reason."""
        try:
            event = self.desk.close(self.journey_id, reason)
        except ValueError as exc:
            self.app.call_from_thread(self.notify, self.t("review.close_failed", reason=str(exc)))
            return
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.close_journey(reason))
            return
        self.post_message(EventSaved(event, "closed"))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.reload()

    def action_finish(self) -> None:
        """Submit what is complete, hand off, print the receipt and ask for feedback."""
        if self._refused_as_closed(receipt=True):
            return
        if self._warned_of_documents():
            return
        self.post_message(Finish(self.journey_id))

    def _warned_of_documents(self) -> bool:
        """The first Ctrl+F while a service would go but for its documents says which
        are missing (True); the next one finishes without sending it."""
        if self.state is None or self._documents_warned:
            return False
        waiting = waiting_for_documents(self.state, self.desk.catalogue)
        if not waiting:
            return False
        lang = self.session.ui_language
        what = "; ".join(
            f"{service.name.get(lang)} ({', '.join(d.name.get(lang) for d in documents)})"
            for service, documents in waiting
        )
        self.notify(self.t("review.documents_first", what=what), severity="warning", timeout=12)
        self._documents_warned = True
        return True
