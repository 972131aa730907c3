"""A virtual Belgian eID that plugs into vsmartcard's vpcd reader driver over its socket.

vpcd (the IFD handler pcscd loads) listens on a TCP port; the virtual card
connects to it. Each message is a 2-byte big-endian length and a payload: a
one-byte control (0 power off, 1 power on, 2 reset, 4 get ATR, answered with the
ATR) or a command APDU, answered with the response APDU. Connecting inserts the
card; closing the socket removes it. (frankmorgner/vsmartcard,
virtualsmartcard/src/vpicc/virtualsmartcard/VirtualSmartcard.py and vpcd.h.)

The card notes how long the reader waits before re-sending a READ BINARY it
answered ``6Cxx`` (wrong length): from the moment the answer leaves the card to the
moment the next command arrives, so the time spent in vpcd and pcscd only adds to it.
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import time
from dataclasses import dataclass

from devices.cards.memcard import MemoryCard

CTRL_OFF = 0
CTRL_ON = 1
CTRL_RESET = 2
CTRL_ATR = 4

_QUICKACK = getattr(socket, "TCP_QUICKACK", None)
"""Linux: acknowledge at once. Without it each command waits for the delayed ACK
(about 40 ms an APDU), which would hide the reader's own pause after ``6Cxx``."""


@dataclass(frozen=True)
class Resend:
    """The command that followed a ``6Cxx`` answer to a READ BINARY.

    Attributes:
        waited: seconds from the ``6Cxx`` answer leaving the card to this command arriving.
        answered: the READ BINARY the card answered ``6Cxx``.
        length: the length the ``6Cxx`` gave (its ``xx``).
        apdu: the command that came next.
    """

    waited: float
    answered: bytes
    length: int
    apdu: bytes

    @property
    def as_told(self) -> bool:
        """Whether it is the same READ BINARY with the length the card gave."""
        return self.apdu == self.answered[:4] + bytes([self.length])


class VirtualCard:
    """A BELPIC card served to vpcd from a ``MemoryCard``.

    Args:
        card: the card's files and behaviour.
        port: vpcd's port for the reader slot.
        remove_after_reads: pull the card out (close the socket) instead of answering
            the READ BINARY that would be number ``remove_after_reads + 1``.
    """

    def __init__(self, card: MemoryCard, port: int, remove_after_reads: int | None = None) -> None:
        self.card = card
        self.port = port
        self.remove_after_reads = remove_after_reads
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.removed = threading.Event()
        self.resends: list[Resend] = []

    def insert(self) -> None:
        """Connect to vpcd: the reader now holds this card."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.settimeout(None)
        self._sock = sock
        self.removed.clear()
        self._thread = threading.Thread(target=self._serve, args=(sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Disconnect from vpcd: the card leaves the reader."""
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):  # already closed by the other side
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def _serve(self, sock: socket.socket) -> None:
        wrong_length: tuple[float, bytes, int] | None = None  # (answered at, command, xx)
        try:
            while (message := _receive(sock)) is not None:
                arrived = time.monotonic()
                if len(message) == 1:
                    if message[0] in (CTRL_ON, CTRL_RESET, CTRL_OFF):
                        self.card.reset()
                    elif message[0] == CTRL_ATR:
                        _send(sock, self.card.atr)
                    continue
                if wrong_length is not None:
                    answered_at, answered, length = wrong_length
                    self.resends.append(Resend(arrived - answered_at, answered, length, message))
                    wrong_length = None
                if self._pull_out_now(message):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                    return
                answer = self.card.process(message)
                _send(sock, answer)
                if message[1:2] == b"\xb0" and len(answer) == 2 and answer[0] == 0x6C:
                    wrong_length = (time.monotonic(), message, answer[1])
        except OSError:
            pass  # the socket was closed by remove() or by vpcd
        finally:
            self.removed.set()

    def _pull_out_now(self, apdu: bytes) -> bool:
        limit = self.remove_after_reads
        return limit is not None and apdu[1:2] == b"\xb0" and self.card.reads >= limit


def _receive_exactly(sock: socket.socket, size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        if _QUICKACK is not None:
            sock.setsockopt(socket.IPPROTO_TCP, _QUICKACK, 1)  # re-armed: Linux clears it
        chunk = sock.recv(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def _receive(sock: socket.socket) -> bytes | None:
    header = _receive_exactly(sock, 2)
    if header is None:
        return None
    (size,) = struct.unpack("!H", header)
    return _receive_exactly(sock, size) if size else b""


def _send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(struct.pack("!H", len(payload)) + payload)
