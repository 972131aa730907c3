"""The job that keeps the insight's rollups up to date: it folds the events past its cursor.

Push never waits for it: the job reads ``events`` after ``insight_cursor``'s
``server_pos`` (the server's order is commit order, as writers are serialised,
so no late commit is skipped), folds them (``tally.fold``) into the rows of the
journeys they touch, moves what those journeys give the cells (``cells``: their
old contribution taken away, the new one added), and writes the rows, the cells
and the new cursor in one transaction, a chunk at a time. A kill at any moment
leaves the rollups and the cursor of the last committed chunk: the next run goes
on from there, and the rollups equal a fold of the whole log from scratch
(``recompute``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import Connection, delete, func, insert, select, update

from sync.central import schema as t
from sync.central.insight import cells
from sync.central.insight.tally import JourneyTally, ServiceTally, Tallies, fold
from sync.central.store.database import Database

CHUNK: Final = 5000
"""Events folded per transaction (a push waits at most one chunk for the writer lock)."""
_CURSOR: Final = "rollup"
_EVENT_COLUMNS = (
    "server_pos", "id", "journey_id", "type", "wall", "channel", "site_id", "data",
    "device_id", "seq",
)  # fmt: skip


def refresh(db: Database, *, chunk: int = CHUNK) -> int:
    """Fold every event past the cursor into the rollups; returns how many were folded.

    Nothing new (the cursor at the last event held, read in a snapshot): no writer's
    lock is taken, so a page read between pushes waits for no push.
    """
    if lag(db) == 0:
        return 0
    folded = 0
    while True:
        with db.write() as conn:
            n = _fold_chunk(db, conn, chunk)
        folded += n
        if n < chunk:
            return folded


def lag(db: Database) -> int:
    """How many events are held that the rollups do not count yet."""
    with db.read() as conn:
        at = _cursor(conn)
        latest = conn.execute(select(func.max(t.events.c.server_pos))).scalar()
    return int(latest or 0) - at


def recompute(db: Database, *, upto: int | None = None) -> Tallies:
    """The rollups folded from scratch from the whole log (or its events up to ``upto``)."""
    tallies = Tallies()
    e = t.events.c
    query = select(*(e[c] for c in _EVENT_COLUMNS)).order_by(e.server_pos)
    if upto is not None:
        query = query.where(e.server_pos <= upto)
    with db.read() as conn:
        for event in conn.execute(query):
            fold(tallies, event)
    tallies.services = {k: v for k, v in tallies.services.items() if v is not None}
    return tallies


def cursor(db: Database) -> int:
    """The last ``server_pos`` the rollups count."""
    with db.read() as conn:
        return _cursor(conn)


def held(db: Database) -> Tallies:
    """The rollups as the job has stored them."""
    with db.read() as conn:
        journeys = conn.execute(select(t.insight_journeys)).all()
        services = conn.execute(select(t.insight_services)).all()
        comments = conn.execute(select(t.insight_comments).order_by(t.insight_comments.c.event_id))
        return Tallies(
            {r.journey_id: JourneyTally(**r._asdict()) for r in journeys},
            {(r.journey_id, r.service_id): ServiceTally(**r._asdict()) for r in services},
            [dict(r._asdict()) for r in comments],
        )


def cells_of(tallies: Tallies) -> cells.Cells:
    """The cells that the journeys of ``tallies`` sum to (those not all zero)."""
    sums = cells.empty()
    cells.contribute(sums, tallies, 1)
    return cells.nonzero(sums)


def held_cells(db: Database) -> cells.Cells:
    """The cells as the job has stored them (those not all zero)."""
    with db.read() as conn:
        return cells.held(conn)


def _cursor(conn: Connection) -> int:
    c = t.insight_cursor.c
    value = conn.execute(select(c.server_pos).where(c.name == _CURSOR)).scalar()
    return int(value or 0)


def _fold_chunk(db: Database, conn: Connection, chunk: int) -> int:
    cursor = _cursor(conn)
    e = t.events.c
    events = conn.execute(
        select(*(e[c] for c in _EVENT_COLUMNS))
        .where(e.server_pos > cursor)
        .order_by(e.server_pos)
        .limit(chunk)
    ).all()
    if not events:
        return 0
    journeys = sorted({ev.journey_id for ev in events})
    tallies = _load(conn, journeys)
    sums = cells.empty()
    cells.contribute(sums, tallies, -1)  # what they gave, taken away
    for event in events:
        fold(tallies, event)
    cells.contribute(sums, tallies, 1)
    _store(conn, journeys, tallies)
    cells.write(conn, sums)
    _highest_seqs(db, conn, events)
    last = int(events[-1].server_pos)
    if conn.execute(
        update(t.insight_cursor).where(t.insight_cursor.c.name == _CURSOR).values(server_pos=last)
    ).rowcount == 0:  # fmt: skip
        conn.execute(insert(t.insight_cursor).values(name=_CURSOR, server_pos=last))
    return len(events)


def _highest_seqs(db: Database, conn: Connection, events: Sequence[Any]) -> None:
    highest: dict[str, int] = {}
    for e in events:
        highest[e.device_id] = max(highest.get(e.device_id, 0), int(e.seq))
    d = t.insight_devices.c
    held = dict(conn.execute(select(d.device_id, d.highest_seq).where(
        d.device_id.in_(sorted(highest)))).all())  # fmt: skip
    for device_id, seq in sorted(highest.items()):
        if device_id not in held:
            conn.execute(insert(t.insight_devices).values(device_id=device_id, highest_seq=seq))
        elif seq > held[device_id]:
            conn.execute(update(t.insight_devices).where(d.device_id == device_id)
                         .values(highest_seq=seq))  # fmt: skip


def _batches(values: list[str], size: int = 500) -> list[list[str]]:
    return [values[i : i + size] for i in range(0, len(values), size)]


def _load(conn: Connection, journeys: list[str]) -> Tallies:
    tallies = Tallies()
    for batch in _batches(journeys):
        for r in conn.execute(
            select(t.insight_journeys).where(t.insight_journeys.c.journey_id.in_(batch))
        ):
            tallies.journeys[r.journey_id] = JourneyTally(**r._asdict())
        for r in conn.execute(
            select(t.insight_services).where(t.insight_services.c.journey_id.in_(batch))
        ):
            tallies.services[(r.journey_id, r.service_id)] = ServiceTally(**r._asdict())
    return tallies


def _store(conn: Connection, journeys: list[str], tallies: Tallies) -> None:
    """Replace the rows of ``journeys`` with their tallies (delete, then insert)."""
    for batch in _batches(journeys):
        conn.execute(delete(t.insight_journeys).where(t.insight_journeys.c.journey_id.in_(batch)))
        conn.execute(delete(t.insight_services).where(t.insight_services.c.journey_id.in_(batch)))
    rows: list[dict[str, Any]] = [j.row() for j in tallies.journeys.values()]
    if rows:
        conn.execute(insert(t.insight_journeys), rows)
    services = [s.row() for s in tallies.services.values() if s is not None]
    if services:
        conn.execute(insert(t.insight_services), services)
    if tallies.comments:
        conn.execute(insert(t.insight_comments), tallies.comments)
