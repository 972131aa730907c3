"""A citizen's upload: checked by what the file holds (not its name), stored under a random name.

A file is accepted when its first bytes say it is one of the allowed kinds and
the rest agrees: a PDF must start with ``%PDF-`` and end with ``%%EOF``; a JPEG
or PNG must open and verify as an image (Pillow). An executable renamed
``contract.pdf`` is refused. Accepted files go into the documents folder beside
the central database under a random name; the name the citizen gave is not kept
(it may hold their name).
"""

from __future__ import annotations

import hashlib
import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import filetype  # type: ignore[import-untyped]
from PIL import Image, UnidentifiedImageError

CONTENT_TYPES: Final = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
"""The kinds a citizen may upload, and their content types."""
EXTENSIONS: Final = {"pdf": "pdf", "jpeg": "jpg", "png": "png"}


class Refused(Exception):
    """The upload is not accepted; ``code`` names why (``empty``, ``too_big``, ``bad_type``)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, slots=True)
class Stored:
    """An accepted upload: its stored name, kind, size and hash."""

    name: str
    kind: str
    content_type: str
    size: int
    sha256: str


def megabytes(size: int, lang: str) -> str:
    """A size in MB as a person reads it: one decimal under 10 MB, in the language's way
    (``0,2`` in Portuguese and Spanish, ``0.2`` in English), none when whole."""
    value = size / (1024 * 1024)
    text = f"{value:.0f}" if value >= 10 or value.is_integer() else f"{value:.1f}"
    return text.replace(".", ",") if lang in ("pt", "es") else text


def kind_of(data: bytes, allowed: tuple[str, ...]) -> str:
    """The allowed kind ``data`` really is.

    Raises:
        Refused: empty, or not one of ``allowed`` by its content.
    """
    if not data:
        raise Refused("empty")
    guess = filetype.guess(data)
    kind = {"pdf": "pdf", "jpg": "jpeg", "png": "png"}.get(guess.extension if guess else "")
    if kind is None or kind not in allowed:
        raise Refused("bad_type")
    if kind == "pdf":
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
            raise Refused("bad_type")
        return kind
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise Refused("bad_type") from exc
    return kind


def store(folder: Path, data: bytes, allowed: tuple[str, ...], max_bytes: int) -> Stored:
    """Check ``data`` and write it under a new random name in ``folder`` (durably).

    Raises:
        Refused: too big, empty, or not an allowed kind; nothing is written then.
    """
    if len(data) > max_bytes:
        raise Refused("too_big")
    kind = kind_of(data, allowed)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_hex(16)}.{EXTENSIONS[kind]}"
    path = folder / name
    partial = folder / f".{name}.part"
    with open(partial, "xb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, path)
    return Stored(name, kind, CONTENT_TYPES[kind], len(data), hashlib.sha256(data).hexdigest())
