"""Storing a batch of events pulled from elsewhere: checked, inserted and projected at once.

A pull brings events by the thousand. Each is parsed and checked on its own (one
bad event is reported, never holds back the rest), then every new one is written
with one ``executemany``, and each journey they touch is folded and projected
once, in the caller's transaction. These are the steps; ``LocalStore`` runs them
under its lock.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from operator import attrgetter
from typing import Any

from sync.domain.envelope import NAMES
from sync.domain.events import Event, parse_event
from sync.domain.fold import fold
from sync.domain.hlc import HybridClock
from sync.errors import InvalidEvent
from sync.store import projection

# (event id if it has one, why it was not stored)
Rejected = tuple[str | None, str]

# Well under SQLite's limit on the variables of one statement.
_CHUNK = 500

_INTO_EVENTS = f"INTO events ({', '.join(NAMES)}) VALUES ({','.join('?' * len(NAMES))})"
INSERT_EVENT = "INSERT " + _INTO_EVENTS
_INSERT_IF_NEW = "INSERT OR IGNORE " + _INTO_EVENTS


def parse_all(raws: Iterable[Mapping[str, Any]]) -> tuple[list[Event], list[Rejected]]:
    """Parse every raw event; returns the valid ones and why each other one is not."""
    events: list[Event] = []
    rejected: list[Rejected] = []
    for raw in raws:
        try:
            events.append(parse_event(raw))
        except InvalidEvent as exc:
            event_id = raw.get("id") if isinstance(raw, Mapping) else None
            rejected.append((event_id if isinstance(event_id, str) else None, str(exc)))
    return events, rejected


def observe_all(clock: HybridClock, events: list[Event]) -> tuple[list[Event], list[Rejected]]:
    """Move the clock past every event; those implausibly far ahead are rejected.

    The clock only moves forward, so if it can move past the latest event, it can
    move past every other: one observation does for a sound batch. (HLC strings
    sort in clock order.)
    """
    if not events:
        return [], []
    try:
        clock.observe(max(events, key=lambda e: e.hlc).timestamp)
    except InvalidEvent:
        pass
    else:
        return events, []
    kept: list[Event] = []
    rejected: list[Rejected] = []
    for e in events:
        try:
            clock.observe(e.timestamp)
        except InvalidEvent as exc:
            rejected.append((e.id, str(exc)))
        else:
            kept.append(e)
    return kept, rejected


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


def _found(conn: sqlite3.Connection, column: str, values: Iterable[str]) -> set[str]:
    """Which of the values the events table holds in ``column`` (id or journey_id)."""
    wanted = sorted(set(values))
    found: set[str] = set()
    for chunk in _chunks(wanted):
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT DISTINCT {column} FROM events WHERE {column} IN ({marks})", chunk
        )
        found.update(r[0] for r in rows)
    return found


_ALL_BUT_DATA = attrgetter(*NAMES[:-1])


def row(e: Event) -> tuple[Any, ...]:
    """The event as the values of ``INSERT_EVENT``."""
    return (*_ALL_BUT_DATA(e), e.data_json())


def insert_new(
    conn: sqlite3.Connection, events: Sequence[Event]
) -> tuple[list[Event], set[str], list[Rejected]]:
    """Insert the events this store does not hold yet, in one ``executemany``.

    Returns:
        The events newly stored, the journeys of the batch that had events here
        before, and the events refused because their device already has another
        event with the same seq.
    """
    unique: dict[str, Event] = {}
    for e in events:
        unique.setdefault(e.id, e)
    held = _found(conn, "id", unique)
    fresh = [e for e in unique.values() if e.id not in held]
    known_journeys = _found(conn, "journey_id", (e.journey_id for e in fresh))
    added = conn.executemany(_INSERT_IF_NEW, [row(e) for e in fresh]).rowcount
    if added == len(fresh):
        return fresh, known_journeys, []
    # INSERT OR IGNORE skipped some: not by id (checked above), so by (device_id, seq).
    landed = _found(conn, "id", (e.id for e in fresh))
    refused: list[Rejected] = [
        (e.id, f"device {e.device_id} already has another event with seq {e.seq}")
        for e in fresh
        if e.id not in landed
    ]
    return [e for e in fresh if e.id in landed], known_journeys, refused


def index_handoffs(conn: sqlite3.Connection, events: Iterable[Event]) -> None:
    """Index the handoffs issued by these events, by token hash."""
    conn.executemany(
        "INSERT OR IGNORE INTO handoffs (token_hash, journey_id, handoff_id, expires) "
        "VALUES (?, ?, ?, ?)",
        [
            (e.data["token_hash"], e.journey_id, e.data["handoff_id"], e.data["expires"])
            for e in events
            if e.type == "handoff.issued"
        ],
    )


def project(
    conn: sqlite3.Connection,
    added: Sequence[Event],
    known_journeys: set[str],
    events_of: Callable[[str], list[Event]],
) -> None:
    """Fold and project each journey the new events touch, once.

    A journey that had no events here before is folded from the new ones alone;
    any other from its whole log, read back with ``events_of``.
    """
    by_journey: dict[str, list[Event]] = {}
    for e in added:
        by_journey.setdefault(e.journey_id, []).append(e)
    fresh = [fold(j, new) for j, new in by_journey.items() if j not in known_journeys]
    projection.write_states(conn, fresh, replace=False)
    known = [fold(j, events_of(j)) for j in by_journey if j in known_journeys]
    projection.write_states(conn, known)
