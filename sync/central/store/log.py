"""The server's event log, written: a device's push, its quarantine and its gapless ack.

A push is one transaction, so a batch is all stored or not at all. Each event is
stored once (a resend of the same event is a duplicate); an event that is
invalid, that the device may not write (``sync.central.rights``: its site, clock,
channel and actor; here: a journey its site neither touched nor fetched, unless
the event starts it), whose hlc is past the drift, or that contradicts what is
held is quarantined with its reason (``store.quarantine``) and counts as held.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, String, any_, bindparam, insert, select, text, update
from sqlalchemy.dialects.postgresql import ARRAY

from sync.central import schema as t
from sync.central.intake import COLUMNS, Row, event_row
from sync.central.notify.outbox import TRIGGERING, enqueue_for_rows
from sync.central.records import (
    Device,
    EventResult,
    ForeignDevice,
    PushResult,
    id_and_seq,
)
from sync.central.rights import device_refusal
from sync.central.store.database import Database
from sync.central.store.quarantine import Quarantine
from sync.domain.envelope import NAMES
from sync.domain.hlc import Timestamp
from sync.errors import InvalidEvent

_INSERT_EVENTS_SQLITE = (  # qmark placeholders; PostgreSQL copies with _copy_events
    f"INSERT INTO events ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
)

_GRANT_PG = text(
    "INSERT INTO site_journeys (site_id, journey_id, how, since) "
    "SELECT :site, j, 'touched', :now FROM unnest(CAST(:journeys AS varchar[])) AS j "
    "ON CONFLICT DO NOTHING"
)
_GRANT_SQLITE = (
    "INSERT INTO site_journeys (site_id, journey_id, how, since) VALUES (?, ?, 'touched', ?) "
    "ON CONFLICT DO NOTHING"
)


_ENVELOPE = len(NAMES)  # a row's envelope: all but ref and received


AfterPush = Callable[[Connection, list[Row]], object]
"""Called in a push's transaction with the rows it stored (the clock reading)."""


def push(
    db: Database, device: Device, raws: Sequence[Any], after: AfterPush | None = None
) -> PushResult:
    """Store a device's batch in one transaction; see the module docstring.

    ``after`` runs last in the same transaction, with the rows stored.

    Raises:
        ForeignDevice: an event names another device; nothing is stored.
    """
    for i, raw in enumerate(raws):
        if isinstance(raw, Mapping) and "device_id" in raw and raw["device_id"] != device.device_id:
            raise ForeignDevice(
                f"event {i} claims device {raw['device_id']!r}; this token is {device.device_id!r}"
            )
    now = db.now()
    limit = db.hlc_limit()
    checked: list[tuple[int, Any, Row | None, str]] = []
    for i, raw in enumerate(raws):
        try:
            made = event_row(raw, now)
        except InvalidEvent as exc:
            checked.append((i, raw, None, str(exc)))
            continue
        why = device_refusal(device, made)
        if why is None and made[3][:12] >= limit:
            why = _too_far_ahead(db, made[3])
        checked.append((i, raw, None, why) if why else (i, raw, made, ""))
    result = PushResult()
    with db.write() as conn:
        rows = [r for _, _, r, _ in checked if r]
        by_id, by_seq = _held(db, conn, device.device_id, rows)
        open_to_site, held_journeys = _journeys(db, conn, device.site_id, rows)
        quarantine = Quarantine(db, conn, device, now)
        fresh: list[Row] = []
        for i, raw, row, why in checked:
            journey = row[1] if row is not None else ""
            # A journey not yet open to the site is one only its journey.started begins.
            if (
                row is not None
                and journey not in open_to_site
                and (journey in held_journeys or row[2] != "journey.started")
            ):
                why = _closed_journey(device, journey, journey in held_journeys)
                row = None
            if row is None:
                event_id, seq = id_and_seq(raw)
                result.results.append(quarantine.hold(i, raw, event_id, seq, why))
                continue
            event_id, seq = row[0], row[6]
            held = by_id.get(event_id)
            if held is None and seq not in by_seq:
                by_id[event_id], by_seq[seq] = row[:_ENVELOPE], event_id
                fresh.append(row)
                open_to_site.add(journey)  # a journey.started begins it here
            elif held == row[:_ENVELOPE]:
                result.results.append(EventResult(i, event_id, seq, "duplicate"))
            else:
                reason = _contradiction(device, row, held, by_seq.get(seq))
                result.results.append(quarantine.hold(i, raw, event_id, seq, reason))
        result.stored = len(fresh)
        if fresh:
            insert_rows(db, conn, fresh)
            _grant_many(db, conn, device.site_id, {row[1] for row in fresh}, now)
            # Every hlc stored is within the drift (checked above): ours stays sane.
            db.hlc.observe(Timestamp.decode(max(row[3] for row in fresh)))
        if after is not None:
            after(conn, fresh)
        result.acked_seq = _advance_ack(conn, device.device_id, now)
        conn.execute(
            update(t.devices).where(t.devices.c.device_id == device.device_id).values(last_sync=now)
        )
    return result


