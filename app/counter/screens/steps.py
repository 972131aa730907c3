"""Steps: each service's steps as forms from the catalogue; every answer saved when confirmed.

An answer is confirmed by Enter, and by leaving its field or its step with an
edit (Tab, PgDn, Ctrl+F, Escape, a click): a valid edit is saved, one in error
keeps the focus and the step, so nothing typed is dropped unseen.

A field asked by two services of the journey is asked once, in the first step
that needs it; later steps show it as already given. The documents to bring are
a checklist after each service's steps.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from app.counter.intents import Back, Review
from app.counter.journey_screen import JourneyScreen
from app.failures import RECOVERABLE
from app.messages import EventSaved
from app.outcomes import Earlier
from app.typed_ahead import caught_up
from app.values import show_value
from app.widgets.field_row import FieldRow
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tick import Tick
from sync.catalogue.model import Service, Step
from sync.domain.consent import allows_prefill
from sync.domain.fold import JourneyState
from sync.domain.progress import step_done

DOCUMENTS = "__documents__"
"""The page id of a service's documents checklist."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of the form: a step of a service, or its documents."""

    service: Service
    step: Step | None

    @property
    def id(self) -> str:
        """A stable id for the navigation list."""
        return f"{self.service.id}/{self.step.id if self.step else DOCUMENTS}"


