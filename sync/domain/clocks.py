"""Wrong clocks: how far a device's clock is off, when that counts as off, and which times it marks.

Events order by HLC, never by wall time; but the timeline also tells *when*
things happened, from each event's ``wall``, which is the recording device's
clock. The central store compares the wall time a device sends with each push
(the ``Counterpart-Device-Wall`` header, Unix milliseconds) with its own: the
difference is that device's clock offset at that push (positive: fast, negative:
slow). A push whose offset is ``off`` writes a ``clock.offset`` event on each
journey it stored events of, naming the device, the offset and the seqs it
carried; every face then marks those events' times (``marks``) with the offset
("recorded by a clock 2 days slow").

The offset is measured when the events arrive, not when they were recorded; a
clock drifts slowly, so it is the best estimate there is.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from sync.domain.events import Event
from sync.domain.van import Elapsed, elapsed

WALL_HEADER: Final = "Counterpart-Device-Wall"
"""The push request's header with the device's wall time in Unix milliseconds."""

OFF_AFTER_MS: Final = 5 * 60 * 1000
"""A clock more than this far from the central store's (either way) is off."""

OFFSET_EVENT: Final = "clock.offset"
"""The event the central store writes on a journey when a push carried events of a clock
found off: data ``device_id``, ``offset_ms``, ``first_seq``, ``last_seq``."""


def offset_ms(device_wall_ms: int, central_ms: int) -> int:
    """The device clock's offset from the central store's (positive: the device is fast)."""
    return device_wall_ms - central_ms


def is_off(offset: int) -> bool:
    """Whether a clock this far from the central store's is off."""
    return abs(offset) > OFF_AFTER_MS


def parse_wall_header(value: str | None) -> int | None:
    """The device wall time of a push's header, or None when absent or not a number.

    A push without it (an older device) or with a broken one is stored all the same;
    only its clock is not checked.
    """
    if value is None or not value.strip().isdigit() or len(value.strip()) > 15:
        return None
    return int(value.strip())


@dataclass(frozen=True, slots=True)
class Offset:
    """How far off a clock was, for the words of a face.

    Attributes:
        direction: ``slow`` (behind the central store) or ``fast``.
        amount: how much, in days, hours and minutes.
    """

    direction: Literal["slow", "fast"]
    amount: Elapsed


def describe(offset: int) -> Offset:
    """An offset in words' terms."""
    return Offset("fast" if offset > 0 else "slow", elapsed(abs(offset) / 1000))


def marks(events: Iterable[Event]) -> dict[str, int]:
    """The offset of each event recorded by a clock found off, by event id.

    Args:
        events: a journey's events, ``clock.offset`` ones among them.
    """
    every = list(events)
    ranges: dict[str, list[tuple[int, int, int]]] = {}
    for event in every:
        if event.type == OFFSET_EVENT:
            d = event.data
            ranges.setdefault(str(d["device_id"]), []).append(
                (int(d["first_seq"]), int(d["last_seq"]), int(d["offset_ms"]))
            )
    found: dict[str, int] = {}
    if not ranges:
        return found
    for event in every:
        for first, last, offset in ranges.get(event.device_id, ()):
            if first <= event.seq <= last:
                found[event.id] = offset
                break
    return found