def _journeys(
    db: Database, conn: Connection, site_id: str, rows: list[Row]
) -> tuple[set[str], set[str]]:
    """Of the rows' journeys: those open to the site (touched or fetched), and those held."""
    journeys = sorted({row[1] for row in rows})
    if not journeys:
        return set(), set()
    grants = t.site_journeys.c
    granted = set(
        conn.execute(
            select(grants.journey_id).where(
                grants.site_id == site_id, _among(db, grants.journey_id, journeys)
            )
        ).scalars()
    )
    others = [j for j in journeys if j not in granted]
    if not others:
        return granted, set()
    journey = t.events.c.journey_id
    held = conn.execute(select(journey).distinct().where(_among(db, journey, others))).scalars()
    return granted, set(held)


def _among(db: Database, column: Any, values: list[str]) -> Any:
    """``column IN values``; one array parameter on PostgreSQL, planned and sent far faster."""
    if db.is_postgres:
        return column == any_(bindparam(f"{column.name}_values", values, type_=ARRAY(String)))
    return column.in_(values)


def _closed_journey(device: Device, journey_id: str, held: bool) -> str:
    if held:
        return (
            f"journey {journey_id} is not one site {device.site_id!r} touched or fetched: "
            "fetch it by reference first"
        )
    return f"journey {journey_id} is not held here and this event does not start it"


def _too_far_ahead(db: Database, hlc: str) -> str:
    ahead = int(hlc[:12], 16) - db.clock()
    return (
        f"hlc {hlc[:17]} is {ahead // 1000} s ahead of the central store's clock "
        f"(at most {db.limits.max_drift_ms // 1000} s): the device's clock is wrong"
    )


def insert_rows(db: Database, conn: Connection, rows: list[Row]) -> None:
    """Insert event rows: COPY on PostgreSQL, one executemany of plain tuples on SQLite.

    Each ``handoff.issued`` among them is indexed by its token's hash, and each
    ``citizen.identified`` by the citizen's keys (``schema.citizen_index``), in the same
    transaction, so its link opens (its citizen is found) as soon as the push has
    committed; each event that asks for a message to the citizen queues it in the
    notifier's outbox, in the same transaction too (``sync.central.notify.outbox``).
    """
    if db.is_postgres:
        _copy_events(conn, rows)
    else:
        conn.exec_driver_sql(_INSERT_EVENTS_SQLITE, rows)
    for row in rows:
        if row[2] == "handoff.issued":
            t.index_handoff(conn, row[1], json.loads(row[10]))
        elif row[2] == "citizen.identified":
            t.index_citizen(conn, row[1], json.loads(row[10]))
    if any(row[2] in TRIGGERING for row in rows):
        enqueue_for_rows(conn, rows, db.now())