class StepsScreen(JourneyScreen):
    """Navigation of steps on the left, the current step's form on the right.

    Args:
        journey_id: The journey.
        first: Part of starting a journey: review comes next.
    """

    HELP_TEXT = "help.steps"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: a field's scrolling container binds the same keys (hidden), which
        # took them, and the footer did not show them, while a field had the focus.
        Binding("pagedown", "next_page", "key.next_step", priority=True),
        # The step before: in help, not in the footer, which has no room for both.
        Binding("pageup", "previous_page", "key.previous_step", show=False, priority=True),
        Binding("ctrl+f", "review", "key.review"),
        Binding("escape", "back_saved", "key.back"),  # in place of JourneyScreen's Escape
        # Priority: decided as the app reads the key, before the keys typed after it
        # are routed, so a fast typist (or tmux, or a scanner) fills the next field.
        Binding("enter", "confirm_field", show=False, priority=True),
        # Tab too: the usual Tab moves the focus only once the key has bubbled up from
        # the field, and what was typed after it went into the field being left.
        Binding("tab", "next_field", show=False, priority=True),
        Binding("shift+tab", "previous_field", show=False, priority=True),
    ]

    def __init__(self, journey_id: str, *, first: bool = False) -> None:
        super().__init__(journey_id)
        self.first = first
        self.pages: list[Page] = []
        self.current = 0
        self.earlier: dict[str, Earlier] = {}
        self._saving = threading.Lock()
        self._written: dict[str, str] = {}
        """The last answer this screen wrote per field key (event id)."""

    def load_extra(self, state: JourneyState) -> None:
        if allows_prefill(state):
            self.earlier = self.desk.earlier_answers(state)

    # -- structure -------------------------------------------------------------

    def _pages(self) -> list[Page]:
        assert self.state is not None
        pages: list[Page] = []
        for service_id in self.state.services:
            service = self.desk.catalogue.services.get(service_id)
            if service is None:
                continue
            pages.extend(Page(service, step) for step in service.steps)
            if service.documents:
                pages.append(Page(service, None))
        return pages

    def _first_asked(self) -> dict[str, Page]:
        """For each field, the page where the journey asks it (the first that needs it)."""
        first: dict[str, Page] = {}
        for page in self.pages:
            if page.step is not None:
                for key in page.step.fields:
                    first.setdefault(key, page)
        return first

    def _asking(self, key: str) -> list[Service]:
        assert self.state is not None
        asking = {s.id for s in self.desk.catalogue.services_asking(key)}
        return [
            self.desk.catalogue.services[s]
            for s in self.state.services
            if s in asking and s in self.desk.catalogue.services
        ]

    # -- drawing ---------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("steps.title"), classes="title")
        with Horizontal(id="steps-body"):
            yield OptionList(id="steps-nav")
            with VerticalScroll(id="step-form"):
                yield from self._form()
        yield KeyFooter()

    def _nav_options(self) -> list[Option]:
        assert self.state is not None
        lang = self.session.ui_language
        options: list[Option] = []
        for index, page in enumerate(self.pages):
            if page.step is None:
                missing = [
                    d for d in page.service.documents if not self.state.documents_checked.get(d)
                ]
                mark = "✓" if not missing else "○"
                text = Text(f"{mark} {self.t('steps.documents')}")
            else:
                mark = "✓" if step_done(self.state, page.service, page.step) else "○"
                if any(k in self.state.conflicts for k in page.step.fields):
                    mark = "!"
                text = Text(f"{mark} {page.step.title.get(lang)}")
            if index == 0 or self.pages[index - 1].service.id != page.service.id:
                head = Text(page.service.name.get(lang) + "\n", style="bold")
                text = head + text
            options.append(Option(text, id=page.id))
        return options

    def _form(self) -> ComposeResult:
        if self.state is None or not self.pages:
            yield Static(self.t("journey.loading") if self.state is None else self.t("steps.none"))
            return
        lang = self.session.ui_language
        page = self.pages[self.current]
        agency = self.desk.catalogue.agencies[page.service.agency_id]
        yield Label(
            Text(f"{page.service.name.get(lang)} — {agency.name.get(lang)}", style="bold"),
            classes="section",
        )
        if page.step is None:
            yield Label(self.t("steps.documents_title"), classes="subtitle")
            for document_id in page.service.documents:
                document = self.desk.catalogue.documents.get(document_id)
                name = document.name.get(lang) if document else document_id
                if document_id in self.state.documents_uploaded:  # in hand already
                    name = f"{name} · {self.t('steps.document_uploaded')}"
                yield Tick(
                    name,
                    value=bool(self.state.documents_checked.get(document_id)),
                    id=f"doc-{document_id}",
                    classes="document",
                )
            return
        step = page.step
        channels = ", ".join(self.t(f"channel.{c}") for c in step.channels)
        yield Label(
            f"{step.title.get(lang)}  ·  {self.t('steps.channels', channels=channels)}",
            classes="subtitle",
        )
        if not step.fields:
            done = (page.service.id, step.id) in self.state.steps_done
            yield Tick(self.t("steps.done_here"), value=done, disabled=done, id="step-done",
                       classes="step-done")  # fmt: skip
            return
        first = self._first_asked()
        today = self.session.clock().astimezone().date()
        for key in step.fields:
            field = self.desk.catalogue.fields.get(key)
            if field is None:
                continue
            asked_on = first.get(key)
            if asked_on is not None and asked_on.id != page.id:
                answer = self.state.answers.get(key)
                value = show_value(field, answer.value, lang) if answer else "—"
                where = asked_on.step.title.get(lang) if asked_on.step else ""
                yield Static(
                    Text.assemble(
                        (field.label.get(lang), "bold"),
                        f": {value}  ",
                        (
                            self.t(
                                "steps.asked_once",
                                service=asked_on.service.name.get(lang),
                                step=where,
                            ),
                            "dim",
                        ),
                    ),
                    classes="shared-note",
                )
                continue
            others = [s.name.get(lang) for s in self._asking(key) if s.id != page.service.id]
            yield FieldRow(
                field,
                lang=lang,
                service_id=page.service.id,
                answer=self.state.answers.get(key),
                required=step.is_required(key),
                earlier=self.earlier.get(key),
                shared_with=others,
                today=today,
            )

    async def show_state(self, first: bool) -> None:
        assert self.state is not None
        self.pages = self._pages()
        if first:
            self.current = self._first_open_page()
            await self.recompose()
            self._fill_nav()
            self._focus_form()
            return
        self._fill_nav()
        for row in self.query(FieldRow):
            await row.update_answer(self.state.answers.get(row.field.key))

    async def relabel(self) -> None:
        await super().relabel()
        self._fill_nav()

    def _first_open_page(self) -> int:
        assert self.state is not None
        for index, page in enumerate(self.pages):
            if page.step is not None and not step_done(self.state, page.service, page.step):
                return index
        return 0

    def _fill_nav(self) -> None:
        nav = self.query_one("#steps-nav", OptionList)
        nav.clear_options()
        nav.add_options(self._nav_options())
        if self.pages:
            nav.highlighted = self.current

    def _focus_form(self) -> None:
        rows = list(self.query(FieldRow))
        if rows:
            waiting = [row for row in rows if row.needs_answer]
            # Screen.set_focus: now, so that keys typed after PgDn land in this field.
            self.set_focus((waiting or rows)[0].entry)
        else:
            boxes = self.query(Checkbox)
            if boxes:
                self.set_focus(boxes.first())

    async def go_to(self, index: int) -> None:
        """Show page ``index``."""
        if not self.pages:
            return
        self.current = max(0, min(index, len(self.pages) - 1))
        form = self.query_one("#step-form", VerticalScroll)
        await form.remove_children()
        await form.mount_all(list(self._form()))
        self.query_one("#steps-nav", OptionList).highlighted = self.current
        self._focus_form()

    @on(OptionList.OptionSelected, "#steps-nav")
    async def _nav(self, event: OptionList.OptionSelected) -> None:
        await self.leave_to(event.option_index)

    async def action_next_page(self) -> None:
        """The next step."""
        await self.leave_to(self.current + 1)

    async def action_previous_page(self) -> None:
        """The step before."""
        await self.leave_to(self.current - 1)

    # -- saving ----------------------------------------------------------------

    def _next_input(self, row: FieldRow) -> Input | None:
        rows = list(self.query(FieldRow))
        later = rows[rows.index(row) + 1 :] if row in rows else []
        return later[0].entry if later else None

    def _focused_row(self) -> tuple[FieldRow, Input] | None:
        field = self.focused
        if not isinstance(field, Input):
            return None
        row = next((a for a in field.ancestors if isinstance(a, FieldRow)), None)
        return (row, field) if row is not None else None

    async def action_confirm_field(self) -> None:
        """Enter in a field: once the keys typed before it are in, check the field; in
        error the focus stays, else the answer is saved and the focus moves on before
        any key typed after Enter is routed (on a step's last field, to the next step)."""
        focused = self._focused_row()
        if focused is None:
            raise SkipAction()
        row, entry = focused
        await caught_up(entry)
        decision = row.decide()
        if decision is None:
            return  # the focus never left: what is typed next corrects this field
        self._save(decision)
        following = self._next_input(row)
        if following is not None:
            self.set_focus(following)  # Screen.set_focus: now, not after call_later
        elif self.current + 1 < len(self.pages):
            await self.go_to(self.current + 1)

    async def action_next_field(self) -> None:
        """Tab: the field left is confirmed if edited; in error, the focus stays on it."""
        await self._field_to_field(forward=True)

    async def action_previous_field(self) -> None:
        """Shift+Tab: as Tab, backwards."""
        await self._field_to_field(forward=False)

    async def _field_to_field(self, *, forward: bool) -> None:
        focused = self._focused_row()
        if focused is not None:
            row, entry = focused
            await caught_up(entry)
            if not self._settle(row):
                return
        if forward:
            self.focus_next()
        else:
            self.focus_previous()

    def _settle(self, row: FieldRow) -> bool:
        """Confirm a row's unconfirmed edit, as Enter would; False (error shown) if it fails."""
        if not row.edited:
            return True
        if not row.entry.value.strip() and row.answer is not None:
            row.keep_saved()
            return True
        decision = row.decide()
        if decision is None:
            return False
        self._save(decision)
        return True

    async def _settled_form(self) -> bool:
        """Before the form is left: every edit confirmed, or the first in error focused
        with a note saying it is not saved."""
        focused = self._focused_row()
        if focused is not None:
            await caught_up(focused[1])
        failed = [row for row in self.query(FieldRow) if not self._settle(row)]
        if not failed:
            return True
        failed[0].focus_on_error()
        names = ", ".join(row.field.label.get(self.session.ui_language) for row in failed)
        self.notify(self.t("steps.not_saved", fields=names), severity="warning")
        return False

    async def leave_to(self, index: int) -> None:
        """Show page ``index`` once the edits of this one are saved (none is lost)."""
        if await self._settled_form():
            await self.go_to(index)
        else:
            self.query_one("#steps-nav", OptionList).highlighted = self.current

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        """Focus taken away another way (a click): an edit left behind is confirmed."""
        row = next((a for a in event.input.ancestors if isinstance(a, FieldRow)), None)
        if row is not None and row.is_attached:
            self._settle(row)

    @on(FieldRow.Confirmed)
    def _confirmed(self, message: FieldRow.Confirmed) -> None:
        """A value confirmed by the row itself (a kept value of a conflict)."""
        message.stop()
        self._save(message)
        following = self._next_input(message.row)
        if following is not None:
            following.focus()

    def _save(self, message: FieldRow.Confirmed) -> None:
        if not message.changed:
            return
        page = self.pages[self.current]
        self.save_answer(
            message.key,
            message.value,
            message.source,
            message.supersedes,
            message.from_journey,
            page.service.id,
            page.step.id if page.step else None,
        )

    @work(thread=True, exclusive=False, exit_on_error=False, group="answers")
    def save_answer(
        self,
        key: str,
        value: object,
        source: str,
        supersedes: list[str],
        from_journey: str | None,
        service_id: str,
        step_id: str | None,
    ) -> None:
        """answer.recorded, with step.completed for each step it completes (one transaction)."""
        try:
            # One at a time, and a field confirmed again before the screen has reloaded
            # supersedes this screen's own earlier answer: not a conflict with itself.
            with self._saving:
                own = self._written.get(key)
                if own is not None and own not in supersedes:
                    supersedes = [*supersedes, own]
                event = self.desk.record_answer(
                    self.journey_id,
                    key,
                    value,
                    source=source,
                    service=service_id,
                    supersedes=supersedes,
                    from_journey=from_journey,
                    complete_steps=True,
                )
                self._written[key] = event.id
        except RECOVERABLE as exc:
            self.fail(
                exc,
                lambda: self.save_answer(
                    key, value, source, supersedes, from_journey, service_id, step_id
                ),
            )
            return
        self.post_message(EventSaved(event, key))

    @on(Checkbox.Changed, ".document")
    def _document(self, event: Checkbox.Changed) -> None:
        event.stop()
        page = self.pages[self.current]
        document_id = (event.checkbox.id or "").removeprefix("doc-")
        self.check_document(document_id, event.value, page.service.id)

    @on(Checkbox.Changed, ".step-done")
    def _step_done(self, event: Checkbox.Changed) -> None:
        event.stop()
        page = self.pages[self.current]
        if event.value and page.step is not None:
            event.checkbox.disabled = True  # there is no undoing a step.completed
            self.complete_step(page.service.id, page.step.id)

    @work(thread=True, exclusive=False, exit_on_error=False, group="answers")
    def complete_step(self, service_id: str, step_id: str) -> None:
        """step.completed, for a step that asks nothing (it happened here)."""
        try:
            event = self.desk.complete_step(self.journey_id, service_id, step_id)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.complete_step(service_id, step_id))
            return
        self.post_message(EventSaved(event, step_id))

    @work(thread=True, exclusive=False, exit_on_error=False, group="documents")
    def check_document(self, document_id: str, ok: bool, service_id: str) -> None:
        """document.checked."""
        try:
            event = self.desk.check_document(self.journey_id, document_id, ok, service_id)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.check_document(document_id, ok, service_id))
            return
        self.post_message(EventSaved(event, document_id))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.reload()

    async def action_back_saved(self) -> None:
        """Back to the screen before, once the edits of this step are saved."""
        if await self._settled_form():
            self.action_back()

    async def action_review(self) -> None:
        """What is done and left; finish from there."""
        if not await self._settled_form():
            return
        if self.first:
            self.post_message(Review(self.journey_id, first=True))
        else:
            self.post_message(Back())
