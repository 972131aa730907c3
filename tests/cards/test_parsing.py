"""Unit tests for the BELPIC TLV codec, dates and file parsing (no card, no reader)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.cards import belpic
from devices.cards.cardfiles import build_address_file, build_id_file, format_birth_date
from devices.cards.demo import load_citizens
from devices.cards.errors import CorruptCardFile
from devices.cards.identity import Address, PartialDate
from devices.cards.tlv import build_tlv, encode_length, parse_tlv


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07 MAAR 1987", dt.date(1987, 3, 7)),  # nl
        ("01 OKT 1999", dt.date(1999, 10, 1)),  # nl
        ("12 MEI 2001", dt.date(2001, 5, 12)),  # nl
        ("05 MRT 1990", dt.date(1990, 3, 5)),  # nl, common abbreviation
        ("14 FEV 1952", dt.date(1952, 2, 14)),  # fr
        ("14 FÉV 1952", dt.date(1952, 2, 14)),  # fr with accent
        ("15 MARS 1985", dt.date(1985, 3, 15)),  # fr
        ("03 AVR 1970", dt.date(1970, 4, 3)),  # fr
        ("21 JUIN 1966", dt.date(1966, 6, 21)),  # fr
        ("30 JUIL 2004", dt.date(2004, 7, 30)),  # fr
        ("15 AOUT 1949", dt.date(1949, 8, 15)),  # fr
        ("15 AOÛT 1949", dt.date(1949, 8, 15)),  # fr with accent
        ("09 SEPT 1977", dt.date(1977, 9, 9)),  # fr
        ("25 DEC 1960", dt.date(1960, 12, 25)),  # fr / nl
        ("15.MÄR.1985", dt.date(1985, 3, 15)),  # de
        ("01.MAI.2000", dt.date(2000, 5, 1)),  # de
        ("24.DEZ.1968", dt.date(1968, 12, 24)),  # de
        ("31.OKT.1931", dt.date(1931, 10, 31)),  # de
        ("1 jan 1990", dt.date(1990, 1, 1)),  # lower case, one-digit day
    ],
)
def test_birth_dates_parse_in_dutch_french_and_german(text: str, expected: dt.date) -> None:
    assert belpic.parse_birth_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("        1979", PartialDate(1979)),  # BELPIC: eight spaces and the year
        ("   1950", PartialDate(1950)),
        ("  .   .1958", PartialDate(1958)),  # de, blanks between the dots
        ("   JAN 1950", PartialDate(1950, 1)),  # blank day
        ("  .MÄR.1985", PartialDate(1985, 3)),  # de, blank day
    ],
)
def test_birth_dates_with_blanks_are_what_the_card_gives(text: str, expected: PartialDate) -> None:
    assert belpic.parse_birth_date(text) == expected


@pytest.mark.parametrize(
    "text", ["", "        ", "00 JAN 1950", "15 FOO 1985", "   FOO 1985", "31 FEV 1990", "79"]
)
def test_birth_dates_without_a_year_or_that_do_not_exist_are_corrupt(text: str) -> None:
    with pytest.raises(CorruptCardFile, match="birth date"):
        belpic.parse_birth_date(text)


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.sampled_from(["nl", "fr", "de"]),
)
def test_written_birth_dates_parse_back(date: dt.date, language: str) -> None:
    assert belpic.parse_birth_date(format_birth_date(date, language)) == date  # type: ignore[arg-type]


@given(
    st.builds(
        PartialDate,
        st.integers(min_value=1900, max_value=2099),
        st.none() | st.integers(min_value=1, max_value=12),
    ),
    st.sampled_from(["nl", "fr", "de"]),
)
def test_written_partial_birth_dates_parse_back(date: PartialDate, language: str) -> None:
    text = format_birth_date(date, language)  # type: ignore[arg-type]
    if date.month is None:
        assert text == f"        {date.year}"
    assert belpic.parse_birth_date(text) == date


def test_an_identity_file_with_only_the_year_of_birth_parses_whole() -> None:
    record = load_citizens()["marie-peeters"]
    parsed = belpic.parse_id_file(build_id_file(record, b"photo", birth_date_text="        1987"))
    assert parsed.birth_date == PartialDate(1987)
    assert (parsed.surname, parsed.national_number, parsed.nationality) == (
        record.surname,
        record.national_number,
        record.nationality,
    )


def test_validity_dates() -> None:
    assert belpic.parse_validity_date("18.05.2031", "validity end") == dt.date(2031, 5, 18)
    with pytest.raises(CorruptCardFile, match="validity end '2031-05-18'"):
        belpic.parse_validity_date("2031-05-18", "validity end")


@pytest.mark.parametrize(
    ("letter", "sex"), [("M", "M"), ("F", "F"), ("V", "F"), ("W", "F"), ("X", "X")]
)
def test_sex_letters_of_all_languages(letter: str, sex: str) -> None:
    assert belpic.parse_sex(letter) == sex


@pytest.mark.parametrize(
    ("length", "encoded"),
    [
        (0, b"\x00"),
        (20, b"\x14"),
        (254, b"\xfe"),
        (255, b"\xff\x00"),
        (300, b"\xff\x2d"),
        (510, b"\xff\xff\x00"),
    ],
)
def test_lengths_add_up_over_ff_bytes(length: int, encoded: bytes) -> None:
    assert encode_length(length) == encoded


@given(
    st.lists(
        st.tuples(st.integers(min_value=1, max_value=0xFF), st.binary(max_size=700)),
        unique_by=lambda field: field[0],
        max_size=8,
    ),
    st.integers(min_value=0, max_value=40),
)
def test_tlv_round_trip_with_zero_padding(fields: list[tuple[int, bytes]], padding: int) -> None:
    data = build_tlv(fields)
    if data:
        data += bytes(padding)
    assert list(parse_tlv(data, "test file").items()) == fields


def test_tag_zero_is_allowed_first_only() -> None:
    assert parse_tlv(b"\x00\x01\x01\x01\x01A", "f") == {0: b"\x01", 1: b"A"}
    with pytest.raises(CorruptCardFile, match="tag 0x00 at byte 3"):
        parse_tlv(b"\x01\x01A\x00\x01\x01", "f")


def test_length_running_past_the_end_names_file_and_field() -> None:
    data = build_tlv([(belpic.TAG_SURNAME, b"Peeters")])[:-2]
    with pytest.raises(CorruptCardFile) as caught:
        parse_tlv(data, belpic.ID_FILE, belpic.ID_TAG_NAMES)
    assert str(caught.value) == (
        "identity file (3F00/DF01/4031): field 0x07 (surname) says 7 bytes but only 5 remain "
        "(the file is 7 bytes)"
    )


def test_length_bytes_cut_off_are_corrupt() -> None:
    with pytest.raises(CorruptCardFile, match="length runs past the end"):
        parse_tlv(b"\x01\x02AB\x07\xff", "f")


def test_repeated_tag_is_corrupt() -> None:
    with pytest.raises(CorruptCardFile, match="appears twice"):
        parse_tlv(b"\x01\x01A\x01\x01B", "f")


def test_address_file_round_trip_with_padding() -> None:
    address = Address("Chaussée d'Ixelles 228", "1050", "Ixelles")
    data = build_address_file(address)
    assert len(data) == 117 and data.endswith(b"\x00" * 10)
    assert belpic.parse_address_file(data) == address


def test_missing_required_field_is_named() -> None:
    data = build_tlv([(belpic.TAG_ADDR_STREET, b"Kerkstraat 1"), (belpic.TAG_ADDR_ZIP, b"2060")])
    with pytest.raises(CorruptCardFile, match=r"municipality \(tag 0x03\) is missing"):
        belpic.parse_address_file(data)
