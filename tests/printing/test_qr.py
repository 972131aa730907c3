"""The QR code's three forms decode back to the URL, at error correction M."""

from __future__ import annotations

import io

import pytest
import zxingcpp
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from devices import qr

URL = "https://continuar.example.gov.pt/c/q3Vb9Kx2LmP8rT4wYz1nGAh7Rk2Wd5Xe"
TOKENS = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def read(image: Image.Image) -> list[zxingcpp.Barcode]:
    return [code for code in zxingcpp.read_barcodes(image) if code.valid]


def draw_terminal(lines: list[str], *, invert: bool = False) -> Image.Image:
    """Paint half-block lines as a phone would see them: one cell, two modules."""
    ink = {"█": (1, 1), "▀": (1, 0), "▄": (0, 1), " ": (0, 0)}
    width = len(lines[0])
    image = Image.new("1", (width, 2 * len(lines)), 1)
    for y, line in enumerate(lines):
        assert len(line) == width
        for x, char in enumerate(line):
            for half, inked in enumerate(ink[char]):
                dark = bool(inked) != invert
                image.putpixel((x, 2 * y + half), 0 if dark else 1)
    return image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST)


def test_terminal_lines_use_half_blocks_and_decode() -> None:
    lines = qr.terminal_lines(URL)
    assert set("".join(lines)) <= set("▀▄█ ")
    # The quiet zone: four light modules on each side, two rows of cells top and bottom.
    assert all(line[:4] == "    " and line[-4:] == "    " for line in lines)
    assert lines[0].strip() == lines[1].strip() == ""
    (code,) = read(draw_terminal(lines))
    assert code.text == URL
    assert code.ec_level == "M"


def test_inverted_terminal_lines_decode_on_dark_background() -> None:
    lines = qr.terminal_lines(URL, invert=True)
    assert lines[0] == "█" * len(lines[0])  # the quiet zone is drawn light
    (code,) = read(draw_terminal(lines, invert=True))
    assert code.text == URL


def test_terminal_code_fits_an_80_column_terminal() -> None:
    lines = qr.terminal_lines(URL)
    assert len(lines[0]) <= 80 and len(lines) <= 30


def test_raster_is_one_bit_and_decodes() -> None:
    image = qr.raster_image(URL, module_px=4)
    assert image.mode == "1"
    side = qr.module_count(URL) + 2 * qr.QUIET_ZONE
    assert image.size == (side * 4, side * 4)
    (code,) = read(image)
    assert (code.text, code.ec_level) == (URL, "M")


def test_png_bytes_decode() -> None:
    data = qr.png_bytes(URL)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    (code,) = read(Image.open(io.BytesIO(data)))
    assert code.text == URL


def test_error_correction_can_be_chosen() -> None:
    (code,) = read(qr.raster_image(URL, error_correction="H"))
    assert code.ec_level == "H"


@pytest.mark.parametrize("bad", [{"data": ""}, {"data": URL, "border": -1}])
def test_bad_arguments_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        qr.qr_matrix(**bad)  # type: ignore[arg-type]


@settings(max_examples=20, deadline=None)
@given(token=TOKENS.filter(bool).map(lambda t: t[:43]))
def test_any_handoff_url_survives_the_terminal(token: str) -> None:
    url = f"https://example.org/c/{token}"
    (code,) = read(draw_terminal(qr.terminal_lines(url)))
    assert code.text == url
