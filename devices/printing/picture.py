"""Draw a laid-out receipt as a picture of the paper, for the demo and the README."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from devices import qr
from devices.printing.receipt import DOTS_PER_COLUMN, QrCode, ReceiptLayout, TextLine

FONT_DIRS: Final = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
)
"""Where to look for DejaVu Sans Mono (Debian: fonts-dejavu-core)."""

_MARGIN: Final = 24
_LINE: Final = 30  # ESC/POS default line spacing is 1/6 inch: about 30 dots at 203 dpi

FontLike = ImageFont.FreeTypeFont | ImageFont.ImageFont


def _font(name: str, size: int) -> FontLike | None:
    for folder in FONT_DIRS:
        candidate = folder / name
        if candidate.is_file():
            return ImageFont.truetype(str(candidate), size)
    try:
        return ImageFont.truetype(name, size)
    except OSError:
        return None


def render_png(layout: ReceiptLayout) -> Image.Image:
    """Return a greyscale picture of the receipt at printer resolution (203 dpi).

    One column is 12 dots, as font A on the printer. Text is drawn in DejaVu
    Sans Mono when installed, else in Pillow's built-in bitmap font.

    Args:
        layout: The receipt laid out for a printer width.
    """
    regular = _font("DejaVuSansMono.ttf", 20)  # 20 pt DejaVu Sans Mono advances 12 px
    bold = _font("DejaVuSansMono-Bold.ttf", 20) or regular
    big = _font("DejaVuSansMono-Bold.ttf", 40) or _font("DejaVuSansMono.ttf", 40)
    fallback: FontLike = ImageFont.load_default_imagefont()
    paper = layout.columns * DOTS_PER_COLUMN
    rows: list[tuple[int, TextLine | QrCode | None]] = []
    height = _MARGIN
    for element in layout.elements:
        if isinstance(element, TextLine):
            rows.append((height, element))
            height += _LINE * (2 if element.double else 1)
        elif isinstance(element, QrCode):
            rows.append((height, element))
            height += qr.raster_image(element.url, module_px=element.module_px).height
        else:
            rows.append((height + _LINE, None))
            height += 3 * _LINE
    image = Image.new("L", (paper + 2 * _MARGIN, height + _MARGIN), 255)
    draw = ImageDraw.Draw(image)
    for top, item in rows:
        if item is None:
            for x in range(0, image.width, 16):
                draw.line([(x, top), (x + 8, top)], fill=128, width=2)
        elif isinstance(item, QrCode):
            code = qr.raster_image(item.url, module_px=item.module_px)
            image.paste(code.convert("L"), (_MARGIN + (paper - code.width) // 2, top))
        else:
            font = (big if item.double else bold if item.bold else regular) or fallback
            width = len(item.text) * DOTS_PER_COLUMN * (2 if item.double else 1)
            left = _MARGIN + ((paper - width) // 2 if item.align == "center" else 0)
            draw.text((left, top), item.text, font=font, fill=0)
    return image
