"""A pseudo-terminal that stands in for a serial receipt printer.

The driver opens the pty's slave path as its serial port; a thread reads the
master side, answers ``DLE EOT n`` status queries like ``listener.py`` does, and
keeps what follows them: the print job.
"""

from __future__ import annotations

import os
import select
import threading
import tty
from types import TracebackType

from tests.printing.listener import DLE_EOT, READY


class PtyPrinter:
    """A serial printer on a fresh pty, served by a thread."""

    def __init__(self, status: dict[int, int] | None = None, *, answer: bool = True) -> None:
        """Open the pty and start serving.

        Args:
            status: The byte to answer for each ``DLE EOT n``.
            answer: ``False`` never answers status queries.
        """
        self.status = dict(READY if status is None else status)
        self.answer = answer
        self.queries: list[int] = []
        self.data = bytearray()
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        self.path = os.ttyname(self._slave)
        self._buffer = b""
        self._printing = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="pty-printer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            if select.select([self._master], [], [], 0.05)[0]:
                self._take(os.read(self._master, 65536))
        while select.select([self._master], [], [], 0)[0]:  # what was written last
            self._take(os.read(self._master, 65536))

    def _take(self, chunk: bytes) -> None:
        if self._printing:
            self.data += chunk
            return
        self._buffer += chunk
        while self._buffer[:2] == DLE_EOT and len(self._buffer) >= 3:
            self.queries.append(self._buffer[2])
            if self.answer:
                os.write(self._master, bytes([self.status.get(self._buffer[2], 0x12)]))
            self._buffer = self._buffer[3:]
        if self._buffer and not DLE_EOT.startswith(self._buffer[:2]):
            self._printing = True
            self.data += self._buffer

    def finish(self) -> bytes:
        """Stop serving once everything written so far is read; return the print data."""
        self._stop.set()
        self._thread.join(timeout=5)
        return bytes(self.data)

    def close(self) -> None:
        """Stop serving and close both ends."""
        self.finish()
        os.close(self._master)
        os.close(self._slave)

    def __enter__(self) -> PtyPrinter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
