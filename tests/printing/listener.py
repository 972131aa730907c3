"""A TCP listener on loopback that stands in for a network receipt printer.

It answers ``DLE EOT n`` status queries with configured bytes (or never, to
test timeouts) and keeps what each connection sent after them: the print job.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from types import TracebackType

DLE_EOT = b"\x10\x04"

READY: dict[int, int] = {1: 0x12, 2: 0x12, 4: 0x12}
"""Status bytes of a healthy printer (bits 1 and 4 are always set)."""
PAPER_OUT: dict[int, int] = {1: 0x1A, 2: 0x32, 4: 0x72}
"""Offline, stopped at paper end, roll paper end sensor."""
PAPER_LOW: dict[int, int] = {1: 0x12, 2: 0x12, 4: 0x1E}
"""Online, roll paper near end."""
COVER_OPEN: dict[int, int] = {1: 0x1A, 2: 0x16, 4: 0x12}
"""Offline because the cover is open."""


@dataclass
class Connection:
    """What one client connection did."""

    queries: list[int] = field(default_factory=list)
    data: bytearray = field(default_factory=bytearray)


class PrinterListener:
    """A fake network printer on 127.0.0.1 and a free port, served by a thread."""

    def __init__(self, status: dict[int, int] | None = None, *, answer: bool = True) -> None:
        """Listen at once.

        Args:
            status: The byte to answer for each ``DLE EOT n``.
            answer: ``False`` never answers status queries.
        """
        self.status = dict(READY if status is None else status)
        self.answer = answer
        self.connections: list[Connection] = []
        self._done = threading.Condition()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.05)
        self.port: int = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="printer-listener", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._server.accept()
            except TimeoutError:
                continue
            with client:
                self._handle(client)

    def _handle(self, client: socket.socket) -> None:
        client.settimeout(0.05)
        connection = Connection()
        printing = False
        buffer = b""
        while not self._stop.is_set():
            try:
                chunk = client.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            if printing:
                connection.data += chunk
                continue
            buffer += chunk
            while buffer[:2] == DLE_EOT and len(buffer) >= 3:
                connection.queries.append(buffer[2])
                if self.answer:
                    client.sendall(bytes([self.status.get(buffer[2], 0x12)]))
                buffer = buffer[3:]
            if buffer and not DLE_EOT.startswith(buffer[:2]):
                printing = True
                connection.data += buffer
        with self._done:
            self.connections.append(connection)
            self._done.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Connection]:
        """Wait until ``count`` connections have closed; return all of them."""
        with self._done:
            if not self._done.wait_for(lambda: len(self.connections) >= count, timeout):
                raise TimeoutError(f"{len(self.connections)} of {count} connections closed")
            return list(self.connections)

    def close(self) -> None:
        """Stop serving and close the socket."""
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()

    def __enter__(self) -> PrinterListener:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def closed_port() -> int:
    """Return a loopback port nothing listens on."""
    with socket.create_server(("127.0.0.1", 0)) as probe:
        port: int = probe.getsockname()[1]
    return port
