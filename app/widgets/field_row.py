"""One question of a step: label, help, input, where a known answer came from, errors, conflicts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Button, Input, Label, Static

from app.describe import when
from app.i18n import tr
from app.outcomes import Earlier
from app.values import edit_text, show_value
from app.widgets.entry import Entry
from app.widgets.tones import tone_style, toned
from sync.catalogue.model import Field
from sync.catalogue.validate import validate_value
from sync.domain.fold import Answer
from sync.domain.ids import format_reference
from sync.errors import FieldInvalid


class FieldRow(Vertical):
    """A field of the catalogue as a form row; Enter validates and confirms, as does leaving
    it with an edit (the screen calls ``decide``).

    Args:
        field: The catalogue field.
        lang: The UI language.
        service_id: The service this row asks for.
        answer: The field's answer in the journey, if any.
        required: Whether the step needs it.
        earlier: A prefill from an earlier journey (only with the prefill consent).
        shared_with: Names of the journey's other services that ask the same field.
        today: The local date, for date checks.
    """

    DEFAULT_CLASSES = "field-row"

    @dataclass
    class Confirmed(Message):
        """The mediator confirmed a value that passed validation."""

        row: FieldRow
        key: str
        value: Any
        source: str
        supersedes: list[str]
        from_journey: str | None = None
        changed: bool = True
        """False when the value confirmed is the answer already saved: nothing to write."""

    def __init__(
        self,
        field: Field,
        *,
        lang: str,
        service_id: str,
        answer: Answer | None,
        required: bool,
        earlier: Earlier | None,
        shared_with: list[str],
        today: dt.date,
    ) -> None:
        super().__init__(id="row-" + field.key.replace(".", "-"))
        self.field = field
        self.lang = lang
        self.service_id = service_id
        self.answer = answer
        self.required = required
        self.earlier = earlier
        self.shared_with = shared_with
        self.today = today
        self.error = ""
        self._clean = ""
        """The input's text as drawn or as last confirmed: anything else is an edit."""

    @property
    def input_id(self) -> str:
        """The id of this row's input."""
        return "input-" + self.field.key.replace(".", "-")

    def t(self, key: str, **values: object) -> str:
        """A UI text."""
        return tr(self.lang, key, **values)

    def compose(self) -> ComposeResult:
        label = Text(self.field.label.get(self.lang), style="bold")
        if self.required:
            label.append(" *", style=tone_style(self, "error"))
        if self.shared_with:
            label.append(
                f"  ⇄ {self.t('steps.shared', services=', '.join(self.shared_with))}", style="dim"
            )
        yield Label(label)
        hint = self._hint()
        if hint:
            yield Static(hint, classes="field-help")
        if self.answer is not None and self.answer.in_conflict:
            yield Static(
                toned(self, self.t("steps.conflict"), "warn", bold=True), classes="conflict-title"
            )
            with Vertical(classes="conflict"):
                for number, head in enumerate(self.answer.heads, start=1):
                    origin = self.t(f"origin.{head.origin(self.service_id)}")
                    value = show_value(self.field, head.value, self.lang)
                    text = f"{number}: {value} — {origin}, {when(head.wall, self.lang)}"
                    yield Button(text, id=f"keep-{number}", classes="keep")
        self._clean = self._initial()
        yield Entry(value=self._clean, id=self.input_id)
        yield Static(self._status(), classes="field-status")

    def _hint(self) -> str:
        parts = []
        if self.field.help is not None:
            parts.append(self.field.help.get(self.lang))
        if self.field.type == "choice":
            options = " · ".join(o.label.get(self.lang) for o in self.field.options)
            parts.append(self.t("steps.options", options=options))
        elif self.field.type == "yesno":
            parts.append(self.t("steps.yesno"))
        elif self.field.type == "date":
            parts.append(self.t("steps.date_hint"))
        elif self.field.type == "document":
            parts.append(self.t("steps.document_hint"))
        return "  ".join(parts)

    def _initial(self) -> str:
        if self.answer is not None and not self.answer.in_conflict:
            return edit_text(self.field, self.answer.value, self.lang)
        if self.answer is None and self.earlier is not None:
            return edit_text(self.field, self.earlier.value, self.lang)
        return ""

    def _status(self) -> Text:
        if self.error:
            return toned(self, f"✗ {self.error}", "error", bold=True)
        if self.answer is not None and self.answer.in_conflict:
            return toned(self, self.t("steps.conflict_hint"), "warn")
        if self.answer is not None:
            origin = self.t(f"origin.{self.answer.current.origin(self.service_id)}")
            return toned(self, f"✓ {self.t('steps.saved', origin=origin)}", "ok")
        if self.earlier is not None:
            ref = format_reference(self.earlier.ref) if self.earlier.ref else "—"
            return toned(self, self.t("steps.prefill", ref=ref), "note")
        return Text("")

    def _redraw_status(self) -> None:
        found = self.query(".field-status")  # none while the row is being removed
        if found:
            found.first(Static).update(self._status())

    async def update_answer(self, answer: Answer | None) -> None:
        """Show the journey's latest answer for this field."""
        conflict_changed = (self.answer is not None and self.answer.in_conflict) != (
            answer is not None and answer.in_conflict
        )
        self.answer = answer
        if conflict_changed:
            await self.recompose()
        else:
            self._redraw_status()

    @property
    def edited(self) -> bool:
        """The input holds an edit not confirmed yet (typed, Enter not pressed)."""
        found = self.query(f"#{self.input_id}")
        return bool(found) and getattr(found.first(), "value", self._clean) != self._clean

    @property
    def needs_answer(self) -> bool:
        """No settled answer yet (empty or in conflict)."""
        return self.answer is None or self.answer.in_conflict

    def show_error(self, message: str) -> None:
        """Show a validation error next to the field."""
        self.error = message
        self._redraw_status()

    @property
    def entry(self) -> Input:
        """This row's input."""
        return self.query_one(f"#{self.input_id}", Input)

    def decide(self) -> FieldRow.Confirmed | None:
        """Check what the input holds now: what to confirm, or None with the error shown.

        Nothing is posted: the screen saves what comes back (and moves the focus on),
        or keeps the focus here when it is None.
        """
        raw = self.entry.value
        if not raw.strip() and not self.required:
            self.error = ""
            self._redraw_status()
            return FieldRow.Confirmed(self, self.field.key, None, "typed", [], None, False)
        try:
            value = validate_value(self.field, raw, self.today)
        except FieldInvalid as exc:
            self.show_error(exc.message(self.lang))
            return None
        self.error = ""
        self._redraw_status()
        return self._confirmation(value)

    def keep_saved(self) -> None:
        """An input emptied over a saved answer, left without Enter: the answer stands.

        There is no unanswering a question, so the saved text comes back.
        """
        self.entry.value = self._clean
        self.error = ""
        self._redraw_status()

    def focus_on_error(self) -> None:
        """Focus the input with the cursor at the end, nothing selected: a digit left
        out is typed on."""
        entry = self.entry
        entry.focus()
        entry.call_after_refresh(lambda: setattr(entry, "cursor_position", len(entry.value)))

    @on(Input.Submitted)
    def _confirm(self, event: Input.Submitted) -> None:
        event.stop()
        decision = self.decide()
        if decision is None:
            self.focus_on_error()
            return
        self.post_message(decision)

    @on(Button.Pressed, ".keep")
    def _keep(self, event: Button.Pressed) -> None:
        event.stop()
        if self.answer is None or event.button.id is None:
            return
        number = int(event.button.id.removeprefix("keep-"))
        head = self.answer.heads[number - 1]
        self.post_message(
            FieldRow.Confirmed(
                self, self.field.key, head.value, "typed", [h.event_id for h in self.answer.heads]
            )
        )

    def _confirmation(self, value: Any) -> FieldRow.Confirmed:
        found = self.query(f"#{self.input_id}")
        if found:  # confirmed: what it holds now is no longer an edit
            self._clean = getattr(found.first(), "value", self._clean)
        answer = self.answer
        if answer is not None and not answer.in_conflict and answer.value == value:
            return FieldRow.Confirmed(self, self.field.key, value, "typed", [], None, False)
        heads = [h.event_id for h in answer.heads] if answer is not None else []
        if answer is None and self.earlier is not None and self.earlier.value == value:
            return FieldRow.Confirmed(
                self, self.field.key, value, "earlier_journey", heads, self.earlier.journey_id
            )
        return FieldRow.Confirmed(self, self.field.key, value, "typed", heads)
