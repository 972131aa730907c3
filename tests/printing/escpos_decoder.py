"""A small ESC/POS decoder: printer bytes back into text rows, images and cuts.

It understands what python-escpos emits for a receipt: ESC @, ESC !, GS !,
ESC a, ESC E, ESC t (code pages, read from python-escpos's printer database),
ESC d, GS V, LF, GS v 0 raster images, GS ( k QR codes and DLE EOT status
queries. Anything else raises ``DecodeError``, so unexpected bytes fail a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from escpos.capabilities import CAPABILITIES, get_profile
from PIL import Image

ESC, GS, DLE, EOT, LF, CR = 0x1B, 0x1D, 0x10, 0x04, 0x0A, 0x0D


class DecodeError(ValueError):
    """The bytes hold a command this decoder does not know."""


@dataclass(frozen=True)
class Row:
    """One printed text line with the modes it was printed in."""

    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    align: Literal["left", "center", "right"] = "left"

    @property
    def columns(self) -> int:
        """The columns the row takes on paper."""
        return len(self.text) * self.width


@dataclass
class Decoded:
    """Everything a byte stream asked the printer to do, in order."""

    events: list[Row | Image.Image | str] = field(default_factory=list)
    status_queries: list[int] = field(default_factory=list)
    resets: int = 0

    @property
    def rows(self) -> list[Row]:
        """The text rows."""
        return [event for event in self.events if isinstance(event, Row)]

    @property
    def lines(self) -> list[str]:
        """The text of every row."""
        return [row.text for row in self.rows]

    @property
    def images(self) -> list[Image.Image]:
        """The raster images (GS v 0), black on white."""
        return [event for event in self.events if isinstance(event, Image.Image)]

    @property
    def native_qr(self) -> list[str]:
        """The contents of QR codes printed with GS ( k."""
        return [e[3:] for e in self.events if isinstance(e, str) and e.startswith("qr:")]

    @property
    def cuts(self) -> int:
        """How many cuts."""
        return sum(1 for event in self.events if event == "cut")


def _code_pages(profile: str | None) -> dict[int, str]:
    pages: dict[str, str] = get_profile(profile).codePages  # {"0": "CP437", ...}
    return {int(number): name for number, name in pages.items() if name != "Unknown"}


def _char(byte: int, page: str | None) -> str:
    if byte < 0x80:
        return chr(byte)
    if page is None:
        raise DecodeError(f"byte {byte:#x} before any code page was chosen")
    info = CAPABILITIES["encodings"][page]
    if "data" in info:
        return str("".join(info["data"])[byte - 0x80])
    return bytes([byte]).decode(info["python_encode"])


def decode(data: bytes, *, profile: str | None = None) -> Decoded:
    """Decode an ESC/POS byte stream.

    Args:
        data: The bytes sent to the printer.
        profile: The python-escpos profile whose code page numbers to use.
    """
    pages = _code_pages(profile)
    out = Decoded()
    width = height = 1
    bold = False
    align: Literal["left", "center", "right"] = "left"
    page: str | None = pages.get(0)
    text: list[str] = []
    mode: tuple[int, int, bool, Literal["left", "center", "right"]] | None = None
    i = 0

    def need(count: int) -> bytes:
        if i + count > len(data):
            raise DecodeError(f"command at {i} is cut short")
        return data[i : i + count]

    def flush() -> None:
        nonlocal text, mode
        w, h, b, a = mode or (width, height, bold, align)
        out.events.append(Row("".join(text), w, h, b, a))
        text, mode = [], None

    while i < len(data):
        byte = data[i]
        if byte == LF:
            flush()
            i += 1
        elif byte == CR:
            i += 1
        elif byte == ESC:
            command, arg = need(3)[1], data[i + 2] if i + 2 < len(data) else -1
            if command == ord("@"):
                width = height = 1
                bold, align, page = False, "left", pages.get(0)
                out.resets += 1
                i += 2
                continue
            if arg < 0:
                raise DecodeError(f"ESC {command:#x} without its argument")
            if command == ord("!"):
                bold = bool(arg & 0x08)
                height = 2 if arg & 0x10 else 1
                width = 2 if arg & 0x20 else 1
            elif command == ord("E"):
                bold = bool(arg & 1)
            elif command == ord("a"):
                align = ("left", "center", "right")[(arg - 48 if arg >= 48 else arg) & 3]
            elif command == ord("t"):
                if arg not in pages:
                    raise DecodeError(f"code page {arg} is not in the profile")
                page = pages[arg]
            elif command == ord("d"):
                if text:
                    flush()
            elif command not in b"-M{G3":
                raise DecodeError(f"unknown command ESC {command:#x} at {i}")
            i += 3
        elif byte == GS:
            command = need(2)[1]
            if command == ord("!"):
                arg = need(3)[2]
                width, height = (arg >> 4) + 1, (arg & 0x0F) + 1
                i += 3
            elif command == ord("V"):
                m = need(3)[2]
                out.events.append("cut")
                i += 4 if m in (65, 66) else 3
            elif command == ord("v"):
                header = need(8)
                if header[2] != ord("0"):
                    raise DecodeError("only GS v 0 raster images are known")
                width_bytes = header[4] + 256 * header[5]
                rows = header[6] + 256 * header[7]
                i += 8
                raster = need(width_bytes * rows)
                # In ESC/POS a set bit is a black dot; in PIL mode "1" it is white.
                inverted = bytes(b ^ 0xFF for b in raster)
                image = Image.frombytes("1", (width_bytes * 8, rows), inverted)
                out.events.append(image)
                i += width_bytes * rows
            elif command == ord("(") and need(3)[2] == ord("k"):
                size = data[i + 3] + 256 * data[i + 4]
                body = need(5 + size)[5:]
                cn, fn = body[0], body[1]
                if cn == ord("1") and fn == 80:
                    out.events.append("qr-data:" + body[3:].decode("utf-8"))
                elif cn == ord("1") and fn == 81:
                    stored = [e for e in out.events if isinstance(e, str) and e[:8] == "qr-data:"]
                    out.events.append("qr:" + stored[-1][8:])
                i += 5 + size
            elif command in b"Bb|":
                i += 3
            else:
                raise DecodeError(f"unknown command GS {command:#x} at {i}")
        elif byte == DLE:
            if need(3)[1] != EOT:
                raise DecodeError(f"unknown real-time command at {i}")
            out.status_queries.append(data[i + 2])
            i += 3
        elif byte < 0x20:
            raise DecodeError(f"unknown control byte {byte:#x} at {i}")
        else:
            if mode is None:
                mode = (width, height, bold, align)
            text.append(_char(byte, page))
            i += 1
    if text:
        flush()
    return out
