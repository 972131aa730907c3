"""A loopback TCP proxy that cuts connections after a random number of bytes, delays others."""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time


class CuttingProxy:
    """Forward loopback connections to ``upstream_port``, cutting each after a random byte budget.

    Args:
        upstream_port: the port to forward to on 127.0.0.1.
        seed: seeds the budgets and delays.
        budget: (low, high) bytes, both directions together, before a connection is cut.
        delay_probability: the share of chunks held back by up to ``max_delay`` seconds.
    """

    def __init__(
        self,
        upstream_port: int,
        *,
        seed: int = 0,
        budget: tuple[int, int] = (200, 8_000),
        delay_probability: float = 0.05,
        max_delay: float = 0.02,
    ) -> None:
        self.upstream_port = upstream_port
        self.rng = random.Random(seed)
        self.budget = budget
        self.delay_probability = delay_probability
        self.max_delay = max_delay
        self.cuts = 0
        self.connections = 0
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.port = int(self._listener.getsockname()[1])
        self._closed = False
        self._open: set[socket.socket] = set()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self._thread.join(timeout=5)
        with self._lock:
            still_open, self._open = list(self._open), set()
        for s in still_open:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
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
                # [bytes left before the cut, pumps still running]
                state = [self.rng.randint(*self.budget), 2]
                self._open.update((client, upstream))
            pair = (client, upstream)
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(src, dst, state, pair), daemon=True
                ).start()

    def _pump(
        self,
        src: socket.socket,
        dst: socket.socket,
        state: list[int],
        pair: tuple[socket.socket, ...],
    ) -> None:
        try:
            while True:
                chunk = src.recv(4096)
                if not chunk:
                    dst.shutdown(socket.SHUT_WR)
                    return
                with self._lock:
                    allowed = min(len(chunk), state[0])
                    state[0] -= allowed
                    delay = (
                        self.rng.uniform(0, self.max_delay)
                        if self.rng.random() < self.delay_probability
                        else 0.0
                    )
                if delay:
                    time.sleep(delay)
                dst.sendall(chunk[:allowed])
                if allowed < len(chunk):
                    with self._lock:
                        self.cuts += 1
                    for s in pair:
                        with contextlib.suppress(OSError):
                            s.shutdown(socket.SHUT_RDWR)
                    return
        except OSError:
            for s in pair:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)
        finally:
            with self._lock:
                state[1] -= 1
                last = state[1] == 0
                if last:
                    self._open.difference_update(pair)
            if last:
                for s in pair:
                    s.close()
