"""A virtual Belgian eID that plugs into vsmartcard's vpcd reader driver over its socket.

vpcd (the IFD handler pcscd loads) listens on a TCP port; the virtual card
connects to it. Each message is a 2-byte big-endian length and a payload: a
one-byte control (0 power off, 1 power on, 2 reset, 4 get ATR, answered with the
ATR) or a command APDU, answered with the response APDU. Connecting inserts the
card; closing the socket removes it. (frankmorgner/vsmartcard,
virtualsmartcard/src/vpicc/virtualsmartcard/VirtualSmartcard.py and vpcd.h.)
"""

from __future__ import annotations

import contextlib
import socket
import struct
import threading

from devices.cards.memcard import MemoryCard

CTRL_OFF = 0
CTRL_ON = 1
CTRL_RESET = 2
CTRL_ATR = 4


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
        try:
            while (message := _receive(sock)) is not None:
                if len(message) == 1:
                    if message[0] in (CTRL_ON, CTRL_RESET, CTRL_OFF):
                        self.card.reset()
                    elif message[0] == CTRL_ATR:
                        _send(sock, self.card.atr)
                    continue
                if self._pull_out_now(message):
                    sock.shutdown(socket.SHUT_RDWR)
                    sock.close()
                    return
                _send(sock, self.card.process(message))
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
