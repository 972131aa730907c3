"""The pure fold of a journey's events into the insight's rollups (one row a journey, one
a service of it, one a feedback comment).

``fold`` takes events in the server's order (``server_pos``); folding a log in
one go or in any number of chunks gives the same rollups, which is what lets the
job (``rollup``) resume after a kill and still equal a recomputation.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, fields
from typing import Any

from sync.domain.insight import (
    CITIZEN_FACING,
    assisted_by_mediator,
    crossed_channels,
    decided,
    prefilled,
)

STEP_CHANNELS = ("counter", "van", "kiosk", "web", "backoffice")
"""The channels a step's completion is counted by (a column each)."""


@dataclass(slots=True)
class JourneyTally:
    """What the measures need of one journey (a row of ``insight_journeys``)."""

    journey_id: str
    site_id: str = ""
    started_day: str = ""
    last_wall: str = ""
    closed_wall: str | None = None
    channels: str = ""
    crossed: int = 0
    steps_counter: int = 0
    steps_van: int = 0
    steps_kiosk: int = 0
    steps_web: int = 0
    steps_backoffice: int = 0
    prefilled: int = 0
    typed: int = 0
    handoffs_issued: int = 0
    handoffs_redeemed: int = 0
    at_kiosk: int = 0
    assisted: int = 0
    feedback_count: int = 0
    feedback_sum: int = 0
    assisted_from: str = ""
    assisted_to: str = ""

    def row(self) -> dict[str, Any]:
        """The row as stored."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True)
class ServiceTally:
    """One service of a journey (a row of ``insight_services``); ``done``: its steps done."""

    journey_id: str
    service_id: str
    added_wall: str = ""
    submitted_wall: str | None = None
    decided_wall: str | None = None
    done: str = ""

    def row(self) -> dict[str, Any]:
        """The row as stored."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(slots=True)
class Tallies:
    """The rollups of some journeys, as loaded and as the fold leaves them.

    A service set to None was removed from its journey (its row is deleted).
    """

    journeys: dict[str, JourneyTally] = field(default_factory=dict)
    services: dict[tuple[str, str], ServiceTally | None] = field(default_factory=dict)
    comments: list[dict[str, Any]] = field(default_factory=list)


def fold(tallies: Tallies, event: Any) -> None:
    """Fold one event (with ``id``, ``journey_id``, ``type``, ``wall``, ``channel``,
    ``site_id`` and ``data`` as JSON text) into ``tallies``."""
    jid: str = event.journey_id
    j = tallies.journeys.get(jid)
    if j is None:
        j = tallies.journeys[jid] = JourneyTally(jid)
    wall: str = event.wall
    channel: str = event.channel
    kind: str = event.type
    if wall > j.last_wall:
        j.last_wall = wall
    if channel in CITIZEN_FACING and channel not in j.channels.split(","):
        j.channels = ",".join(sorted(c for c in (*j.channels.split(","), channel) if c))
        j.crossed = int(crossed_channels(j.channels.split(",")))
    if channel == "kiosk":
        j.at_kiosk = 1
    if assisted_by_mediator(channel):
        if not j.assisted_from or wall < j.assisted_from:
            j.assisted_from = wall
        if wall > j.assisted_to:
            j.assisted_to = wall
    if kind in _NO_DATA:
        return
    data = json.loads(event.data)
    if kind == "journey.started":
        j.site_id, j.started_day = event.site_id, wall[:10]
    elif kind == "step.completed":
        column = f"steps_{channel}"
        setattr(j, column, getattr(j, column) + 1)
        s = _service(tallies, jid, data["service"])
        if data["step"] not in s.done.split(","):
            s.done = ",".join(sorted(x for x in (*s.done.split(","), data["step"]) if x))
    elif kind == "answer.recorded":
        if prefilled(data["source"]):
            j.prefilled += 1
        else:
            j.typed += 1
    elif kind == "service.added":
        s = _service(tallies, jid, data["service"])
        s.added_wall = s.added_wall or wall
    elif kind == "service.removed":
        tallies.services[(jid, data["service"])] = None
    elif kind == "service.submitted":
        s = _service(tallies, jid, data["service"])
        s.submitted_wall = s.submitted_wall or wall
    elif kind == "status.changed":
        s = _service(tallies, jid, data["service"])
        if s.decided_wall is None and decided(data["status"]):
            s.decided_wall = wall
    elif kind == "handoff.issued":
        j.handoffs_issued += 1
    elif kind == "handoff.redeemed":
        j.handoffs_redeemed += 1
    elif kind == "assistance.requested":
        if channel == "kiosk":
            j.assisted = 1
    elif kind == "feedback.given":
        j.feedback_count += 1
        j.feedback_sum += int(data["score"])
        comment = str(data.get("comment", "")).strip()
        if comment:
            tallies.comments.append(
                {"event_id": event.id, "journey_id": jid, "wall": wall,
                 "score": int(data["score"]), "comment": comment}
            )  # fmt: skip
    elif kind == "journey.closed" and j.closed_wall is None:
        j.closed_wall = wall


_NO_DATA = frozenset(
    {"citizen.identified", "consent.given", "consent.withdrawn", "document.checked",
     "document.uploaded", "receipt.printed", "note.added", "reminder.scheduled",
     "journey.linked", "handoff.revoked"}
)  # fmt: skip
"""Types whose data no measure reads (their JSON is never parsed: most of a log)."""


def _service(tallies: Tallies, journey_id: str, service_id: str) -> ServiceTally:
    key = (journey_id, service_id)
    s = tallies.services.get(key)
    if s is None:
        s = tallies.services[key] = ServiceTally(journey_id, service_id)
    return s
