"""How big the next push is and how long it may take, from what the link has shown.

A ``Pacer`` is the push's policy, without a clock or I/O: the client tells it what
each request carried and how long it took (``acknowledged``) or how it failed
(``failed``), and asks it for the next batch's limits (``limits``), the timeout of a
request of a given size (``timeout``) and how long the backlog will take (``eta``).

- **Throughput**: body bytes acknowledged per second of request time (latency and
  the central store's work included), smoothed (``rate``). The request times of
  the last few batches, of different sizes, are fitted to ``latency + bytes /
  bandwidth``: what a request costs whatever its size (round trips, the server's
  work) and what each byte costs on the link.
- **Size**: the next body is sized so that it takes ``target_seconds`` of link time
  at that bandwidth (the request takes that plus the latency). It starts at
  ``start_bytes`` and at most doubles from one request to the next (slow start),
  so a first request over 2G takes seconds and a fast link reaches the ceiling
  (``max_events``, ``max_json_bytes``) in a handful.
- **Shrink**: a timeout, a cut connection or a 413 halves the next body at once
  (a timeout also halves the bandwidth believed), so a resent batch is small.
- **Timeout**: ``factor`` times the time the request should take, plus
  ``slack_seconds``, held between ``floor_seconds`` and ``ceiling_seconds``: never
  a fixed figure that a big batch on a slow link cannot meet.

The body is gzip'd JSON; the pacer keeps the ratio of gzip bytes to JSON bytes that
the last batches showed, so the client can cut a batch by its JSON before it
compresses it.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass
from typing import Literal

Failure = Literal["timeout", "dropped", "server", "too_large"]
"""How a request failed: timed out, connection cut, 5xx/429, or 413."""


@dataclass(frozen=True, slots=True)
class PacingRules:
    """The pacer's constants.

    Attributes:
        target_seconds: the request time a batch is sized for.
        start_bytes: the body of the first request (gzip bytes).
        min_bytes: the smallest body the pacer asks for (one event is always sent).
        max_events: most events per push.
        max_json_bytes: most bytes of JSON per push, before gzip.
        floor_seconds: the shortest timeout.
        ceiling_seconds: the longest timeout.
        factor: how many times its expected time a request may take.
        slack_seconds: added to each timeout, for latency and the server's work.
        assumed_rate: bytes per second believed before the first answer.
        weight: the share of the newest measurement in the smoothed figures.
        start_ratio: gzip bytes per JSON byte believed before the first batch.
        window: how many of the last answered requests the latency fit looks at.
    """

    target_seconds: float = 5.0
    start_bytes: int = 6_000
    min_bytes: int = 1_000
    max_events: int = 2_000
    max_json_bytes: int = 1_000_000
    floor_seconds: float = 20.0
    ceiling_seconds: float = 180.0
    factor: float = 3.0
    slack_seconds: float = 5.0
    assumed_rate: float = 1_000.0
    weight: float = 0.5
    start_ratio: float = 0.25
    window: int = 8


@dataclass(frozen=True, slots=True)
class BatchLimits:
    """What the next batch may hold: events, and bytes of JSON before gzip."""

    events: int
    json_bytes: int


class Pacer:
    """The push's policy: measurements in, the next batch's limits and timeout out.

    Args:
        rules: the constants (``PacingRules()`` by default).
        adaptive: False keeps every batch at the ceiling (``Pacer.fixed``).
    """

    def __init__(self, rules: PacingRules | None = None, *, adaptive: bool = True) -> None:
        self.rules = rules or PacingRules()
        self.adaptive = adaptive
        self.rate: float | None = None
        """Body bytes acknowledged per second of request time, smoothed (None: no answer yet)."""
        self.bandwidth: float | None = None
        """Body bytes per second of link time, latency left out (None: no answer yet)."""
        self.latency = 0.0
        """Seconds a request costs whatever its size (round trips, the server's work)."""
        self._samples: deque[tuple[int, float]] = deque(maxlen=self.rules.window)
        self._fitted = False
        self.budget = float(self.rules.start_bytes)
        """The next body's size in gzip bytes."""
        self.ratio = self.rules.start_ratio
        """Gzip bytes per JSON byte, as the last batches showed."""
        self.per_event: float | None = None
        """Gzip bytes per event, as the last batches showed."""
        self.max_events = self.rules.max_events
        self.max_json_bytes = self.rules.max_json_bytes

    @classmethod
    def fixed(cls, max_events: int = 2_000, max_json_bytes: int = 1_000_000) -> Pacer:
        """Every batch at the ceiling, whatever the link: for tests that count batches."""
        return cls(PacingRules(max_events=max_events, max_json_bytes=max_json_bytes),
                   adaptive=False)  # fmt: skip

    def limits(self) -> BatchLimits:
        """The next batch's limits: the body budget in JSON bytes, within the ceiling."""
        if not self.adaptive:
            return BatchLimits(self.max_events, self.max_json_bytes)
        json_bytes = int(self.budget / max(self.ratio, 1e-4))
        return BatchLimits(self.max_events, max(1, min(json_bytes, self.max_json_bytes)))

    def timeout(self, body_bytes: int) -> float:
        """Seconds a request with a body of ``body_bytes`` (gzip) may take."""
        bandwidth = self.bandwidth if self.bandwidth is not None else self.rules.assumed_rate
        expected = self.latency + body_bytes / max(bandwidth, 1.0)
        seconds = self.rules.factor * expected + self.rules.slack_seconds
        return min(max(seconds, self.rules.floor_seconds), self.rules.ceiling_seconds)

    def acknowledged(self, body_bytes: int, json_bytes: int, events: int, seconds: float) -> None:
        """A request of ``body_bytes`` (gzip; ``json_bytes`` before) was answered in ``seconds``."""
        if json_bytes > 0:
            ratio = body_bytes / json_bytes
            self.ratio = ratio if self.rate is None else self._smooth(self.ratio, ratio)
        if events > 0:
            sample = body_bytes / events
            old = self.per_event
            self.per_event = sample if old is None else self._smooth(old, sample)
        seconds = max(seconds, 1e-3)
        rate = body_bytes / seconds
        self.rate = rate if self.rate is None else self._smooth(self.rate, rate)
        self._samples.append((body_bytes, seconds))
        fitted = fit_latency(list(self._samples))
        if fitted is not None:
            self.latency, self.bandwidth = fitted
        else:
            link = body_bytes / max(seconds - self.latency, seconds / 2)
            old_bw = self.bandwidth
            self.bandwidth = link if old_bw is None else self._smooth(old_bw, link)
        if fitted is None and not self._fitted:
            # Slow start, before the latency is known: double while under the target.
            fits = body_bytes * (2.0 if seconds < self.rules.target_seconds else
                                 self.rules.target_seconds / seconds)  # fmt: skip
        else:
            fits = self.bandwidth * self.rules.target_seconds
        self._fitted = self._fitted or fitted is not None
        if body_bytes >= self.budget / 2:
            # About the budget was sent: it may double (slow start), as far as it fits.
            self.budget = min(fits, max(self.budget, 2.0 * body_bytes))
        else:
            # A short tail of the backlog, or the event ceiling: nothing learnt of a bigger body.
            self.budget = min(fits, self.budget)
        self.budget = max(self.budget, float(self.rules.min_bytes))

    def failed(self, failure: Failure, body_bytes: int, json_bytes: int, events: int) -> None:
        """A request of ``body_bytes`` (``json_bytes`` of JSON, ``events`` events) failed."""
        if failure == "too_large":
            # The central store's body limit is below this batch: it stays below it.
            self.max_json_bytes = max(json_bytes // 2, 1)
            self.max_events = max(events // 2, 1)
        if failure in ("timeout", "dropped", "too_large"):
            self.budget = max(float(self.rules.min_bytes), min(self.budget, body_bytes) / 2)
        if failure == "timeout" and self.bandwidth is not None:
            self.bandwidth /= 2
            self._samples.clear()

    def eta(self, waiting: int) -> float | None:
        """Seconds the ``waiting`` events should take at the throughput measured (None: unknown)."""
        if waiting <= 0:
            return 0.0
        if self.bandwidth is None or self.per_event is None:
            return None
        body = waiting * self.per_event
        requests = math.ceil(body / max(self.budget, 1.0)) if self.adaptive else 1
        return body / self.bandwidth + requests * self.latency

    def _smooth(self, old: float, new: float) -> float:
        return (1 - self.rules.weight) * old + self.rules.weight * new


def fit_latency(samples: list[tuple[int, float]]) -> tuple[float, float] | None:
    """``(latency, bandwidth)`` fitting ``seconds = latency + bytes / bandwidth`` to samples.

    Least squares over (body bytes, seconds). None when the sizes are too alike to
    tell the two apart (the largest under 1.5 times the smallest) or the fit makes
    no sense (time falling with size). The latency is held within [0, 0.9 times the
    shortest request], and the bandwidth then follows from the means.
    """
    if len(samples) < 2:
        return None
    sizes = [float(b) for b, _ in samples]
    times = [t for _, t in samples]
    if max(sizes) < 1.5 * min(sizes):
        return None
    mean_b = sum(sizes) / len(sizes)
    mean_t = sum(times) / len(times)
    var = sum((b - mean_b) ** 2 for b in sizes)
    cov = sum((b - mean_b) * (t - mean_t) for b, t in zip(sizes, times, strict=True))
    if var <= 0 or cov <= 0:
        return None
    latency = mean_t - (cov / var) * mean_b
    latency = min(max(latency, 0.0), 0.9 * min(times))
    return latency, mean_b / (mean_t - latency)
