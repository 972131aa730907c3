"""The local store: a device's journeys as an append-only event log in SQLite.

Appending an event assigns its per-device ``seq`` (gapless), its HLC and its id,
writes it and updates the journeys projection in one transaction; when
``append`` returns, the event is on disk (WAL, ``synchronous=FULL``). One user
action's events go through ``append_many``: one transaction, all or none. Events
pulled from the central store go through ``insert_pulled`` (or the all-or-none
``insert_remote``), idempotent on id, a batch in one transaction.
The store is safe to share between the UI thread and workers: writes are
serialised by a lock and by SQLite's write lock.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.domain.drafts import Draft
from sync.domain.envelope import FIELDS, NAMES
from sync.domain.events import Channel, Event, EventType, check_data
from sync.domain.fold import JourneyState, fold
from sync.domain.hlc import HybridClock, Timestamp
from sync.domain.ids import new_reference, uuid7
from sync.errors import InvalidEvent, StoreError
from sync.store import projection, remote
from sync.store.cipher import StoreKey
from sync.store.opening import open_database
from sync.store.tx import transaction

_EVENT_COLUMNS = ", ".join(NAMES)


# This device's events after a seq as the JSON objects a push carries, built by
# SQLite: the data column already holds each event's data as JSON, so nothing is
# decoded and encoded again on the way out (that cost the client more than the
# server spends storing the event). The same rows as ``own_events_after``. Strings
# are quoted; seq is a number and data is JSON as it stands.
_OWN_EVENTS_JSON = (
    "SELECT seq, '{' || "
    + " || ',' || ".join(
        f"""'"{f.name}":' || """ + (f"json_quote({f.name})" if f.kind is str else f.name)
        for f in FIELDS
    )
    + " || '}' FROM events WHERE device_id = ? AND seq > ? ORDER BY seq LIMIT ?"
)


def _utc_ms() -> int:
    return time.time_ns() // 1_000_000


def _wall(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _row_to_event(row: tuple[Any, ...]) -> Event:
    return Event(
        id=row[0],
        journey_id=row[1],
        type=row[2],
        hlc=row[3],
        wall=row[4],
        device_id=row[5],
        seq=row[6],
        channel=row[7],
        site_id=row[8],
        actor=row[9],
        data=json.loads(row[10]),
    )


@dataclass(frozen=True, slots=True)
class RemoteBatch:
    """What became of a batch of pulled events.

    Attributes:
        added: how many were new here and are now stored.
        rejected: (event id, reason) of each one not stored because it is invalid;
            the id is None when the event has none that can be read.
    """

    added: int
    rejected: tuple[remote.Rejected, ...] = ()


@dataclass(frozen=True, slots=True)
class NewJourney:
    """A journey ``append_many`` starts, with the citizen's language."""

    language: str


