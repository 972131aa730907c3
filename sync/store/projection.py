"""The ``journeys`` projection: one row per journey for lists and search.

It is updated in the same transaction as the events it reflects: a local append
from that event alone (no fold on the hot path); a pulled batch by folding each
journey it touches once. It can be rebuilt from the log at any time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from sync.domain.events import Event
from sync.domain.fold import JourneyState


def apply_event(conn: sqlite3.Connection, e: Event) -> None:
    """Reflect one newly stored event in the projection."""
    conn.execute(
        """
        INSERT INTO journeys (journey_id, last_day, last_wall, last_hlc, last_channel,
                              last_site, event_count)
        VALUES (?, substr(?, 1, 10), ?, ?, ?, ?, 1)
        ON CONFLICT (journey_id) DO UPDATE SET
            event_count = event_count + 1,
            last_day = CASE WHEN excluded.last_hlc > last_hlc AND excluded.last_day != last_day
                            THEN excluded.last_day ELSE last_day END,
            last_wall = CASE WHEN excluded.last_hlc > last_hlc THEN excluded.last_wall
                             ELSE last_wall END,
            last_channel = CASE WHEN excluded.last_hlc > last_hlc THEN excluded.last_channel
                                ELSE last_channel END,
            last_site = CASE WHEN excluded.last_hlc > last_hlc THEN excluded.last_site
                             ELSE last_site END,
            last_hlc = max(last_hlc, excluded.last_hlc)
        """,
        (e.journey_id, e.wall, e.wall, e.hlc, e.channel, e.site_id),
    )
    d = e.data
    if e.type == "journey.started":
        conn.execute(
            "UPDATE journeys SET ref = coalesce(ref, ?), language = ?, "
            "started_wall = coalesce(started_wall, ?) WHERE journey_id = ?",
            (d["ref"], d["language"], e.wall, e.journey_id),
        )
    elif e.type == "citizen.identified":
        # The latest identification by HLC wins, as in the fold.
        latest = conn.execute(
            "SELECT max(hlc) FROM events WHERE journey_id = ? AND type = 'citizen.identified'",
            (e.journey_id,),
        ).fetchone()[0]
        if latest == e.hlc:
            conn.execute(
                "UPDATE journeys SET citizen_name = ? WHERE journey_id = ?",
                (d["name"], e.journey_id),
            )
            conn.execute("DELETE FROM journey_names WHERE journey_id = ?", (e.journey_id,))
            conn.execute(
                "INSERT INTO journey_names (journey_id, name) VALUES (?, ?)",
                (e.journey_id, d["name"]),
            )
    elif e.type in ("service.added", "service.removed"):
        # Replay just this journey's service events, as the fold does, so that a
        # duplicate add or an out-of-order remove counts right.
        services: list[str] = []
        for kind, data in conn.execute(
            "SELECT type, data ->> '$.service' FROM events WHERE journey_id = ? "
            "AND type IN ('service.added', 'service.removed') ORDER BY hlc, id",
            (e.journey_id,),
        ):
            if kind == "service.added" and data not in services:
                services.append(data)
            elif kind == "service.removed" and data in services:
                services.remove(data)
        conn.execute(
            "UPDATE journeys SET service_count = ? WHERE journey_id = ?",
            (len(services), e.journey_id),
        )
    elif e.type == "journey.closed":
        conn.execute(
            "UPDATE journeys SET closed = ? WHERE journey_id = ?", (d["reason"], e.journey_id)
        )


def write_states(
    conn: sqlite3.Connection, states: Iterable[JourneyState], *, replace: bool = True
) -> None:
    """Write the journeys' rows as their folds say (pulls and rebuilds).

    Args:
        conn: the store's connection, inside the caller's transaction.
        states: the folded journeys.
        replace: whether the journeys may have rows already. False spares a
            delete per journey, which in ``journey_names`` (full text, the id not
            indexed) reads the whole table.
    """
    states = list(states)
    if replace:
        ids = [(s.journey_id,) for s in states]
        conn.executemany("DELETE FROM journeys WHERE journey_id = ?", ids)
        conn.executemany("DELETE FROM journey_names WHERE journey_id = ?", ids)
    conn.executemany(
        """
        INSERT INTO journeys (journey_id, ref, citizen_name, language, closed, started_wall,
            last_day, last_wall, last_hlc, last_channel, last_site, event_count, service_count)
        VALUES (?, ?, ?, ?, ?, ?, substr(?, 1, 10), ?, ?, ?, ?, ?, ?)
        """,
        [_journey_row(s) for s in states],
    )
    conn.executemany(
        "INSERT INTO journey_names (journey_id, name) VALUES (?, ?)",
        [(s.journey_id, s.citizen.name) for s in states if s.citizen],
    )


def _journey_row(state: JourneyState) -> tuple[Any, ...]:
    last = state.visits[-1] if state.visits else None
    return (
        state.journey_id,
        state.ref,
        state.citizen.name if state.citizen else None,
        state.language,
        state.closed,
        state.started_wall,
        state.last_wall,
        state.last_wall,
        state.last_hlc,
        last.channel if last else "counter",
        last.site_id if last else "",
        state.event_count,
        len(state.services),
    )
