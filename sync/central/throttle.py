"""A token bucket per key, in memory: how fast one device or operator may ask for something.

Kept in the serving process only: a restart forgets it, which costs a guesser
one burst. Thread-safe (the API's routes run in a thread pool).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable

_MAX_KEYS = 100_000  # past this many callers, the fullest buckets are forgotten


class Throttle:
    """At most ``burst`` at once per key, refilled at ``per_second``.

    Args:
        burst: how many a key may take at once.
        per_second: how fast a key's allowance comes back.
        clock: the machine clock in Unix ms.
    """

    def __init__(self, burst: int, per_second: float, clock: Callable[[], int]) -> None:
        self.burst = burst
        self.per_second = per_second
        self._clock = clock
        self._buckets: dict[str, tuple[float, int]] = {}  # key -> (tokens, at ms)
        self._lock = threading.Lock()

    def take(self, key: str, *, burst: int | None = None, per_second: float | None = None) -> int:
        """Take one for ``key``; returns 0, or the seconds to wait when none is left.

        ``burst`` and ``per_second`` override the throttle's for this key.
        """
        size = self.burst if burst is None else burst
        rate = self.per_second if per_second is None else per_second
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.get(key, (float(size), now))
            tokens = min(float(size), tokens + (now - at) / 1000 * rate)
            if tokens < 1:
                self._buckets[key] = (tokens, now)
                return max(1, math.ceil((1 - tokens) / rate))
            if len(self._buckets) >= _MAX_KEYS and key not in self._buckets:
                self._forget_full(now)
            self._buckets[key] = (tokens - 1, now)
            return 0

    def _forget_full(self, now: int) -> None:
        full = [
            k
            for k, (tokens, at) in self._buckets.items()
            if tokens + (now - at) / 1000 * self.per_second >= self.burst
        ]
        for k in full or list(self._buckets)[: _MAX_KEYS // 10]:
            del self._buckets[k]
