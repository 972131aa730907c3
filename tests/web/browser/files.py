"""Files a citizen might upload, made by the tests: a real small PDF and PNG, a PDF padded
past a size, and disguised ones (a real executable, a text file) named ``.pdf``."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import FilePayload


def pdf(size: int = 0) -> bytes:
    """A one-page PDF that readers open, padded with a comment to ``size`` bytes if given."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    padding = size - out.tell() - 200
    if padding > 0:
        out.write(b"%" + b"x" * (padding - 2) + b"\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def png() -> bytes:
    """A small PNG picture (a scanned page, as far as the check can tell)."""
    picture = Image.new("RGB", (40, 56), "white")
    for y in range(8, 48, 6):
        for x in range(6, 34):
            picture.putpixel((x, y), (20, 20, 20))
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def executable() -> bytes:
    """A real executable of this machine (``true``, an ELF file)."""
    found = shutil.which("true")
    assert found is not None
    return Path(found).read_bytes()


def text() -> bytes:
    """A plain text file."""
    return b"This is not a medical report.\nJust text in a file named like a PDF.\n"


def named(name: str, data: bytes, mime: str = "application/pdf") -> FilePayload:
    """``data`` as the file a citizen picks, under ``name`` (what the browser says it is)."""
    return {"name": name, "mimeType": mime, "buffer": data}
