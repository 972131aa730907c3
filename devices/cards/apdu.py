"""ISO 7816-4 commands over a transmit function: SELECT and chunked READ BINARY.

A ``Transmit`` takes a command APDU as a list of byte values and returns
``(data, sw1, sw2)``. Drivers (PC/SC, simulated) provide one; profiles only ever
talk to a card through it, so the same profile code runs on every driver.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from devices.cards.errors import CorruptCardFile, UnknownCard

Transmit = Callable[[list[int]], tuple[list[int], int, int]]
"""Send one command APDU; return ``(response data, sw1, sw2)``. May raise ``CardError``."""

Sleep = Callable[[float], None]
"""Wait so many seconds (``time.sleep``; tests pass a recorder)."""

SW_OK = 0x9000
SW_END_OF_FILE = 0x6282
SW_WRONG_OFFSET = 0x6B00
DEFAULT_CHUNK = 0xF8
MAX_FILE_SIZE = 0x8000  # READ BINARY offsets are 15 bits


def _sw(sw1: int, sw2: int) -> int:
    return (sw1 << 8) | sw2


def send(transmit: Transmit, apdu: list[int]) -> tuple[list[int], int]:
    """Transmit ``apdu``, fetching ``61xx`` responses with GET RESPONSE (T=0 cards).

    Returns:
        ``(data, status word)``.
    """
    data, sw1, sw2 = transmit(apdu)
    collected = list(data)
    while sw1 == 0x61:
        more, sw1, sw2 = transmit([0x00, 0xC0, 0x00, 0x00, sw2])
        collected += more
    return collected, _sw(sw1, sw2)


def select_aid(transmit: Transmit, aid: bytes) -> int:
    """SELECT an application by AID (no response data asked).

    Returns:
        The status word; ``0x9000`` when the card has the application.
    """
    _, sw = send(transmit, [0x00, 0xA4, 0x04, 0x0C, len(aid), *aid])
    return sw


def select_path(transmit: Transmit, path: bytes, file: str) -> None:
    """SELECT a file by its absolute path from the MF (``00 A4 08 0C``).

    Args:
        transmit: the card channel.
        path: file identifiers after ``3F00``, or including it; e.g. ``DF01 4031``.
        file: how to name the file in errors.

    Raises:
        UnknownCard: the card has no such file.
    """
    if path[:2] == b"\x3f\x00":
        path = path[2:]
    _, sw = send(transmit, [0x00, 0xA4, 0x08, 0x0C, len(path), *path])
    if sw != SW_OK:
        raise UnknownCard(f"the card has no {file} (SELECT answered {sw:04X})")


def read_binary(
    transmit: Transmit,
    file: str,
    chunk: int = DEFAULT_CHUNK,
    resend_wait: float = 0.0,
    sleep: Sleep = time.sleep,
) -> bytes:
    """Read the currently selected transparent file to its end.

    Reads ``chunk`` bytes at a time. A ``6Cxx`` answer (wrong length) is retried
    once with the length the card gives, after waiting ``resend_wait`` seconds:
    some cards stop answering a command re-sent at once (the Belgian middleware
    waits 50 ms on them). ``6B00`` (offset past the end), ``6282`` (end reached
    early) or a short answer end the file.

    Raises:
        CorruptCardFile: any other status word, or a file larger than READ BINARY can address.
    """
    if not 1 <= chunk <= 0xFF:
        raise ValueError("chunk must be 1..255 bytes")
    out = bytearray()
    while True:
        if len(out) >= MAX_FILE_SIZE:
            raise CorruptCardFile(file, f"longer than {MAX_FILE_SIZE} bytes")
        offset = len(out)
        le = chunk
        data, sw = send(transmit, [0x00, 0xB0, offset >> 8, offset & 0xFF, le])
        wrong_length = sw >> 8 == 0x6C
        if wrong_length:
            le = sw & 0xFF or 0x100
            if resend_wait > 0:
                sleep(resend_wait)
            data, sw = send(transmit, [0x00, 0xB0, offset >> 8, offset & 0xFF, le & 0xFF])
        if sw == SW_OK:
            out += bytes(data)
            # 6Cxx told us only xx bytes were left; a short answer means the same
            if wrong_length or len(data) < le or not data:
                return bytes(out)
            continue
        if sw == SW_END_OF_FILE:
            out += bytes(data)
            return bytes(out)
        if sw == SW_WRONG_OFFSET:
            return bytes(out)
        raise CorruptCardFile(file, f"reading at byte {offset} failed with status {sw:04X}")


def read_file(
    transmit: Transmit,
    path: bytes,
    file: str,
    chunk: int = DEFAULT_CHUNK,
    resend_wait: float = 0.0,
    sleep: Sleep = time.sleep,
) -> bytes:
    """SELECT ``path`` and read the whole file (``read_binary``'s arguments).

    Raises:
        UnknownCard: the file does not exist.
        CorruptCardFile: reading failed.
    """
    select_path(transmit, path, file)
    return read_binary(transmit, file, chunk, resend_wait, sleep)
