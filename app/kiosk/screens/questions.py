"""The questions left for the kiosk on a journey, one at a time, each with a control that
touch alone can fill: the on-screen keyboard, the date picker, a button per choice.

The questions are ``sync.domain.offer.questions_left``; each answer is checked by
the catalogue's validator and saved with the steps it completes, in one
transaction (``Desk.record_answer``), as at the counter. An answer known from an
earlier journey is offered, with where it came from, only with the ``prefill``
consent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen, Where
from app.kiosk.intents import AnswersDone, Back
from app.messages import EventSaved, JourneyLoaded
from app.outcomes import Earlier
from app.values import edit_text
from app.widgets.date_picker import DatePicker
from app.widgets.entry import Entry
from app.widgets.onscreen_keyboard import OnscreenKeyboard
from sync.catalogue.model import Field
from sync.catalogue.validate import validate_value
from sync.domain.consent import allows_prefill
from sync.domain.offer import Question, questions_left
from sync.errors import FieldInvalid

DATE_START = dt.date(1970, 1, 1)
"""Where the date picker starts for a date of birth (other dates start today)."""


class QuestionsScreen(KioskScreen):
    """One question, Back and Next.

    Args:
        journey_id: The journey.
    """

    SCREEN_NAME = "questions"

    def __init__(self, journey_id: str) -> None:
        super().__init__()
        self.journey_id = journey_id
        self.questions: list[Question] | None = None
        self.index = 0
        self.earlier: dict[str, Earlier] = {}
        self._written: dict[str, str] = {}
        """The answer this screen wrote per field (event id): a second one supersedes it."""

    # -- what is asked -------------------------------------------------------------

    @property
    def current(self) -> Question | None:
        """The question on screen."""
        if not self.questions or self.index >= len(self.questions):
            return None
        return self.questions[self.index]

    def _field(self) -> Field | None:
        question = self.current
        return self.desk.catalogue.fields.get(question.key) if question else None

    def heading(self) -> str:
        question = self.current
        if question is None:
            return self.say("question.none")
        return question.service.name.get(self.session.citizen_language)

    def question(self) -> str:
        field, question = self._field(), self.current
        if field is None or question is None or self.questions is None:
            return ""
        lang = self.session.citizen_language
        parts = [field.label.get(lang)]
        if field.help is not None:
            parts.append(field.help.get(lang))
        if not question.required:
            parts.append(self.say("question.optional"))
        return "\n".join(parts)

    def where(self) -> Where:
        question = self.current
        if question is None:
            return (self.SCREEN_NAME, None, None)
        return (self.SCREEN_NAME, question.service.id, question.step.id)

    # -- drawing -------------------------------------------------------------------

    def body(self) -> ComposeResult:
        field, question = self._field(), self.current
        if field is not None and question is not None and self.questions is not None:
            count = self.say("question.count", n=self.index + 1, total=len(self.questions))
            yield Label(count, classes="kiosk-section")
            yield from self._control(field)
            yield Static(self._note(field), id="question-status", classes="kiosk-status")
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(self.say("nav.next"), id="next", classes="nav-button primary-button")

    def _initial(self, field: Field) -> Any:
        earlier = self.earlier.get(field.key)
        return earlier.value if earlier is not None else None

    def _note(self, field: Field) -> str:
        return self.say("question.from_before") if field.key in self.earlier else ""

    def _control(self, field: Field) -> ComposeResult:
        lang = self.session.citizen_language
        value = self._initial(field)
        if field.type == "yesno":
            yield Button(self.say("question.yes"), id="answer-yes", classes="big-button answer")
            yield Button(self.say("question.no"), id="answer-no", classes="big-button answer")
        elif field.type == "choice":
            for number, option in enumerate(field.options):
                yield Button(
                    option.label.get(lang), id=f"answer-{number}", classes="big-button answer"
                )
        elif field.type == "date":
            today = self.session.clock().date()
            start = DATE_START if field.key.endswith("birth_date") else today
            if isinstance(value, str):
                start = dt.date.fromisoformat(value)
            labels = (self.say("date.day"), self.say("date.month"), self.say("date.year"))
            yield DatePicker(start, labels=labels, id="answer-date")
        elif field.type == "document":
            document = self.desk.catalogue.documents.get(field.document or "")
            name = document.name.get(lang) if document else field.label.get(lang)
            yield Static(self.say("question.document", document=name), classes="kiosk-status")
        else:
            yield Entry(
                value=edit_text(field, value, lang) if value is not None else "",
                id="answer-text",
                classes="big-input",
            )
            yield OnscreenKeyboard(
                "answer-text",
                labels=(self.say("keys.space"), self.say("keys.erase"), self.say("keys.shift")),
                digits_only=field.type == "number",
            )

    def _focus(self) -> None:
        """Focus the answer's control; the question starts at the top ("question 1 of 3"
        stays in sight even when the keyboard is taller than the screen)."""
        for selector in ("#answer-text", "#answer-date", ".answer", "#next"):
            found = self.query(selector)
            if found:
                found.first().focus(scroll_visible=False)
                break
        self.query_one("#kiosk-body", VerticalScroll).scroll_home(animate=False)

    async def _show(self, index: int) -> None:
        self.index = index
        await self.recompose()
        self._focus()

    # -- loading -------------------------------------------------------------------

    def on_mount(self) -> None:
        self.load()

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-questions")
    def load(self) -> None:
        """The journey, and answers of earlier journeys when the citizen allowed them."""
        try:
            state, events = self.desk.read_journey(self.journey_id)
            self.earlier = self.desk.earlier_answers(state) if allows_prefill(state) else {}
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(JourneyLoaded(state, events))

    async def on_journey_loaded(self, message: JourneyLoaded) -> None:
        message.stop()
        if self.session.journey_id != self.journey_id:
            return  # the citizen was forgotten while it was read: show nothing of it
        self.session.open_journey(message.state)
        if self.questions is None:
            self.questions = questions_left(message.state, self.desk.catalogue, "kiosk")
            if not self.questions:
                self.post_message(AnswersDone(self.journey_id))
                return
            await self._show(0)

    # -- answering -----------------------------------------------------------------

    @on(Button.Pressed, "#back")
    async def _back(self, event: Button.Pressed) -> None:
        event.stop()
        if self.index == 0:
            self.post_message(Back())
        else:
            await self._show(self.index - 1)

    @on(Button.Pressed, ".answer")
    def _answer(self, event: Button.Pressed) -> None:
        event.stop()
        field = self._field()
        if field is None:
            return
        choice = (event.button.id or "").removeprefix("answer-")
        if field.type == "yesno":
            self._submit(field, "yes" if choice == "yes" else "no")
        else:
            self._submit(field, field.options[int(choice)].value)

    @on(Input.Submitted, "#answer-text")
    def _typed(self, event: Input.Submitted) -> None:
        event.stop()
        field = self._field()
        if field is not None:
            self._submit(field, event.value)

    @on(Button.Pressed, "#next")
    def _next(self, event: Button.Pressed) -> None:
        event.stop()
        field = self._field()
        if field is None:
            self.post_message(AnswersDone(self.journey_id))
            return
        if field.type == "document":
            self.call_later(self._advance)
            return
        if field.type == "date":
            self._submit(field, self.query_one("#answer-date", DatePicker).value.isoformat())
        elif field.type in ("yesno", "choice"):
            if self.current is not None and not self.current.required:
                self.call_later(self._advance)
        else:
            self._submit(field, self.query_one("#answer-text", Input).value)

    def _submit(self, field: Field, raw: str) -> None:
        question = self.current
        if question is None:
            return
        if not raw.strip() and not question.required:
            self.call_later(self._advance)
            return
        try:
            value = validate_value(field, raw, self.session.clock().date())
        except FieldInvalid as exc:
            status = self.query_one("#question-status", Static)
            status.update(exc.message(self.session.citizen_language))
            return
        earlier = self.earlier.get(field.key)
        from_journey = earlier.journey_id if earlier and earlier.value == value else None
        self.save(question, value, from_journey)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-answer")
    def save(self, question: Question, value: Any, from_journey: str | None) -> None:
        """answer.recorded with the steps it completes, in one transaction."""
        try:
            event = self.desk.record_answer(
                self.journey_id,
                question.key,
                value,
                source="earlier_journey" if from_journey else "typed",
                service=question.service.id,
                supersedes=[self._written[question.key]] if question.key in self._written else [],
                from_journey=from_journey,
                complete_steps=True,
            )
            self._written[question.key] = event.id
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        self.post_message(EventSaved(event, question.key))

    async def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        await self._advance()

    async def _advance(self) -> None:
        if self.questions is None or self.index + 1 >= len(self.questions):
            self.post_message(AnswersDone(self.journey_id))
            return
        await self._show(self.index + 1)
