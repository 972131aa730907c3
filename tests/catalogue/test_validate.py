"""Checking typed answers against catalogue fields, per field type."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.catalogue.model import LANGS, Catalogue, Field, Option, Text
from sync.catalogue.validate import validate_value
from sync.errors import FieldInvalid, SyncError

TODAY = date(2026, 11, 3)


def text(word: str) -> Text:
    return Text(pt=word, en=word, es=word)


def field(type_: Any, **constraints: Any) -> Field:
    return Field(key="test.field", type=type_, label=text("Field"), **constraints)


def invalid(f: Field, raw: str) -> FieldInvalid:
    with pytest.raises(FieldInvalid) as caught:
        validate_value(f, raw, TODAY)
    error = caught.value
    assert isinstance(error, SyncError)
    assert error.key == f.key
    assert set(error.messages) == set(LANGS)
    return error


def test_an_empty_answer_is_required_in_every_language() -> None:
    error = invalid(field("text"), "   ")
    assert error.code == "required"
    assert error.message("pt") == "Preencha este campo."
    assert error.message("es") == "Rellene este campo."
    assert error.message("fr") == "Please fill in this field."


def test_text_is_trimmed_and_checked_for_length_and_pattern() -> None:
    name = field("text", min_length=2, max_length=5)
    assert validate_value(name, "  Ana ", TODAY) == "Ana"
    assert invalid(name, "A").code == "too_short"
    assert invalid(name, "Joaquim").params == {"max_length": 5}
    number = field("text", pattern="^[0-9]{11}$")
    assert validate_value(number, "12345678901", TODAY) == "12345678901"
    short = invalid(number, "1234567890")  # says what is expected and what was typed
    assert (short.code, short.params) == ("digits", {"count": 11, "typed": 10})
    assert short.message("en") == "Write 11 digits; you typed 10."
    assert invalid(number, "1234567890a").code == "digits_others"
    assert invalid(field("text", pattern="^[A-Z]{2}$"), "abc").code == "pattern"


def test_a_refused_format_names_what_is_expected() -> None:
    licence = field("text", pattern="^[A-Z0-9][A-Z0-9 -]{3,18}[A-Z0-9]$", example="L-1234567")
    short = invalid(licence, "ab1")  # wrong whatever the case: the example says the shape
    assert (short.code, short.params) == ("pattern_example", {"example": "L-1234567"})
    assert short.message("en") == "This is not in the expected format, for example L-1234567."
    assert short.message("pt") == "O valor não tem o formato esperado, por exemplo L-1234567."
    lower = invalid(licence, "av123456")  # right but for the case: say so, with the answer
    assert lower.code == "capitals"
    assert lower.message("en") == "Write it in capital letters: AV123456."
    assert validate_value(licence, "AV123456", TODAY) == "AV123456"


@pytest.mark.parametrize("raw", ["1980-12-31", "31/12/1980", "31-12-1980", "31.12.1980"])
def test_dates_in_iso_and_day_month_year_forms(raw: str) -> None:
    assert validate_value(field("date"), raw, TODAY) == "1980-12-31"


def test_dates_that_do_not_exist_or_break_a_bound() -> None:
    assert invalid(field("date"), "31/02/2020").code == "date_invalid"
    assert invalid(field("date"), "next tuesday").code == "date_format"
    past = field("date", not_after_today=True)
    error = invalid(past, "04/11/2026")
    assert error.code == "date_after_today"
    assert error.message("pt") == "A data não pode ser posterior a hoje (03/11/2026)."
    assert error.message("en") == "The date cannot be later than today (03/11/2026)."
    assert validate_value(past, "2026-11-03", TODAY) == "2026-11-03"
    assert invalid(field("date", not_before_today=True), "2026-11-02").code == "date_before_today"


@given(st.dates(min_value=date(1900, 1, 1), max_value=TODAY))
def test_any_past_date_round_trips_in_both_forms(day: date) -> None:
    past = field("date", not_after_today=True)
    assert validate_value(past, day.isoformat(), TODAY) == day.isoformat()
    assert validate_value(past, day.strftime("%d/%m/%Y"), TODAY) == day.isoformat()


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1250", 1250),
        ("1250,50", 1250.5),
        ("1 250,50", 1250.5),
        ("1.250,5", 1250.5),
        ("1,250.5", 1250.5),
        ("-3", -3),
        ("0.75", 0.75),
        ("900 €", 900),
        ("1.250.000", 1250000),
        ("1,250,000.5", 1250000.5),
    ],
)
def test_numbers_in_local_forms(raw: str, value: float) -> None:
    result = validate_value(field("number"), raw, TODAY)
    assert result == value
    assert type(result) is type(value)


def test_numbers_that_are_not_allowed() -> None:
    size = field("number", integer=True, min=1, max=20)
    assert validate_value(size, "3", TODAY) == 3
    assert validate_value(size, "3,0", TODAY) == 3
    assert invalid(size, "2,5").code == "number_integer"
    assert invalid(size, "0").code == "number_too_small"
    error = invalid(size, "21")
    assert (error.code, error.params) == ("number_too_large", {"max": 20})
    assert invalid(size, "three").code == "whole_number_format"  # its example fits
    assert invalid(size, "nan").message("en") == "Write a whole number, for example 3."
    assert invalid(field("number"), "three").code == "number_format"
    ambiguous = invalid(field("number"), "1.500")
    assert ambiguous.code == "number_ambiguous"
    assert "1.500" in ambiguous.message("pt")


@given(st.integers(min_value=1, max_value=20))
def test_any_integer_in_range_is_accepted(n: int) -> None:
    assert validate_value(field("number", integer=True, min=1, max=20), str(n), TODAY) == n


def test_a_decimal_bound_is_shown_with_a_comma_in_portuguese() -> None:
    error = invalid(field("number", min=0.5), "0,25")
    assert error.message("pt") == "O valor mínimo é 0,5."
    assert error.message("en") == "The smallest allowed value is 0.5."


def test_a_choice_accepts_its_value_or_a_label_in_any_language() -> None:
    status = field(
        "choice",
        options=(
            Option(value="married", label=Text(pt="Casado(a)", en="Married", es="Casado(a)")),
            Option(value="widowed", label=Text(pt="Viúvo(a)", en="Widowed", es="Viudo(a)")),
        ),
    )
    assert validate_value(status, "married", TODAY) == "married"
    assert validate_value(status, "VIUVO(A)", TODAY) == "widowed"
    assert validate_value(status, "viudo(a)", TODAY) == "widowed"
    error = invalid(status, "single")
    assert error.message("pt") == "Escolha uma destas opções: Casado(a), Viúvo(a)."


@pytest.mark.parametrize(
    ("raw", "value"),
    [("sim", True), ("Sí", True), ("yes", True), ("S", True), ("não", False), ("No", False)],
)
def test_yes_or_no_in_three_languages(raw: str, value: bool) -> None:
    assert validate_value(field("yesno"), raw, TODAY) is value


def test_yes_or_no_rejects_anything_else() -> None:
    assert invalid(field("yesno"), "maybe").code == "yesno"


@pytest.mark.parametrize(
    "raw",
    [
        "Rua das Flores 12, 1000-001 Lisboa",
        "Rua das Flores 12\n1000-001 Lisboa",
        "Rua das Flores 12 1000 001 Lisboa",
        "Rua das Flores 12, 1000-001, Lisboa",
    ],
)
def test_an_address_is_parsed_from_a_typed_form(raw: str) -> None:
    assert validate_value(field("address"), raw, TODAY) == {
        "street": "Rua das Flores 12",
        "postal_code": "1000-001",
        "municipality": "Lisboa",
    }


def test_an_address_with_a_floor_keeps_it_in_the_street() -> None:
    value = validate_value(
        field("address"), "Av. da Liberdade 245, 3.º esq., 1250-143 Lisboa", TODAY
    )
    assert value == {
        "street": "Av. da Liberdade 245, 3.º esq.",
        "postal_code": "1250-143",
        "municipality": "Lisboa",
    }


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("Rua das Flores 12, Lisboa", "address_postal_code"),
        ("1000-001 Lisboa", "address_street"),
        ("Rua das Flores 12, 1000-001", "address_municipality"),
    ],
)
def test_an_incomplete_address(raw: str, code: str) -> None:
    assert invalid(field("address"), raw).code == code


@given(
    st.from_regex(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .º]{0,30}[0-9]{1,3}", fullmatch=True),
    st.from_regex(r"[0-9]{4}-[0-9]{3}", fullmatch=True),
    st.from_regex(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ ]{0,20}[A-Za-zÀ-ÿ]", fullmatch=True),
)
def test_any_typed_address_round_trips(street: str, postal_code: str, town: str) -> None:
    value = validate_value(field("address"), f"{street}, {postal_code} {town}", TODAY)
    assert value == {"street": street.strip(), "postal_code": postal_code, "municipality": town}


def test_a_document_is_checked_at_the_counter_or_uploaded_at_home() -> None:
    proof = field("document", document="proof-of-address")
    assert validate_value(proof, "sim", TODAY) == {"document": "proof-of-address", "checked": True}
    assert validate_value(proof, "no", TODAY) == {"document": "proof-of-address", "checked": False}
    assert validate_value(proof, "C:\\scans\\Fatura EDP.PDF", TODAY) == {
        "document": "proof-of-address",
        "checked": False,
        "filename": "Fatura EDP.PDF",
    }
    assert invalid(proof, "virus.exe").code == "document"


@given(raw=st.text(max_size=40))
def test_any_answer_to_any_demo_field_is_a_json_value_or_a_field_invalid(
    demo: Catalogue, raw: str
) -> None:
    for f in demo.fields.values():
        try:
            value = validate_value(f, raw, TODAY)
        except FieldInvalid as error:
            assert all(error.message(lang) for lang in LANGS)
        else:
            json.dumps(value)


def test_demo_fields_accept_realistic_answers(demo: Catalogue) -> None:
    answers = {
        "citizen.national_number": ("12345678901", "12345678901"),
        "citizen.phone": ("+351 912 345 678", "+351 912 345 678"),
        "citizen.email": ("ana.silva@example.vm", "ana.silva@example.vm"),
        "bank.iban": ("VM12 0035 0000 1234 5678 9012 3", "VM12 0035 0000 1234 5678 9012 3"),
        "household.size": ("4", 4),
        "income.monthly": ("1250,50", 1250.5),
        "citizen.marital_status": ("Divorciado(a)", "divorced"),
        "child.birth_date": ("28/10/2026", "2026-10-28"),
    }
    for key, (raw, value) in answers.items():
        assert validate_value(demo.field(key), raw, TODAY) == value, key
    with pytest.raises(FieldInvalid):
        validate_value(demo.field("child.birth_date"), "2026-11-04", TODAY)


def test_a_year_may_not_be_later_than_this_one() -> None:
    year = field("number", integer=True, not_after_this_year=True)
    assert validate_value(year, "2026", TODAY) == 2026
    error = invalid(year, "2027")
    assert error.code == "year_after_this_year"
    assert error.message("en") == "The year cannot be later than 2026."
    assert validate_value(year, "2027", date(2027, 1, 1)) == 2027  # next year, it is allowed
