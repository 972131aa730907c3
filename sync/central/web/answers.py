"""Answers between the journey and a form: a held value as the form shows it, a form's
fields as the text the catalogue's validator reads, and an answer as the check page
reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sync.catalogue.model import Catalogue, Field, Lang
from sync.central.web.texts import say
from sync.domain.fold import Answer


def field_id(key: str) -> str:
    """The HTML id of a field's (first) input: the error summary links to it."""
    return "f-" + "".join(c if c.isalnum() else "-" for c in key)


@dataclass(frozen=True, slots=True)
class Shown:
    """A field as its form shows it: what is in it now and where that came from."""

    key: str
    id: str
    field: Field
    label: str
    hint: str | None
    required: bool
    text: str
    parts: Mapping[str, str]
    origin: str | None
    error: str | None


def as_text(field: Field, value: Any) -> tuple[str, dict[str, str]]:
    """A held value as the form's text (and a date's day, month and year parts)."""
    if value is None:
        return "", {}
    if field.type == "date" and isinstance(value, str) and value.count("-") == 2:
        year, month, day = value.split("-")
        return value, {"day": day.lstrip("0"), "month": month.lstrip("0"), "year": year}
    if field.type == "yesno":
        return ("yes" if value else "no"), {}
    if field.type == "address" and isinstance(value, Mapping):
        return f"{value.get('street', '')}, {value.get('postal_code', '')} " \
               f"{value.get('municipality', '')}".strip(), {}  # fmt: skip
    if field.type == "document" and isinstance(value, Mapping):
        return str(value.get("filename", "")), {}
    if isinstance(value, float) and value.is_integer():
        return str(int(value)), {}
    return str(value), {}


def from_form(field: Field, form: Mapping[str, Any], key: str) -> tuple[str, dict[str, str]]:
    """What the citizen typed for ``field``, as the validator's text (and a date's parts)."""
    if field.type == "date":
        parts = {p: str(form.get(f"{key}-{p}", "")).strip() for p in ("day", "month", "year")}
        text = "/".join(parts.values()) if any(parts.values()) else ""
        return text, parts
    value = form.get(key, "")
    return (value if isinstance(value, str) else ""), {}


def origin_text(
    answer: Answer | None, service: str, catalogue: Catalogue, lang: Lang
) -> str | None:
    """Where a prefilled answer came from, in words (None: nothing held)."""
    if answer is None:
        return None
    if answer.in_conflict:
        values = " / ".join(str(h.value) for h in answer.heads)
        return say(lang, "prefill.conflict", values=values)
    origin = answer.current.origin(service)
    if origin == "other_service":
        other = catalogue.services.get(answer.current.service or "")
        name = other.name.get(lang) if other else (answer.current.service or "")
        return say(lang, "prefill.other_service", service=name)
    return say(lang, f"prefill.{origin}")


def readable(field: Field, value: Any, lang: Lang) -> str:
    """An answer as the "check your answers" page shows it."""
    if field.type == "date" and isinstance(value, str) and value.count("-") == 2:
        year, month, day = value.split("-")
        return f"{day}/{month}/{year}"
    if field.type == "yesno":
        return say(lang, "field.yes" if value else "field.no")
    if field.type == "choice":
        option = field.option(str(value))
        return option.label.get(lang) if option else str(value)
    if field.type in ("address", "document"):
        return as_text(field, value)[0]
    return as_text(field, value)[0]
