"""The central case store's data: devices, tokens, the server's event log, quarantine, audit.

``CentralStore`` holds every operation the HTTP API and the ``counterpart central``
commands need, over one SQLAlchemy engine (SQLite or PostgreSQL). Each write runs
in one transaction, so a push is all stored or not at all. Writers are serialised
(``BEGIN IMMEDIATE`` on SQLite, an advisory lock on PostgreSQL): the server's
order ``server_pos`` is then also commit order, and a pull cursor never skips an
event that commits late.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import timedelta
from typing import Any, Literal

from sqlalchemy import (
    Connection,
    String,
    any_,
    bindparam,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import SQLAlchemyError

from sync.central import schema as t
from sync.central.engine import make_engine
from sync.central.intake import Row, event_row
from sync.central.records import (
    EVENT_COLS,
    Device,
    DeviceStatus,
    EnrolmentRefused,
    EventResult,
    ForeignDevice,
    PushResult,
    UnknownJourney,
    hash_secret,
    id_and_seq,
    iso,
    normalise_code,
    row_to_dict,
    storable,
    utc_ms,
)
from sync.domain.events import parse_event
from sync.domain.hlc import HybridClock, Timestamp
from sync.domain.ids import CROCKFORD, parse_reference, uuid7
from sync.errors import CentralError, InvalidEvent

CENTRAL_DEVICE = "central"
"""The device id of events the central store writes itself (status changes)."""
_ADVISORY_LOCK = 0x43505254
_ENROL_CODE_TTL = timedelta(hours=24)

Outcome = Literal["stored", "duplicate", "quarantined"]


_COPY_COLUMNS = ("id", "journey_id", "type", "hlc", "wall", "device_id", "seq", "channel",
                 "site_id", "actor", "data", "ref", "received")  # fmt: skip


_INSERT_EVENTS_SQLITE = (  # qmark placeholders; PostgreSQL copies with _copy_events
    f"INSERT INTO events ({', '.join(_COPY_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_COPY_COLUMNS))})"
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


def _copy_events(conn: Connection, rows: list[Row]) -> None:
    """Insert rows with PostgreSQL's COPY, inside the connection's transaction.

    psycopg's executemany pays a pipeline round per row; COPY streams the batch.
    """
    dbapi = conn.connection.dbapi_connection
    assert dbapi is not None
    sql = f"COPY events ({', '.join(_COPY_COLUMNS)}) FROM STDIN"
    with dbapi.cursor() as cur, cur.copy(sql) as copy:  # type: ignore[attr-defined]
        for row in rows:
            copy.write_row(row)


def _pull_query(postgres: bool) -> str:
    """A page of pull, each event as its JSON object built by the database."""
    quote = "to_json({})::text" if postgres else "json_quote({})"
    fields = []
    for i, column in enumerate(_COPY_COLUMNS[:11]):
        value = f"e.{column}" if column in ("seq", "data") else quote.format(f"e.{column}")
        fields.append(f"""'{"{" if i == 0 else ","}"{column}":' || {value}""")
    # Walk the events in order and keep those of the site's journeys, up to the limit.
    # Joining from the site's journeys instead sorts all their events on every page
    # (PostgreSQL picks that when its statistics are stale: OFFSET 0 keeps it from
    # turning the EXISTS into a join).
    fence = " OFFSET 0" if postgres else ""
    return (
        f"SELECT e.server_pos, {' || '.join(fields)} || '}}' FROM events e "
        "WHERE e.server_pos > :since AND e.device_id != :device AND EXISTS ("
        "SELECT 1 FROM site_journeys s WHERE s.site_id = :site AND s.journey_id = e.journey_id"
        f"{fence}) ORDER BY e.server_pos LIMIT :limit"
    )


class CentralStore:
    """The central case store's database.

    Args:
        db_url: ``sqlite:///path`` or ``postgresql+psycopg://user@host:port/db``.
        clock: the machine clock in Unix ms (tests pass a fake one).
        random_bytes: a source of randomness for event ids.

    Raises:
        CentralError: the database cannot be reached or has a newer schema.
    """

    def __init__(
        self,
        db_url: str,
        *,
        clock: Callable[[], int] = utc_ms,
        random_bytes: Callable[[int], bytes] = os.urandom,
    ) -> None:
        self.engine = make_engine(db_url)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        self._clock = clock
        self._random = random_bytes
        try:
            with self.write() as conn:
                t.migrate(conn)
                last = conn.execute(select(func.max(t.events.c.hlc))).scalar()
        except SQLAlchemyError as exc:
            raise CentralError(f"cannot open the central database: {exc}") from exc
        self.hlc = HybridClock(CENTRAL_DEVICE, clock, Timestamp.decode(last) if last else None)
        self._pull_sql = text(_pull_query(self.is_postgres))

    def close(self) -> None:
        """Release every pooled connection."""
        self.engine.dispose()

    def now(self) -> str:
        """The current UTC time as stored."""
        return iso(self._clock())

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction, serialised with every other writer."""
        with self.engine.connect() as conn:
            conn.info["write"] = True
            try:
                with conn.begin():
                    if self.is_postgres:
                        conn.execute(text(f"SELECT pg_advisory_xact_lock({_ADVISORY_LOCK})"))
                    yield conn
            finally:
                conn.info["write"] = False

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A read transaction (a consistent snapshot)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    # -- enrolment and tokens -------------------------------------------------

    def issue_enrolment_code(self, site_id: str) -> str:
        """A one-time enrolment code for a device of ``site_id``, valid for 24 hours."""
        body = "".join(CROCKFORD[b & 31] for b in secrets.token_bytes(12))
        code = "-".join(body[i : i + 4] for i in range(0, 12, 4))
        expires = iso(self._clock() + int(_ENROL_CODE_TTL.total_seconds() * 1000))
        with self.write() as conn:
            conn.execute(
                insert(t.enrolment_codes).values(
                    code_hash=hash_secret(normalise_code(code)), site_id=site_id, expires=expires
                )
            )
            self._audit(conn, "operator", "enrolment.issued", None, f"site={site_id}")
        return code

    def enrol(self, code: str, device_id: str) -> tuple[str, str]:
        """Redeem an enrolment code for ``device_id``; returns (device token, site id).

        Raises:
            EnrolmentRefused: the code is unknown, used or expired, or the device id
                is enrolled and not revoked.
        """
        token = secrets.token_urlsafe(32)
        now = self.now()
        with self.write() as conn:
            row = conn.execute(
                select(t.enrolment_codes).where(
                    t.enrolment_codes.c.code_hash == hash_secret(normalise_code(code))
                )
            ).first()
            if row is None or row.used is not None or row.expires < now:
                raise EnrolmentRefused("the enrolment code is unknown, already used or expired")
            existing = conn.execute(
                select(t.devices).where(t.devices.c.device_id == device_id)
            ).first()
            if existing is not None and existing.revoked is None:
                raise EnrolmentRefused(
                    f"device {device_id} is already enrolled; revoke it first to enrol it again"
                )
            conn.execute(
                update(t.enrolment_codes)
                .where(t.enrolment_codes.c.code_hash == row.code_hash)
                .values(used=now, used_by=device_id)
            )
            values = {"site_id": row.site_id, "token_hash": hash_secret(token), "enrolled": now}
            if existing is None:
                conn.execute(insert(t.devices).values(device_id=device_id, **values))
            else:
                conn.execute(
                    update(t.devices)
                    .where(t.devices.c.device_id == device_id)
                    .values(revoked=None, **values)
                )
            self._audit(conn, f"device:{device_id}", "device.enrolled", None, f"site={row.site_id}")
        return token, str(row.site_id)

    def revoke(self, device_id: str) -> bool:
        """Revoke a device's token; returns whether the device was enrolled and active."""
        with self.write() as conn:
            done = conn.execute(
                update(t.devices)
                .where(t.devices.c.device_id == device_id, t.devices.c.revoked.is_(None))
                .values(revoked=self.now())
            ).rowcount
            if done:
                self._audit(conn, "operator", "device.revoked", None, f"device={device_id}")
        return bool(done)

    def device_for_token(self, token: str) -> Device | None:
        """The active device this token belongs to, or None (unknown or revoked)."""
        with self.read() as conn:
            row = conn.execute(
                select(t.devices.c.device_id, t.devices.c.site_id).where(
                    t.devices.c.token_hash == hash_secret(token), t.devices.c.revoked.is_(None)
                )
            ).first()
        return Device(row.device_id, row.site_id) if row else None

    def issue_agency_token(self, agency_id: str) -> str:
        """A bearer token for an agency's back office."""
        token = secrets.token_urlsafe(32)
        with self.write() as conn:
            conn.execute(
                insert(t.agency_tokens).values(
                    token_hash=hash_secret(token), agency_id=agency_id, created=self.now()
                )
            )
            self._audit(conn, "operator", "agency.token_issued", None, f"agency={agency_id}")
        return token

    def agency_for_token(self, token: str) -> str | None:
        """The agency id this token belongs to, or None."""
        with self.read() as conn:
            value = conn.execute(
                select(t.agency_tokens.c.agency_id).where(
                    t.agency_tokens.c.token_hash == hash_secret(token),
                    t.agency_tokens.c.revoked.is_(None),
                )
            ).scalar()
        return str(value) if value is not None else None

    # -- push -------------------------------------------------------------------

    def push(self, device: Device, raws: Sequence[Any]) -> PushResult:
        """Store a device's batch in one transaction; see the module docstring.

        Each event is stored once (a resend of the same id is a duplicate); an
        event that is invalid or contradicts what is held is quarantined with its
        reason and counts as held for the ack.

        Raises:
            ForeignDevice: an event names another device; nothing is stored.
        """
        for i, raw in enumerate(raws):
            if (
                isinstance(raw, Mapping)
                and "device_id" in raw
                and raw["device_id"] != device.device_id
            ):
                raise ForeignDevice(
                    f"event {i} claims device {raw['device_id']!r}; this token is "
                    f"{device.device_id!r}"
                )
        now = self.now()
        checked: list[tuple[int, Any, Row | None, str]] = []
        for i, raw in enumerate(raws):
            try:
                checked.append((i, raw, event_row(raw, now), ""))
            except InvalidEvent as exc:
                checked.append((i, raw, None, str(exc)))
        result = PushResult()
        with self.write() as conn:
            by_id, by_seq = self._held(conn, device.device_id, [r for _, _, r, _ in checked if r])
            fresh: list[Row] = []
            for i, raw, row, why in checked:
                if row is None:
                    event_id, seq = id_and_seq(raw)
                    result.results.append(
                        self._quarantine(conn, device, i, raw, event_id, seq, why, now)
                    )
                    continue
                event_id, seq = row[0], row[6]
                held = by_id.get(event_id)
                if held is None and seq not in by_seq:
                    by_id[event_id], by_seq[seq] = (device.device_id, seq), event_id
                    fresh.append(row)
                elif held == (device.device_id, seq):
                    result.results.append(EventResult(i, event_id, seq, "duplicate"))
                else:
                    reason = (
                        f"event id {event_id} is already held with seq {held[1]}"
                        if held is not None
                        else f"seq {seq} of device {device.device_id} is already held "
                        f"by event {by_seq[seq]}"
                    )
                    result.results.append(
                        self._quarantine(conn, device, i, raw, event_id, seq, reason, now)
                    )
            result.stored = len(fresh)
            if fresh:
                self._insert_rows(conn, fresh)
                self._grant_many(conn, device.site_id, {row[1] for row in fresh}, now)
                # A device clock a year ahead is that device's problem; ours stays sane.
                with contextlib.suppress(InvalidEvent):
                    self.hlc.observe(Timestamp.decode(max(row[3] for row in fresh)))
            result.acked_seq = self._advance_ack(conn, device.device_id, now)
            conn.execute(
                update(t.devices)
                .where(t.devices.c.device_id == device.device_id)
                .values(last_sync=now)
            )
        return result

    def _held(
        self, conn: Connection, device_id: str, rows: list[Row]
    ) -> tuple[dict[str, tuple[str, int]], dict[int, str]]:
        """What the store holds already: by event id, (device, seq); by this device's seq, id.

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
        if self.is_postgres:
            # An array is one parameter: a list of 2,000 is planned and sent far faster.
            ids_held = t.events.c.id == any_(bindparam("ids", ids, type_=ARRAY(String)))
        else:
            ids_held = t.events.c.id.in_(ids)
        by_id: dict[str, tuple[str, int]] = {}
        by_seq: dict[int, str] = {}
        for held_id, held_device, held_seq in conn.execute(
            select(t.events.c.id, t.events.c.device_id, t.events.c.seq).where(
                ids_held | ((t.events.c.device_id == device_id) & in_batch)
            )
        ):
            by_id[held_id] = (held_device, int(held_seq))
            if held_device == device_id:
                by_seq[int(held_seq)] = held_id
        return by_id, by_seq

    def _insert_rows(self, conn: Connection, rows: list[Row]) -> None:
        """Insert event rows: COPY on PostgreSQL, one executemany of plain tuples on SQLite."""
        if self.is_postgres:
            _copy_events(conn, rows)
        else:
            conn.exec_driver_sql(_INSERT_EVENTS_SQLITE, rows)

    def _grant_many(self, conn: Connection, site_id: str, journeys: set[str], now: str) -> None:
        """Let the site pull these journeys (touched); a grant already held stays as it is."""
        if self.is_postgres:
            # One array parameter: psycopg's executemany pays a round trip a row.
            conn.execute(_GRANT_PG, {"site": site_id, "now": now, "journeys": sorted(journeys)})
        else:
            conn.exec_driver_sql(_GRANT_SQLITE, [(site_id, j, now) for j in sorted(journeys)])

    def _quarantine(
        self,
        conn: Connection,
        device: Device,
        i: int,
        raw: Any,
        event_id: str | None,
        seq: int | None,
        reason: str,
        now: str,
    ) -> EventResult:
        encoded = storable(
            json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        )
        reason = storable(reason)
        digest = hashlib.sha256(encoded.encode()).hexdigest()
        exists = conn.execute(
            select(t.quarantine.c.pos).where(
                t.quarantine.c.device_id == device.device_id, t.quarantine.c.raw_sha256 == digest
            )
        ).first()
        if exists is None:
            conn.execute(
                insert(t.quarantine).values(
                    device_id=device.device_id,
                    seq=seq,
                    event_id=event_id,
                    raw=encoded,
                    raw_sha256=digest,
                    reason=reason,
                    received=now,
                )
            )
        return EventResult(i, event_id, seq, "quarantined", reason)

    def _grant(self, conn: Connection, site_id: str, journey_id: str, how: str, now: str) -> None:
        held = conn.execute(
            select(t.site_journeys.c.how).where(
                t.site_journeys.c.site_id == site_id, t.site_journeys.c.journey_id == journey_id
            )
        ).first()
        if held is None:
            conn.execute(
                insert(t.site_journeys).values(
                    site_id=site_id, journey_id=journey_id, how=how, since=now
                )
            )

    def _advance_ack(self, conn: Connection, device_id: str, now: str) -> int:
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

    # -- pull and fetch -----------------------------------------------------------

    def pull(self, device: Device, since: int, limit: int) -> tuple[list[str], int]:
        """Events after position ``since`` of journeys the device's site may see.

        The device's own events are left out. Each event comes as its JSON object,
        built by the database from the stored columns (the data column is already
        JSON): nothing is decoded and encoded again on the way out.

        Returns:
            The events, in the server's order, and the cursor to pass next time:
            after a short page, the last position the store held when it was read,
            so that a quiet site does not scan other sites' events again and again.
        """
        params = {"since": since, "device": device.device_id, "site": device.site_id,
                  "limit": limit}  # fmt: skip
        with self.read() as conn:
            # Read first: every event up to it has committed (writers are serialised and
            # take positions in commit order), so the page below sees them all.
            top = conn.execute(select(func.max(t.events.c.server_pos))).scalar()
            rows = conn.execute(self._pull_sql, params).all()
        cursor = int(rows[-1][0]) if rows else since
        if len(rows) < limit:  # the device has caught up: its round reached us
            if top is not None:
                cursor = max(cursor, int(top))
            self._saw(device.device_id)
        return [str(row[1]) for row in rows], cursor

    def _saw(self, device_id: str) -> None:
        """Note when a device last completed a round (a pull to the end), for ``status``."""
        with self.write() as conn:
            conn.execute(
                update(t.devices)
                .where(t.devices.c.device_id == device_id)
                .values(last_sync=self.now())
            )

    def journey_id_for_ref(self, conn: Connection, ref: str) -> str:
        """The journey a canonical reference names.

        Raises:
            UnknownJourney: no journey.started with this reference is held.
        """
        value = conn.execute(
            select(t.events.c.journey_id)
            .where(t.events.c.ref == ref)
            .order_by(t.events.c.server_pos)
            .limit(1)
        ).scalar()
        if value is None:
            raise UnknownJourney(f"no journey with reference {ref} is held by the central store")
        return str(value)

    def fetch(
        self, device: Device, ref_text: str, operator: str | None
    ) -> tuple[str, str, list[dict[str, Any]]]:
        """A whole journey by reference; the site may then pull it, and the read is audited.

        Returns:
            (journey_id, canonical reference, events in server order).

        Raises:
            InvalidReference: the reference is mistyped.
            UnknownJourney: no such journey here.
        """
        ref = parse_reference(ref_text)
        now = self.now()
        with self.write() as conn:
            journey_id = self.journey_id_for_ref(conn, ref)
            self._grant(conn, device.site_id, journey_id, "opened", now)
            actor = f"device:{device.device_id}" + (f" operator:{operator}" if operator else "")
            self._audit(
                conn, actor, "journey.fetched", journey_id, f"ref={ref} site={device.site_id}"
            )
            rows = conn.execute(
                select(*EVENT_COLS)
                .where(t.events.c.journey_id == journey_id)
                .order_by(t.events.c.server_pos)
            ).all()
        return journey_id, ref, [row_to_dict(r) for r in rows]

    def record_status(
        self, agency_id: str, ref_text: str, service: str, status: str, message: str | None
    ) -> dict[str, Any]:
        """Append a ``status.changed`` from an agency's back office to a journey.

        Raises:
            InvalidReference: the reference is mistyped.
            UnknownJourney: no such journey here.
            InvalidEvent: the status does not make a valid event.
        """
        ref = parse_reference(ref_text)
        now = self.now()
        with self.write() as conn:
            journey_id = self.journey_id_for_ref(conn, ref)
            last = conn.execute(
                select(func.max(t.events.c.seq)).where(t.events.c.device_id == CENTRAL_DEVICE)
            ).scalar()
            stamp = self.hlc.now()
            data: dict[str, Any] = {"service": service, "status": status}
            if message is not None:
                data["message"] = message
            e = parse_event(
                {
                    "id": uuid7(stamp.ms, self._random(10)),
                    "journey_id": journey_id,
                    "type": "status.changed",
                    "hlc": stamp.encode(),
                    "wall": now,
                    "device_id": CENTRAL_DEVICE,
                    "seq": int(last or 0) + 1,
                    "channel": "backoffice",
                    "site_id": CENTRAL_DEVICE,
                    "actor": f"agency:{agency_id}",
                    "data": data,
                }
            )
            self._insert_rows(conn, [event_row(e.to_dict(), now)])
            self._audit(conn, f"agency:{agency_id}", "status.changed", journey_id, f"ref={ref}")
        return e.to_dict()

    # -- operator views -------------------------------------------------------------

    def device_statuses(self) -> list[DeviceStatus]:
        """Every device with its last sync, ack, highest seq and quarantined count."""
        with self.read() as conn:
            devices = conn.execute(select(t.devices).order_by(t.devices.c.device_id)).all()
            acks = dict(
                conn.execute(select(t.device_acks.c.device_id, t.device_acks.c.acked_seq)).all()
            )
            highest = dict(
                conn.execute(
                    select(t.events.c.device_id, func.max(t.events.c.seq)).group_by(
                        t.events.c.device_id
                    )
                ).all()
            )
            parked: dict[str, int] = dict(
                conn.execute(
                    select(t.quarantine.c.device_id, func.count()).group_by(
                        t.quarantine.c.device_id
                    )
                ).all()
            )
        return [
            DeviceStatus(
                device_id=d.device_id,
                site_id=d.site_id,
                enrolled=d.enrolled,
                revoked=d.revoked,
                last_sync=d.last_sync,
                acked_seq=int(acks.get(d.device_id, 0)),
                highest_seq=int(highest.get(d.device_id) or 0),
                quarantined=int(parked.get(d.device_id, 0)),
            )
            for d in devices
        ]

    def quarantined(self, device_id: str | None = None) -> list[dict[str, Any]]:
        """Quarantined events (optionally of one device), oldest first."""
        query = select(t.quarantine).order_by(t.quarantine.c.pos)
        if device_id is not None:
            query = query.where(t.quarantine.c.device_id == device_id)
        with self.read() as conn:
            return [
                {
                    "device_id": r.device_id,
                    "seq": r.seq,
                    "event_id": r.event_id,
                    "reason": r.reason,
                    "received": r.received,
                }
                for r in conn.execute(query)
            ]

    def audit_entries(self, journey_id: str | None = None) -> list[dict[str, Any]]:
        """Audit entries (optionally of one journey), oldest first."""
        query = select(t.audit).order_by(t.audit.c.pos)
        if journey_id is not None:
            query = query.where(t.audit.c.journey_id == journey_id)
        with self.read() as conn:
            return [
                {"wall": r.wall, "actor": r.actor, "action": r.action,
                 "journey_id": r.journey_id, "detail": r.detail}
                for r in conn.execute(query)
            ]  # fmt: skip

    def count_events(self) -> int:
        """How many events the central store holds."""
        with self.read() as conn:
            return int(conn.execute(select(func.count()).select_from(t.events)).scalar() or 0)

    def _audit(
        self, conn: Connection, actor: str, action: str, journey_id: str | None, detail: str
    ) -> None:
        conn.execute(
            insert(t.audit).values(
                wall=self.now(), actor=actor, action=action, journey_id=journey_id, detail=detail
            )
        )


__all__ = [
    "CENTRAL_DEVICE",
    "CentralStore",
    "Device",
    "DeviceStatus",
    "EnrolmentRefused",
    "EventResult",
    "ForeignDevice",
    "PushResult",
    "UnknownJourney",
    "hash_secret",
]
