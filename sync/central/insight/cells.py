"""The rollups summed into cells (by day and site; by agency, day and site; by day, site,
service and days to a decision; the open journeys by the day of their last event), kept
by adding each journey's change as the job folds it in.

A journey's contribution to its cells is a pure function of its tally and its
services' tallies (``journey_cell``, ``service_cell``; a journey counts once for
each agency whose service it holds, ``agency_of``); the job subtracts what a
journey gave before a chunk and adds what it gives after, in the transaction that
moves its cursor, so the cells always equal the sums of the journeys' rows
(``tests/insight/test_kill.py`` holds them to that). The pages read only cells:
their cost grows with days, sites and services, never with journeys.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Final

from sqlalchemy import Connection, select
from sqlalchemy.dialects import postgresql, sqlite

from sync.catalogue.model import agency_of
from sync.central import schema as t
from sync.central.insight.tally import JourneyTally, ServiceTally, Tallies
from sync.domain.insight import DAY_MS

CELL_COUNTS: Final = tuple(
    c.name for c in t.insight_cells.columns if c.name not in ("started_day", "site_id")
)
SERVICE_COUNTS: Final = ("added", "submitted", "decided", "decision_ms")

Key = tuple[Any, ...]
Sums = dict[Key, list[int]]

TABLES: Final = {
    "journeys": (t.insight_cells, ("started_day", "site_id"), CELL_COUNTS),
    "services": (t.insight_service_cells,
                 ("started_day", "site_id", "service_id", "decision_days"), SERVICE_COUNTS),
    "open": (t.insight_open, ("started_day", "site_id", "last_day"), ("journeys",)),
    "open_services": (t.insight_open_services,
                      ("started_day", "site_id", "last_day", "service_id", "done"), ("journeys",)),
    "agencies": (t.insight_agency_cells, ("agency_id", "started_day", "site_id"), CELL_COUNTS),
    "open_agencies": (t.insight_agency_open, ("agency_id", "started_day", "site_id", "last_day"),
                      ("journeys",)),
}  # fmt: skip
"""Each kind of cell: its table, its key's columns and its counts' columns."""

Cells = dict[str, Sums]
"""Sums by kind of cell (``TABLES``' keys)."""


def empty() -> Cells:
    """No sums yet, of every kind."""
    return {kind: {} for kind in TABLES}


def contribute(cells: Cells, tallies: Any, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) what every journey of ``tallies`` gives (its
    services must all be in ``tallies``: they say its agencies)."""
    agencies: dict[str, set[str]] = {}
    for (journey_id, service_id), held in tallies.services.items():
        if held is not None:
            agencies.setdefault(journey_id, set()).add(agency_of(service_id))
    for j in tallies.journeys.values():
        found = journey_cell(j)
        add(cells["journeys"], found, sign)
        is_open = bool(j.started_day) and j.closed_wall is None
        if is_open:
            add(cells["open"], ((j.started_day, j.site_id, j.last_wall[:10]), [1]), sign)
        if found is None:
            continue
        for agency in sorted(agencies.get(j.journey_id, ())):
            add(cells["agencies"], ((agency, *found[0]), found[1]), sign)
            if is_open:
                last: Key = (agency, j.started_day, j.site_id, j.last_wall[:10])
                add(cells["open_agencies"], (last, [1]), sign)
    for s in tallies.services.values():
        if s is None:
            continue
        j = tallies.journeys.get(s.journey_id)
        add(cells["services"], service_cell(s, j), sign)
        if (j is not None and j.started_day and j.closed_wall is None and s.added_wall
                and s.submitted_wall is None):  # fmt: skip
            key = (j.started_day, j.site_id, j.last_wall[:10], s.service_id, s.done)
            add(cells["open_services"], (key, [1]), sign)


def nonzero(cells: Cells) -> Cells:
    """The cells without those whose counts are all zero."""
    return {kind: {k: v for k, v in sums.items() if any(v)} for kind, sums in cells.items()}


def journey_cell(j: JourneyTally) -> tuple[Key, list[int]] | None:
    """The cell of a started journey and what it adds to it (None: not started yet)."""
    if not j.started_day:
        return None
    met = j.channels.split(",")
    values = {
        "journeys": 1, "resolved": int(j.closed_wall is not None), "crossed": j.crossed,
        "steps_counter": j.steps_counter, "steps_van": j.steps_van,
        "steps_kiosk": j.steps_kiosk, "steps_web": j.steps_web,
        "steps_backoffice": j.steps_backoffice, "prefilled": j.prefilled, "typed": j.typed,
        "handoffs_issued": j.handoffs_issued, "handoffs_redeemed": j.handoffs_redeemed,
        "at_kiosk": j.at_kiosk, "assisted": j.assisted,
        "with_feedback": int(j.feedback_count > 0), "feedback_count": j.feedback_count,
        "feedback_sum": j.feedback_sum,
        "met_counter": int("counter" in met), "met_van": int("van" in met),
        "met_kiosk": int("kiosk" in met), "met_web": int("web" in met),
        "assisted_ms": mediator_ms(j),
    }  # fmt: skip
    return (j.started_day, j.site_id), [values[n] for n in CELL_COUNTS]


def mediator_ms(j: JourneyTally) -> int:
    """The mediators' time on a journey: from its first to its last counter or van event."""
    if not j.assisted_from:
        return 0
    from sync.central.insight.measures import wall_ms

    return max(wall_ms(j.assisted_to) - wall_ms(j.assisted_from), 0)


def service_cell(s: ServiceTally, j: JourneyTally | None) -> tuple[Key, list[int]] | None:
    """The cell of an added service of a started journey, and what it adds to it."""
    if j is None or not j.started_day or not s.added_wall:
        return None
    from sync.central.insight.measures import wall_ms

    days, ms = -1, 0
    if s.decided_wall is not None:
        ms = max(wall_ms(s.decided_wall) - wall_ms(s.added_wall), 0)
        days = math.ceil(ms / DAY_MS)
    key = (j.started_day, j.site_id, s.service_id, days)
    return key, [1, int(s.submitted_wall is not None), int(s.decided_wall is not None), ms]


def add(sums: Sums, found: tuple[Key, list[int]] | None, sign: int) -> None:
    """Add (``sign`` 1) or take away (-1) one contribution."""
    if found is None:
        return
    key, values = found
    held = sums.setdefault(key, [0] * len(values))
    for i, v in enumerate(values):
        held[i] += sign * v


def write(conn: Connection, cells: Cells) -> None:
    """Add the sums to the cells (an upsert that adds, on SQLite and PostgreSQL)."""
    for kind, (table, keys, counts) in TABLES.items():
        _upsert(conn, table, keys, counts, cells[kind])


def held(conn: Connection) -> Cells:
    """The cells as stored (those not all zero)."""
    found = empty()
    for kind, (table, keys, counts) in TABLES.items():
        for r in conn.execute(select(*(table.c[k] for k in (*keys, *counts)))):
            found[kind][tuple(r[: len(keys)])] = [int(v) for v in r[len(keys) :]]
    return nonzero(found)


def backfill_agencies(conn: Connection, *, batch: int = 5000) -> None:
    """Sum the agencies' cells from the journeys' and services' rows held (migration 7),
    a batch of journeys at a time (the sums, a few rows a day, are all that is kept)."""
    j, s = t.insight_journeys.c, t.insight_services.c
    sums = empty()
    after = ""
    while True:
        rows = conn.execute(select(t.insight_journeys).where(j.journey_id > after)
                            .order_by(j.journey_id).limit(batch)).all()  # fmt: skip
        if not rows:
            break
        tallies = Tallies({r.journey_id: JourneyTally(**r._asdict()) for r in rows})
        first, after = rows[0].journey_id, rows[-1].journey_id
        for r in conn.execute(
            select(t.insight_services).where(s.journey_id >= first, s.journey_id <= after)
        ):
            tallies.services[(r.journey_id, r.service_id)] = ServiceTally(**r._asdict())
        contribute(sums, tallies, 1)
    for kind in ("agencies", "open_agencies"):
        table, keys, counts = TABLES[kind]
        _upsert(conn, table, keys, counts, sums[kind])


def _upsert(
    conn: Connection, table: Any, keys: tuple[str, ...], counts: Iterable[str], sums: Sums
) -> None:
    counts = tuple(counts)
    rows = [
        {**dict(zip(keys, key, strict=True)), **dict(zip(counts, values, strict=True))}
        for key, values in sorted(sums.items())
        if any(values)
    ]
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=list(keys),
        set_={n: table.c[n] + statement.excluded[n] for n in counts},
    )
    conn.execute(statement, rows)