@dataclass(frozen=True, slots=True)
class JourneyRow:
    """One line of the journeys projection."""

    journey_id: str
    ref: str | None
    citizen_name: str | None
    language: str
    closed: str | None
    started_wall: str | None
    last_wall: str
    last_channel: str
    last_site: str
    event_count: int
    service_count: int

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form for ``counterpart journeys --json``."""
        return {
            "journey_id": self.journey_id,
            "ref": self.ref,
            "citizen_name": self.citizen_name,
            "language": self.language,
            "closed": self.closed,
            "started": self.started_wall,
            "last_activity": self.last_wall,
            "last_channel": self.last_channel,
            "last_site": self.last_site,
            "events": self.event_count,
            "services": self.service_count,
        }


_JOURNEY_COLUMNS = (
    "journey_id, ref, citizen_name, language, closed, started_wall, last_wall, "
    "last_channel, last_site, event_count, service_count"
)


class LocalStore:
    """The event log and its projections on one device.

    Args:
        path: the SQLite file (``":memory:"`` for tests).
        site_id: the site this device belongs to.
        device_id: this device's id, on every event it writes. By default the store
            makes one when it is created and keeps it: two machines given a copy of
            the same kiosk.toml still never share a device id (and so a seq).
        physical_ms: the machine clock in Unix ms (tests pass a fake one).
        random_bytes: a source of randomness (tests pass a seeded one).
        key: the key of an encrypted store (SQLCipher); None for a plain one.

    Raises:
        StoreNotCounterpart, StoreTooNew, StoreKeyError, StoreError: see
            ``open_database``.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        site_id: str,
        device_id: str | None = None,
        physical_ms: Callable[[], int] = _utc_ms,
        random_bytes: Callable[[int], bytes] = os.urandom,
        key: StoreKey | None = None,
    ) -> None:
        self.path = path
        self.site_id = site_id
        self._physical_ms = physical_ms
        self._random = random_bytes
        self._lock = threading.RLock()
        self.conn: sqlite3.Connection = open_database(path, key)
        if device_id is None:
            device_id = self.get_state("device_id")
            if not device_id:
                device_id = "dev-" + self._random(6).hex()
                self.set_state("device_id", device_id)
        self.device_id = device_id
        # The next seq of this device, counted lazily and kept: one query fewer per append.
        self._next_seq: int | None = None
        last = self.conn.execute("SELECT max(hlc) FROM events").fetchone()[0]
        self.clock = HybridClock(device_id, physical_ms, Timestamp.decode(last) if last else None)
        self.on_append: Callable[[], object] | None = None
        """Called after each event of this device is on disk (the app nudges its sync
        round); it runs in the writer's thread, so it must return at once."""

    def wall_ms(self) -> int:
        """This machine's clock now, in Unix milliseconds (as events' ``wall`` records it)."""
        return self._physical_ms()

    def close(self) -> None:
        """Close the database connection."""
        with self._lock:
            self.conn.close()

    def __enter__(self) -> LocalStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    def append(
        self,
        journey_id: str,
        event_type: EventType,
        data: Mapping[str, Any],
        *,
        channel: Channel,
        actor: str,
    ) -> Event:
        """Record a new event of this device; durable when it returns.

        Raises:
            InvalidEvent: the data does not fit the event type; nothing is written.
            StoreError: the disk refused the write; nothing is written.
        """
        return self.append_many(journey_id, [(event_type, data)], channel=channel, actor=actor)[0]

    def start_journey(self, *, language: str, channel: Channel, actor: str) -> Event:
        """Start a journey with a fresh id and a reference unused in this store."""
        return self.append_many(NewJourney(language), (), channel=channel, actor=actor)[0]

    def append_many(
        self,
        journey: str | NewJourney,
        drafts: Iterable[Draft],
        *,
        channel: Channel,
        actor: str,
    ) -> list[Event]:
        """Record one user action's events, all or none; durable when it returns.

        They are written in one transaction (one fsync), in order: consecutive seqs,
        increasing HLCs, the projection updated as ``append`` does for each.

        Args:
            journey: the journey's id, or ``NewJourney``: then its ``journey.started``
                (a fresh id, a reference unused in this store) comes first.
            drafts: the events' types and data.
            channel, actor: the envelope of every one of them.

        Returns:
            The events written, ``journey.started`` first when one was started.

        Raises:
            InvalidEvent: one draft's data does not fit its type; nothing is written.
            StoreError: the disk refused the write; nothing is written.
        """
        drafts = list(drafts)
        for event_type, data in drafts:
            check_data(event_type, data)
        with self._lock:
            if isinstance(journey, NewJourney):
                journey_id, started = self._new_journey(journey.language)
                drafts.insert(0, started)
            else:
                journey_id = journey
            if not drafts:
                return []
            for attempt in (1, 2):
                if self._next_seq is None:
                    self._next_seq = self.last_seq() + 1
                events = [
                    self._stamp(journey_id, event_type, data, self._next_seq + i, channel, actor)
                    for i, (event_type, data) in enumerate(drafts)
                ]
                try:
                    with transaction(self.conn):
                        for event in events:
                            self._insert(event)
                except self.conn.IntegrityError:
                    # Another process wrote as this device since we counted: recount once.
                    self._next_seq = None
                    if attempt == 2:
                        raise StoreError("could not save the event: seq taken twice") from None
                    continue
                except self.conn.Error as exc:
                    self._next_seq = None
                    raise StoreError(f"could not save the event: {exc}") from exc
                self._next_seq += len(events)
                if self.on_append is not None:
                    self.on_append()
                return events
        raise AssertionError("unreachable")

    def _new_journey(self, language: str) -> tuple[str, Draft]:
        """A fresh journey id and its ``journey.started``, with a reference unused here."""
        while True:
            ref = new_reference(self._random(5))
            if self.find_by_ref(ref) is None:
                break
        journey_id = uuid7(self._physical_ms(), self._random(10))
        return journey_id, ("journey.started", {"ref": ref, "language": language})

    def _stamp(
        self,
        journey_id: str,
        event_type: EventType,
        data: Mapping[str, Any],
        seq: int,
        channel: Channel,
        actor: str,
    ) -> Event:
        """A draft with this device's envelope: a new id, the next HLC, the wall time."""
        stamp = self.clock.now()
        return Event(
            id=uuid7(stamp.ms, self._random(10)),
            journey_id=journey_id,
            type=event_type,
            hlc=stamp.encode(),
            wall=_wall(self._physical_ms()),
            device_id=self.device_id,
            seq=seq,
            channel=channel,
            site_id=self.site_id,
            actor=actor,
            data=dict(data),
        )

    def insert_remote(self, raws: Iterable[Mapping[str, Any]]) -> int:
        """Store events pulled from elsewhere, all or none, skipping those already here.

        Every event is checked first; the clock moves past every one of them.

        Returns:
            How many events were new.

        Raises:
            InvalidEvent: one of them is invalid; none of the batch is stored.
            StoreError: the disk refused the write; nothing is written.
        """
        events, rejected = remote.parse_all(raws)
        if rejected:
            raise InvalidEvent(rejected[0][1])
        return self._store_remote(events, strict=True).added

    def insert_pulled(self, raws: Iterable[Mapping[str, Any]]) -> RemoteBatch:
        """Store a batch of pulled events; an invalid one is reported, the rest stored.

        Idempotent on event id. The valid events are written in one transaction,
        durable when this returns; each journey they touch is projected once; the
        clock moves past every one of them.

        Raises:
            StoreError: the disk refused the write; nothing is written.
        """
        events, rejected = remote.parse_all(raws)
        batch = self._store_remote(events, strict=False)
        return RemoteBatch(batch.added, (*rejected, *batch.rejected))

    def _store_remote(self, events: list[Event], *, strict: bool) -> RemoteBatch:
        """Observe, insert and project parsed events; strict raises on the first refusal."""
        with self._lock:
            events, too_far = remote.observe_all(self.clock, events)
            if strict and too_far:
                raise InvalidEvent(too_far[0][1])
            try:
                with transaction(self.conn):
                    added, known, refused = remote.insert_new(self.conn, events)
                    if strict and refused:
                        raise InvalidEvent(refused[0][1])
                    remote.index_handoffs(self.conn, added)
                    remote.project(self.conn, added, known, self.events_of)
            except self.conn.Error as exc:
                raise StoreError(f"could not save the pulled events: {exc}") from exc
        return RemoteBatch(len(added), (*too_far, *refused))

    def _insert(self, e: Event) -> None:
        """Write one event of this device and reflect it in the projection."""
        self.conn.execute(remote.INSERT_EVENT, remote.row(e))
        projection.apply_event(self.conn, e)
        remote.index_handoffs(self.conn, [e])

    # -- reading ---------------------------------------------------------------

    def events_of(self, journey_id: str) -> list[Event]:
        """A journey's events in clock order."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE journey_id = ? ORDER BY hlc, id",
            (journey_id,),
        ).fetchall()
        return [_row_to_event(r) for r in rows]

    def journey_mark(self, journey_id: str) -> tuple[int, int]:
        """How many events of the journey are stored, and the arrival position of the last.

        The log is append-only, so any event stored for the journey, by this process
        or another, changes the mark: an equal mark means the same events. Read from
        the journey index, a fraction of a millisecond for a thousand events.
        """
        row = self.conn.execute(
            "SELECT count(*), coalesce(max(pos), 0) FROM events WHERE journey_id = ?",
            (journey_id,),
        ).fetchone()
        return int(row[0]), int(row[1])

    def journey(self, journey_id: str) -> JourneyState:
        """The folded state of a journey."""
        return fold(journey_id, self.events_of(journey_id))

    def find_by_ref(self, ref: str) -> JourneyRow | None:
        """The journey with this canonical reference, if it is in this store."""
        row = self.conn.execute(
            f"SELECT {_JOURNEY_COLUMNS} FROM journeys WHERE ref = ?", (ref,)
        ).fetchone()
        return JourneyRow(*row) if row else None

    def find_by_token_hash(self, token_hash: str) -> JourneyRow | None:
        """The journey a handoff with this token hash (sha256 hex) was issued for.

        Whether that handoff is still valid (expiry, revocation) is for the caller
        to judge from the journey's state.
        """
        row = self.conn.execute(
            f"SELECT {', '.join('j.' + c.strip() for c in _JOURNEY_COLUMNS.split(','))} "
            "FROM handoffs h JOIN journeys j ON j.journey_id = h.journey_id "
            "WHERE h.token_hash = ?",
            (token_hash,),
        ).fetchone()
        return JourneyRow(*row) if row else None

    def journeys(
        self, *, since_wall: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[JourneyRow]:
        """Journeys by latest activity, newest first, optionally only since a UTC time."""
        where, args = ("WHERE last_day >= substr(?, 1, 10) AND last_wall >= ?",
                       [since_wall, since_wall]) if since_wall else ("", [])  # fmt: skip
        rows = self.conn.execute(
            f"SELECT {_JOURNEY_COLUMNS} FROM journeys {where} "
            "ORDER BY last_day DESC, last_wall DESC LIMIT ? OFFSET ?",
            (*args, limit, offset),
        ).fetchall()
        return [JourneyRow(*r) for r in rows]

    def open_without_service(self) -> list[str]:
        """The open journeys, last active at this site, that have no service (the ids):
        with no journey on screen, those are the ones a citizen walked away from."""
        rows = self.conn.execute(
            "SELECT journey_id FROM journeys "
            "WHERE closed IS NULL AND service_count = 0 AND last_site = ?",
            (self.site_id,),
        ).fetchall()
        return [r[0] for r in rows]

    def search(self, text: str, *, limit: int = 20) -> list[JourneyRow]:
        """Journeys whose citizen name has words starting with those of ``text``.

        Case and accents are ignored.
        """
        words = [w for w in "".join(c if c.isalnum() else " " for c in text).split() if w]
        if not words:
            return []
        query = " ".join(f'"{w}"*' for w in words)
        rows = self.conn.execute(
            f"SELECT {', '.join('j.' + c.strip() for c in _JOURNEY_COLUMNS.split(','))} "
            "FROM journey_names n JOIN journeys j ON j.journey_id = n.journey_id "
            "WHERE journey_names MATCH ? ORDER BY j.last_wall DESC LIMIT ?",
            (query, limit),
        ).fetchall()
        return [JourneyRow(*r) for r in rows]

    def count_events(self) -> int:
        """How many events the store holds."""
        return int(self.conn.execute("SELECT count(*) FROM events").fetchone()[0])

    def own_events_after(self, seq: int, limit: int) -> list[Event]:
        """This device's events with ``seq`` above the given one, in seq order."""
        rows = self.conn.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events WHERE device_id = ? AND seq > ? "
            "ORDER BY seq LIMIT ?",
            (self.device_id, seq, limit),
        ).fetchall()
        return [_row_to_event(r) for r in rows]

    def own_events_json_after(self, seq: int, limit: int) -> list[tuple[int, str]]:
        """This device's events after ``seq`` as (seq, JSON object text), in seq order.

        The text is what a push sends for the event, made without decoding its data.
        """
        rows = self.conn.execute(_OWN_EVENTS_JSON, (self.device_id, seq, limit)).fetchall()
        return [(int(r[0]), str(r[1])) for r in rows]

    def last_seq(self) -> int:
        """The highest seq this device has written (0 if none)."""
        row = self.conn.execute(
            "SELECT max(seq) FROM events WHERE device_id = ?", (self.device_id,)
        ).fetchone()
        return int(row[0] or 0)

    def iter_events(self) -> Iterator[Event]:
        """Every event in local arrival order."""
        for row in self.conn.execute(f"SELECT {_EVENT_COLUMNS} FROM events ORDER BY pos"):
            yield _row_to_event(row)

    # -- sync bookkeeping ------------------------------------------------------

    def get_state(self, key: str, default: str = "") -> str:
        """A sync bookkeeping value (``acked_seq``, ``pull_cursor``, ...)."""
        row = self.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else default

    def set_state(self, key: str, value: str) -> None:
        """Set a sync bookkeeping value, durably."""
        with self._lock, transaction(self.conn):
            self.conn.execute(
                "INSERT INTO sync_state (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def record_push(self, acked_seq: int, parked: Iterable[tuple[int, str | None, str]]) -> None:
        """Keep the central store's answer to a push, in one transaction.

        Args:
            acked_seq: the highest seq the central store holds without gaps.
            parked: (seq, event id, reason) of events it quarantined.
        """
        with self._lock, transaction(self.conn):
            self.conn.executemany(
                "INSERT OR REPLACE INTO parked (seq, event_id, reason, parked_wall) "
                "VALUES (?, ?, ?, ?)",
                [(s, i, r, _wall(self._physical_ms())) for s, i, r in parked],
            )
            self.conn.execute(
                "INSERT INTO sync_state (key, value) VALUES ('acked_seq', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(acked_seq),),
            )

    def parked(self) -> list[tuple[int, str | None, str]]:
        """This device's events the central store quarantined: (seq, event id, reason)."""
        rows = self.conn.execute("SELECT seq, event_id, reason FROM parked ORDER BY seq")
        return [(int(r[0]), r[1], str(r[2])) for r in rows]

    def backlog(self) -> int:
        """How many of this device's events the central store has not acknowledged."""
        return self.last_seq() - int(self.get_state("acked_seq", "0"))

    # -- audit and maintenance -------------------------------------------------

    def audit(self, actor: str, action: str, journey_id: str | None, detail: str = "") -> None:
        """Record who did or saw what (never personal data in ``detail``)."""
        with self._lock, transaction(self.conn):
            self.conn.execute(
                "INSERT INTO audit (wall, actor, action, journey_id, detail) VALUES (?,?,?,?,?)",
                (_wall(self._physical_ms()), actor, action, journey_id, detail),
            )

    def audit_entries(
        self, action: str, *, journey_id: str | None = None, since_wall: str = ""
    ) -> list[tuple[str, str, str | None, str]]:
        """The audit entries of one action, oldest first: (wall, actor, journey id, detail).

        Args:
            action: The action recorded (``journey.opened``, ...).
            journey_id: Only the entries of this journey (None: all).
            since_wall: Only entries at or after this UTC wall time (``...Z``).
        """
        query = "SELECT wall, actor, journey_id, detail FROM audit WHERE action = ? AND wall >= ?"
        params: list[str] = [action, since_wall]
        if journey_id is not None:
            query += " AND journey_id = ?"
            params.append(journey_id)
        with self._lock:
            rows = self.conn.execute(query + " ORDER BY pos", params).fetchall()
        return [(str(r[0]), str(r[1]), r[2], str(r[3])) for r in rows]

    def rebuild_projection(self) -> int:
        """Recompute the journeys projection from the log; returns the journeys written."""
        with self._lock, transaction(self.conn):
            self.conn.execute("DELETE FROM journeys")
            self.conn.execute("DELETE FROM journey_names")
            self.conn.execute("DELETE FROM handoffs")
            ids = [r[0] for r in self.conn.execute("SELECT DISTINCT journey_id FROM events")]
            states = (self.journey(journey_id) for journey_id in ids)
            projection.write_states(self.conn, states, replace=False)
            issued = self.conn.execute(
                f"SELECT {_EVENT_COLUMNS} FROM events WHERE type = 'handoff.issued'"
            ).fetchall()
            remote.index_handoffs(self.conn, [_row_to_event(r) for r in issued])
        return len(ids)

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check`` verdict (``"ok"`` when sound)."""
        return str(self.conn.execute("PRAGMA integrity_check").fetchone()[0])