def _copy_events(conn: Connection, rows: list[Row]) -> None:
    """Insert rows with PostgreSQL's COPY, inside the connection's transaction.

    psycopg's executemany pays a pipeline round per row; COPY streams the batch.
    """
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    sql = f"COPY events ({', '.join(COLUMNS)}) FROM STDIN"
    with dbapi.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row(row)


def _held(
    db: Database, conn: Connection, device_id: str, rows: list[Row]
) -> tuple[dict[str, tuple[Any, ...]], dict[int, str]]:
    """What the store holds already: by event id, its envelope; by this device's seq, the id.

    One query for the batch. A device's batch is a run of seqs, read as a range.
    """
    if not rows:
        return {}, {}
    ids = [row[0] for row in rows]
    seqs = [row[6] for row in rows]
    low, high = min(seqs), max(seqs)
    in_batch = (
        t.events.c.seq.between(low, high)
        if high - low < 2 * len(seqs)
        else t.events.c.seq.in_(sorted(set(seqs)))
    )
    ids_held = _among(db, t.events.c.id, ids)
    by_id: dict[str, tuple[Any, ...]] = {}
    by_seq: dict[int, str] = {}
    for held in conn.execute(
        select(*(t.events.c[name] for name in NAMES)).where(
            ids_held | ((t.events.c.device_id == device_id) & in_batch)
        )
    ):
        envelope = (*held[:6], int(held[6]), *held[7:])
        by_id[envelope[0]] = envelope
        if envelope[5] == device_id:
            by_seq[envelope[6]] = envelope[0]
    return by_id, by_seq


def _contradiction(
    device: Device, row: Row, held: tuple[Any, ...] | None, seq_held_by: str | None
) -> str:
    """Why an event contradicts what is held: its id, its seq, or its content."""
    event_id, seq = row[0], row[6]
    if held is None:
        return f"seq {seq} of device {device.device_id} is already held by event {seq_held_by}"
    if held[5:7] != (device.device_id, seq):
        return f"event id {event_id} is already held with seq {held[6]}"
    differs = ", ".join(name for name, a, b in zip(NAMES, held, row, strict=False) if a != b)
    return (
        f"event {event_id} (seq {seq}) is already held with other content ({differs} differ): "
        "the device's store was restored or is broken"
    )


def _grant_many(db: Database, conn: Connection, site_id: str, journeys: set[str], now: str) -> None:
    """Let the site pull these journeys (touched); a grant already held stays as it is."""
    if db.is_postgres:
        # One array parameter: psycopg's executemany pays a round trip a row.
        conn.execute(_GRANT_PG, {"site": site_id, "now": now, "journeys": sorted(journeys)})
    else:
        conn.exec_driver_sql(_GRANT_SQLITE, [(site_id, j, now) for j in sorted(journeys)])


def _advance_ack(conn: Connection, device_id: str, now: str) -> int:
    """Move the device's ack over every seq now held (stored or quarantined) without a gap."""
    row = conn.execute(
        select(t.device_acks.c.acked_seq).where(t.device_acks.c.device_id == device_id)
    ).first()
    acked = int(row.acked_seq) if row else 0
    start = acked
    above = (
        select(t.events.c.seq.label("seq"))
        .where(t.events.c.device_id == device_id, t.events.c.seq > acked)
        .union(
            select(t.quarantine.c.seq.label("seq")).where(
                t.quarantine.c.device_id == device_id, t.quarantine.c.seq > acked
            )
        )
    )
    for s in sorted({int(s) for s in conn.execute(above).scalars()}):
        if s != acked + 1:
            break
        acked = s
    if row is None:
        conn.execute(
            insert(t.device_acks).values(device_id=device_id, acked_seq=acked, updated=now)
        )
    elif acked != start:
        conn.execute(
            update(t.device_acks)
            .where(t.device_acks.c.device_id == device_id)
            .values(acked_seq=acked, updated=now)
        )
    return acked
