"""The receipt model and its layout, rendered on python-escpos's Dummy printer."""

from __future__ import annotations

import dataclasses
import re
from datetime import UTC, datetime

import pytest
from escpos.printer import Dummy

from devices.printing.receipt import (
    COLUMNS,
    Columns,
    Cut,
    QrCode,
    Receipt,
    ServiceLine,
    TextLine,
    layout_receipt,
    render_escpos,
)
from devices.printing.texts import LANGUAGES, TEXTS, Language
from tests.printing.conftest import HANDOFF_URL, make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.scan import qr_texts

ESC = b"\x1b"


def render(receipt: Receipt, columns: Columns, **options: object) -> bytes:
    printer = Dummy()
    render_escpos(layout_receipt(receipt, columns), printer, **options)  # type: ignore[arg-type]
    return bytes(printer.output)


def line(text: str, *, align: int = 0, bold: bool = False, size: int = 0) -> bytes:
    """One line as python-escpos's set() and textln() emit it."""
    mode = ESC + b"!\x00" + ESC + b"!\x00" + ESC + b"!" + bytes([size])
    return mode + ESC + b"E" + bytes([bold]) + ESC + b"a" + bytes([align]) + text.encode() + b"\n"


def test_minimal_receipt_is_byte_exact() -> None:
    receipt = Receipt("Site A", datetime(2025, 3, 14, 10, 42), "K7Q-4M2-XP9", "en")
    expected = (
        ESC + b"@"
        + line("Site A", align=1, bold=True).replace(b"Site A", ESC + b"t\x00Site A")
        + line("Service receipt", align=1)
        + line("14/03/2025 10:42", align=1)
        + line("")
        + line("Reference", align=1)
        + line("K7Q-4M2-XP9", align=1, bold=True, size=0x30)  # ESC ! 0x30: double width and height
        + line("")
        + line("Keep this receipt. With the", align=1)
        + line("reference, any counter can pick", align=1)
        + line("up your case.", align=1)
        + ESC + b"!\x00" + ESC + b"!\x00" + ESC + b"!\x00" + ESC + b"E\x00" + ESC + b"a\x00"
        + ESC + b"d\x06"  # feed past the cutter
        + b"\x1dV\x00"  # GS V 0: full cut
    )  # fmt: skip
    assert render(receipt, 32) == expected


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_layout_round_trips_through_escpos(language: Language, columns: Columns) -> None:
    receipt = make_receipt(language)
    layout = layout_receipt(receipt, columns)
    decoded = decode(render(receipt, columns))

    assert decoded.lines == layout.text_lines()
    assert max(row.columns for row in decoded.rows) <= columns
    assert decoded.resets == 1 and decoded.cuts == 1
    (reference,) = [row for row in decoded.rows if row.text == "K7Q-4M2-XP9"]
    assert (reference.width, reference.height, reference.bold) == (2, 2, True)
    texts = TEXTS[language]
    assert {texts["reference"], texts["scan"]} <= set(decoded.lines)
    assert {texts["done"] + ":", texts["todo"] + ":", texts["bring"] + ":"} <= set(decoded.lines)
    (image,) = decoded.images
    assert image.width <= columns * 12
    assert qr_texts(image) == [HANDOFF_URL]


@pytest.mark.parametrize("columns", COLUMNS)
def test_the_short_address_to_type_the_reference_at_is_printed(columns: Columns) -> None:
    lines = layout_receipt(make_receipt("pt"), columns).text_lines()
    short = HANDOFF_URL.removeprefix("https://").rsplit("/c/", 1)[0]
    start = next(i for i, line in enumerate(lines) if line.startswith("Sem câmara?"))
    joined = ""
    for text in lines[start:]:
        if not text:
            break
        joined += " " + text
    assert " ".join(joined.split()) == TEXTS["pt"]["or_type"].format(address=short)
    assert "/c/" not in joined  # the token is in the QR code only


def test_every_line_fits_even_with_long_words() -> None:
    long = ServiceLine("Pedido" + "x" * 60, done=("y" * 100,), continue_at="z" * 70)
    receipt = dataclasses.replace(make_receipt("pt"), services=(long,))
    for columns in COLUMNS:
        for element in layout_receipt(receipt, columns).elements:
            if isinstance(element, TextLine):
                assert len(element.text) * (2 if element.double else 1) <= columns


