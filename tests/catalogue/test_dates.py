"""Dates are shown as the date fields read them and their messages ask: day/month/year, in
every language (issue 14, item 19: a date typed 15/11/2026 came back as 2026-11-15)."""

from __future__ import annotations

from datetime import date

import pytest

from sync.catalogue.dates import show_date, show_partial_date
from sync.catalogue.model import Catalogue
from sync.catalogue.validate import validate_value
from sync.errors import FieldInvalid


@pytest.mark.parametrize("lang", ["pt", "en", "es"])
def test_a_date_typed_is_shown_back_as_it_was_typed(demo: Catalogue, lang: str) -> None:
    field = next(
        f
        for f in demo.fields.values()
        if f.type == "date" and not f.not_after_today and not f.not_before_today
    )
    stored = validate_value(field, "15/11/2026", date(2026, 12, 1))
    assert stored == "2026-11-15"
    assert show_date(stored, lang) == "15/11/2026"


@pytest.mark.parametrize("lang", ["pt", "en", "es"])
def test_a_refused_date_is_named_as_the_reader_writes_it(demo: Catalogue, lang: str) -> None:
    field = next(f for f in demo.fields.values() if f.type == "date" and f.not_after_today)
    with pytest.raises(FieldInvalid) as refused:
        validate_value(field, "15/11/2027", date(2026, 12, 1))
    assert "01/12/2026" in refused.value.messages[lang]


def test_what_is_not_a_date_and_partial_dates() -> None:
    assert show_date("soon", "en") == "soon"
    assert show_partial_date("1979", "en") == "1979"
    assert show_partial_date("1979-05", "pt") == "05/1979"
