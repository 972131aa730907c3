"""Answers as the mediator reads them, and back as text to edit."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from app.i18n import tr
from sync.catalogue.dates import show_date
from sync.catalogue.model import Field


def show_address(value: Mapping[str, Any]) -> str:
    """An address answer on one line."""
    street = str(value.get("street", ""))
    town = " ".join(str(value.get(k, "")) for k in ("postal_code", "municipality")).strip()
    return ", ".join(part for part in (street, town) if part)


def show_value(field: Field | None, value: Any, lang: str) -> str:
    """An answer as shown on screen, in ``lang``."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return tr(lang, "value.yes" if value else "value.no")
    if isinstance(value, Mapping):
        if "street" in value:
            return show_address(value)
        if "document" in value:
            if value.get("filename"):
                return str(value["filename"])
            return tr(lang, "value.seen" if value.get("checked") else "value.not_seen")
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    if field is not None and field.type == "choice":
        option = field.option(str(value))
        return option.label.get(lang) if option else str(value)
    if field is not None and field.type == "date" and isinstance(value, str):
        return show_date(value, lang)
    if isinstance(value, float):
        shown = f"{value:g}"
        return shown if lang == "en" else shown.replace(".", ",")
    return str(value)


def edit_text(field: Field | None, value: Any, lang: str) -> str:
    """An answer as text the mediator can edit and confirm again."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr(lang, "value.yes" if value else "value.no")
    if isinstance(value, Mapping) and "street" in value:
        return show_address(value)
    if field is not None and field.type == "choice":
        option = field.option(str(value))
        return option.label.get(lang) if option else str(value)
    if field is not None and field.type == "date" and isinstance(value, str):
        return show_date(value, lang)  # as the reader writes it, and the field reads it back
    return show_value(field, value, lang) if not isinstance(value, str) else value
