"""Events before the store stamps them: what one user action asks to write, and the
state the journey will have once it is written.

A channel turns one action (identify, reprint, an answer) into a list of drafts;
the store writes them in one transaction, giving each its envelope (id, HLC, seq).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sync.domain.events import Channel, Event, EventType
from sync.domain.fold import JourneyState, fold

Draft = tuple[EventType, Mapping[str, Any]]
"""An event's type and data, without its envelope."""

_LATER = "~"
"""Sorts after every encoded HLC (hex digits): the store stamps a draft later than every
event it holds."""


def answer_recorded(
    key: str,
    value: Any,
    *,
    source: str = "typed",
    service: str | None = None,
    supersedes: Iterable[str] = (),
    from_journey: str | None = None,
) -> Draft:
    """An ``answer.recorded`` draft that supersedes the heads the writer saw."""
    data: dict[str, Any] = {
        "field": key,
        "value": value,
        "source": source,
        "supersedes": list(supersedes),
    }
    if service is not None:
        data["service"] = service
    if from_journey is not None:
        data["from_journey"] = from_journey
    return "answer.recorded", data


def fold_after(
    journey_id: str, events: Iterable[Event], drafts: Sequence[Draft], *, channel: Channel
) -> JourneyState:
    """The journey's state once ``drafts`` are written after ``events``, in their order.

    The drafts get stand-in envelopes (no id, HLC or seq yet), so the state is for
    deciding what else the action writes, never for showing or storing.
    """
    pending = [
        Event(
            id=f"draft-{i:04d}",
            journey_id=journey_id,
            type=event_type,
            hlc=f"{_LATER}{i:04d}",
            wall="",
            device_id="",
            seq=0,
            channel=channel,
            site_id="",
            actor="",
            data=dict(data),
        )
        for i, (event_type, data) in enumerate(drafts)
    ]
    return fold(journey_id, [*events, *pending])
