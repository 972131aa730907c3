"""QR codes for the handoff URL: terminal blocks, a printer raster, PNG bytes.

Every form is drawn from the same module matrix (``qr_matrix``), with error
correction level M by default and a quiet zone of four modules, as ISO/IEC 18004
asks; phones read these from a screen or paper at ordinary sizes.

qrcode and Pillow are imported by the functions that draw, not with this module:
the app imports it at start-up, long before a code is drawn.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from PIL import Image

ErrorCorrection = Literal["L", "M", "Q", "H"]
"""QR error correction level: L 7 %, M 15 %, Q 25 %, H 30 % of codewords."""

QUIET_ZONE: Final = 4
"""Modules of light margin around the code."""


def qr_matrix(
    data: str, *, error_correction: ErrorCorrection = "M", border: int = QUIET_ZONE
) -> list[list[bool]]:
    """Return the QR code's modules, ``True`` for dark, quiet zone included.

    Args:
        data: The text to encode, usually a handoff URL.
        error_correction: The error correction level.
        border: Width of the light quiet zone, in modules.

    Raises:
        ValueError: ``data`` is empty or ``border`` is negative.
    """
    if not data:
        raise ValueError("a QR code needs data")
    if border < 0:
        raise ValueError("the quiet zone cannot be negative")
    import qrcode
    import qrcode.constants

    levels: dict[ErrorCorrection, int] = {
        "L": qrcode.constants.ERROR_CORRECT_L,
        "M": qrcode.constants.ERROR_CORRECT_M,
        "Q": qrcode.constants.ERROR_CORRECT_Q,
        "H": qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(version=None, error_correction=levels[error_correction], border=border)
    code.add_data(data)
    code.make(fit=True)
    return [[bool(module) for module in row] for row in code.get_matrix()]


def terminal_lines(
    data: str,
    *,
    error_correction: ErrorCorrection = "M",
    border: int = QUIET_ZONE,
    invert: bool = False,
) -> list[str]:
    """Return the QR code as lines of half-block characters for a terminal.

    Each character holds two modules stacked (``▀``, ``▄``, ``█`` or a space), so
    one module is one cell wide and half a cell high: square at an ordinary
    terminal font. The quiet zone is drawn too, so the code must be shown on a
    solid background.

    Args:
        data: The text to encode.
        error_correction: The error correction level.
        border: Width of the quiet zone, in modules.
        invert: Draw the *light* modules as blocks, for light text on a dark
            background. Without it, blocks are dark modules: show the lines dark
            on light (e.g. a widget styled black on white).
    """
    matrix = qr_matrix(data, error_correction=error_correction, border=border)
    if len(matrix) % 2:
        matrix.append([False] * len(matrix[0]))
    ink = [[dark != invert for dark in row] for row in matrix]
    glyphs = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    return [
        "".join(glyphs[top, bottom] for top, bottom in zip(ink[y], ink[y + 1], strict=True))
        for y in range(0, len(ink), 2)
    ]


def raster_image(
    data: str,
    *,
    module_px: int = 6,
    error_correction: ErrorCorrection = "M",
    border: int = QUIET_ZONE,
) -> Image.Image:
    """Return the QR code as a 1-bit image (black modules on white).

    Args:
        data: The text to encode.
        module_px: Pixels (printer dots) per module; 4 or more prints reliably at
            203 dpi.
        error_correction: The error correction level.
        border: Width of the quiet zone, in modules.

    Raises:
        ValueError: ``module_px`` is less than 1.
    """
    from PIL import Image

    if module_px < 1:
        raise ValueError("a module needs at least one pixel")
    matrix = qr_matrix(data, error_correction=error_correction, border=border)
    size = len(matrix)
    small = Image.new("1", (size, size), 1)
    small.putdata([0 if dark else 1 for row in matrix for dark in row])
    return small.resize((size * module_px, size * module_px), Image.Resampling.NEAREST)


def png_bytes(
    data: str,
    *,
    module_px: int = 8,
    error_correction: ErrorCorrection = "M",
    border: int = QUIET_ZONE,
) -> bytes:
    """Return the QR code as a PNG file's bytes, for a web page.

    Args:
        data: The text to encode.
        module_px: Pixels per module.
        error_correction: The error correction level.
        border: Width of the quiet zone, in modules.
    """
    buffer = io.BytesIO()
    raster_image(data, module_px=module_px, error_correction=error_correction, border=border).save(
        buffer, format="PNG", optimize=True
    )
    return buffer.getvalue()


def module_count(data: str, *, error_correction: ErrorCorrection = "M") -> int:
    """Return the side of the code in modules, without the quiet zone.

    Args:
        data: The text to encode.
        error_correction: The error correction level.
    """
    return len(qr_matrix(data, error_correction=error_correction, border=0))
