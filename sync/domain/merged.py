"""One timeline for a journey and the journeys linked to it: their events in HLC order.

A linked journey (started offline for a reference that could not be fetched,
``sync.linked``) and its original stay two logs, each naming the other with a
``journey.linked``. Wherever both are at hand, the timeline shows them as one:
every event of either, once, in clock order (``hlc``, then ``id`` for a tie),
which is the order the fold would give them, whatever the recording clocks'
wall times say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sync.domain.events import Event


def merged_timeline(logs: Iterable[Sequence[Event]]) -> list[Event]:
    """The events of every log, each once, oldest first in HLC order."""
    seen: dict[str, Event] = {}
    for log in logs:
        for event in log:
            seen.setdefault(event.id, event)
    return sorted(seen.values(), key=lambda e: (e.hlc, e.id))
