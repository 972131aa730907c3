"""A loopback TCP proxy shaped like a 2G link: a rate and a latency each way, and a few cuts.

Each direction is one link shared by every connection: a chunk read from one side
waits for the link to be free, takes ``len / rate`` seconds on it, and arrives
``latency`` seconds after that. The proxy reads ahead at most ``queue_bytes`` past
what the link has sent (the modem's queue), so a sender feels the link's pace. The
connection carrying the upstream byte at each multiple of ``cut_every`` is cut
there (both sides shut), at most ``max_cuts`` times. Without a rate it forwards at
once: the unbroken, unshaped link of a baseline. Counts the bytes each way.
"""

from __future__ import annotations

import contextlib
import queue
import socket
import threading
import time
from typing import Final

_CUT: Final = b"\x00cut"
_EOF: Final = b""


class _Link:
    """One direction: when it is next free, and what it has carried."""

    def __init__(self, rate: float | None, latency: float) -> None:
        self.rate = rate
        self.latency = latency
        self.free_at = 0.0
        self.carried = 0


class ShapedProxy:
    """Forward loopback connections to ``upstream_port`` over a shaped link.

    Args:
        upstream_port: the port to forward to on 127.0.0.1.
        rate: bytes per second each way (None: no shaping at all).
        latency: seconds added each way.
        cut_every: upstream bytes between two cuts (None: no cuts).
        max_cuts: the most connections cut.
        queue_bytes: how far the proxy reads ahead of what the link has sent.
    """

    def __init__(
        self,
        upstream_port: int,
        *,
        rate: float | None = 2_500.0,
        latency: float = 0.5,
        cut_every: int | None = None,
        max_cuts: int = 0,
        queue_bytes: int = 16_000,
    ) -> None:
        self.upstream_port = upstream_port
        self.up = _Link(rate, latency if rate else 0.0)
        self.down = _Link(rate, latency if rate else 0.0)
        self.cut_every = cut_every
        self.max_cuts = max_cuts
        self.queue_bytes = queue_bytes
        self.cuts = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.port = int(self._listener.getsockname()[1])
        self._closed = False
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def upstream_bytes(self) -> int:
        """Bytes the link carried from the client to the server."""
        return self.up.carried

    @property
    def downstream_bytes(self) -> int:
        """Bytes the link carried from the server to the client."""
        return self.down.carried

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self._thread.join(timeout=5)
        with self._lock:
            still_open, self._open = list(self._open), set()
        for s in still_open:
            _shut(s)
            s.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            with self._lock:
                self.connections += 1
                self._open.update((client, upstream))
            pair = (client, upstream)
            left = [2]  # writers of this connection still running
            for src, dst, link in ((client, upstream, self.up), (upstream, client, self.down)):
                chunks: queue.Queue[tuple[float, bytes]] = queue.Queue()
                for target, args in ((self._read, (src, link, chunks)),
                                     (self._write, (dst, chunks, pair, left))):  # fmt: skip
                    threading.Thread(target=target, args=args, daemon=True).start()

    def _read(
        self, src: socket.socket, link: _Link, chunks: queue.Queue[tuple[float, bytes]]
    ) -> None:
        """Take chunks off ``src`` and schedule them on the link (and a cut, when due)."""
        while True:
            try:
                chunk = src.recv(1024)
            except OSError:
                chunk = _EOF
            if not chunk:
                chunks.put((time.monotonic(), _EOF))
                return
            cut = False
            with self._lock:
                if link is self.up and self.cut_every and self.cuts < self.max_cuts:
                    due = (self.cuts + 1) * self.cut_every - link.carried
                    if due <= len(chunk):
                        chunk, cut = chunk[: max(due, 0)], True
                        self.cuts += 1
                now = time.monotonic()
                start = max(now, link.free_at)
                end = start + (len(chunk) / link.rate if link.rate else 0.0)
                link.free_at = end
                link.carried += len(chunk)
                ahead = end - now
            if chunk:
                chunks.put((end + link.latency, chunk))
            if cut:
                chunks.put((end + link.latency, _CUT))
                return
            if link.rate and ahead > self.queue_bytes / link.rate:
                time.sleep(ahead - self.queue_bytes / link.rate)

    def _write(
        self,
        dst: socket.socket,
        chunks: queue.Queue[tuple[float, bytes]],
        pair: tuple[socket.socket, socket.socket],
        left: list[int],
    ) -> None:
        """Deliver each chunk at its time; shut the write side at EOF, both sides at a cut."""
        try:
            while True:
                at, chunk = chunks.get()
                wait = at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                if chunk is _CUT:
                    for s in pair:
                        _shut(s)
                    return
                if not chunk:
                    with contextlib.suppress(OSError):
                        dst.shutdown(socket.SHUT_WR)
                    return
                try:
                    dst.sendall(chunk)
                except OSError:
                    for s in pair:
                        _shut(s)
                    return
        finally:
            with self._lock:
                left[0] -= 1
                last = left[0] == 0
                if last:
                    self._open.difference_update(pair)
            if last:
                for s in pair:
                    s.close()


def _shut(s: socket.socket) -> None:
    with contextlib.suppress(OSError):
        s.shutdown(socket.SHUT_RDWR)