def test_layout_has_qr_then_cut_last() -> None:
    elements = layout_receipt(make_receipt(), 42).elements
    assert isinstance(elements[-1], Cut)
    # A real token's URL on a long public URL: 6 dots a module keep it about 60 % wide.
    assert [e for e in elements if isinstance(e, QrCode)] == [QrCode(HANDOFF_URL, 6)]


def test_receipt_without_handoff_prints_no_code() -> None:
    decoded = decode(render(make_receipt(handoff_url=None), 42))
    assert decoded.images == []
    assert TEXTS["en"]["scan"] not in decoded.lines


def test_rendering_writes_nothing_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    render(make_receipt(), 48)
    assert capsys.readouterr() == ("", "")


def test_native_qr_uses_the_printer_command() -> None:
    decoded = decode(render(make_receipt(), 42, native_qr=True))
    assert decoded.images == []
    assert decoded.native_qr == [HANDOFF_URL]


def test_pinned_code_page_is_used_for_all_text() -> None:
    data = render(make_receipt("pt"), 42, codepage="CP858")
    assert data.count(ESC + b"t") == 1 and ESC + b"t\x13" in data  # page 19: CP858
    assert decode(data).lines == layout_receipt(make_receipt("pt"), 42).text_lines()


def test_accented_text_needs_code_page_switches_only_as_python_escpos_sends_them() -> None:
    data = render(make_receipt("es"), 32)
    assert "Renovación" in decode(data).lines[8]
    assert b"\xc3" not in data  # never raw UTF-8


def test_no_personal_data_fields() -> None:
    names = {f.name for f in dataclasses.fields(Receipt)} | {
        f.name for f in dataclasses.fields(ServiceLine)
    }
    for personal in ("name", "surname", "birth", "national", "address", "nif", "email"):
        assert not any(personal in field for field in names if field != "site_name")


@pytest.mark.parametrize(
    "text",
    ["NIF 123456789", "Nº nacional 85.07.30-033.28", "contact: ana.silva@example.pt"],
)
def test_text_that_looks_personal_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="personal data"):
        ServiceLine("Service", done=(text,))
    with pytest.raises(ValueError, match="personal data"):
        dataclasses.replace(make_receipt(), site_name=text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_printed_digits_are_only_date_reference_and_url(language: Language) -> None:
    lines = layout_receipt(make_receipt(language), 48).text_lines()
    url_lines = {text for text in lines if text and text in HANDOFF_URL}
    digits = [text for text in lines if re.search(r"\d", text) and text not in url_lines]
    assert digits == ["14/03/2025 10:42", "K7Q-4M2-XP9"]


def test_json_round_trip_keeps_everything() -> None:
    receipt = dataclasses.replace(
        make_receipt("es"), issued_at=datetime(2025, 3, 14, 9, 42, tzinfo=UTC)
    )
    assert Receipt.from_json(receipt.to_json()) == receipt
    assert Receipt.from_json(receipt.with_handoff(None).to_json()).handoff_url is None


@pytest.mark.parametrize(
    "document",
    ["", "[]", '{"version": 2}', make_receipt().to_json().replace('"en"', '"fr"')],
)
def test_malformed_json_is_refused(document: str) -> None:
    with pytest.raises(ValueError):
        Receipt.from_json(document)


@pytest.mark.parametrize(
    "change",
    [
        {"journey_ref": "K7Q4M2XP9"},
        {"journey_ref": "K7Q-4M2-XPI"},  # I is not Crockford base32
        {"language": "fr"},
        {"handoff_url": "javascript:alert(1)"},
    ],
)
def test_bad_receipt_fields_are_refused(change: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        dataclasses.replace(make_receipt(), **change)  # type: ignore[arg-type]


def test_unsupported_width_is_refused() -> None:
    with pytest.raises(ValueError, match="columns"):
        layout_receipt(make_receipt(), 40)  # type: ignore[arg-type]


def test_the_shared_handoff_url_has_a_real_token() -> None:
    from app.desk import new_token

    assert len(HANDOFF_URL.rsplit("/c/", 1)[1]) == len(new_token())
