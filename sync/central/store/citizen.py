"""The journey as the citizen's pages read and write it: by link, by reference, and the
events the store writes for the citizen (channel ``web``, actor ``citizen``).

The store writes these itself, as device ``central`` (as it writes an agency's
status changes): the citizen has no device token. A device that pulls the journey
gets them like any other event, with their channel and actor.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from sync.central import schema as t
from sync.central.intake import Row, event_row
from sync.central.records import EVENT_COLS, UnknownJourney, row_to_dict
from sync.central.store.database import CENTRAL_DEVICE, Database
from sync.central.store.log import insert_rows
from sync.central.store.reads import journey_id_for_ref
from sync.domain.drafts import Draft
from sync.domain.events import Channel, Event, parse_event
from sync.domain.fold import JourneyState, fold
from sync.domain.ids import uuid7

CITIZEN = "citizen"
"""The actor of what the citizen does on their own."""


@dataclass(frozen=True, slots=True)
class Linked:
    """The journey a handoff link names."""

    journey_id: str
    handoff_id: str


def journey_for_link(db: Database, token_hash_hex: str) -> Linked | None:
    """The journey whose ``handoff.issued`` carries this token hash, if one is held."""
    with db.read() as conn:
        row = conn.execute(
            select(t.handoffs.c.journey_id, t.handoffs.c.handoff_id).where(
                t.handoffs.c.token_hash == token_hash_hex
            )
        ).first()
    return Linked(row.journey_id, row.handoff_id) if row else None


def journey_for_reference(db: Database, ref: str) -> str | None:
    """The journey a canonical reference names, if one is held."""
    with db.read() as conn:
        try:
            return journey_id_for_ref(conn, ref)
        except UnknownJourney:
            return None


def events_of(conn: Connection, journey_id: str) -> list[Event]:
    """Every event of the journey held here, in the server's order."""
    rows = conn.execute(
        select(*EVENT_COLS)
        .where(t.events.c.journey_id == journey_id)
        .order_by(t.events.c.server_pos)
    ).all()
    return [parse_event(row_to_dict(row)) for row in rows]


def journey_events(db: Database, journey_id: str) -> list[Event]:
    """Every event of the journey held here, in the server's order."""
    with db.read() as conn:
        return events_of(conn, journey_id)


class _States:
    """Folded journeys, by journey, with the log position they were folded at.

    A page asks for the same journey again and again (each request of a visit);
    reading and checking every event each time was a third of a journey page. A
    journey's log only grows, so its last ``server_pos`` and event count say
    whether a kept state is still the journey's.
    """

    def __init__(self, size: int = 2048) -> None:
        self._size = size
        self._kept: OrderedDict[str, tuple[tuple[int, int], JourneyState]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, journey_id: str, at: tuple[int, int]) -> JourneyState | None:
        with self._lock:
            kept = self._kept.get(journey_id)
            if kept is None or kept[0] != at:
                return None
            self._kept.move_to_end(journey_id)
            return kept[1]

    def put(self, journey_id: str, at: tuple[int, int], state: JourneyState) -> None:
        with self._lock:
            self._kept[journey_id] = (at, state)
            self._kept.move_to_end(journey_id)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)


def _states_of(db: Database) -> _States:
    """The kept states of this store (made on first use, gone with the store)."""
    states: _States | None = getattr(db, "_journey_states", None)
    if states is None:
        states = _States()
        db._journey_states = states  # type: ignore[attr-defined]
    return states


def journey_state(db: Database, journey_id: str) -> JourneyState:
    """The journey's state, folded from every event held here (kept while its log is
    unchanged)."""
    states = _states_of(db)
    with db.read() as conn:
        last, count = conn.execute(
            select(func.max(t.events.c.server_pos), func.count()).where(
                t.events.c.journey_id == journey_id
            )
        ).one()
        at = (int(last or 0), int(count))
        kept = states.get(journey_id, at)
        if kept is not None:
            return kept
        events = events_of(conn, journey_id)
    state = fold(journey_id, events)
    states.put(journey_id, at, state)
    return state


_LAST_OWN_SEQ = f"SELECT max(seq) FROM events WHERE device_id = '{CENTRAL_DEVICE}'"
"""The store's own last seq: plain SQL, the same on SQLite and PostgreSQL (each write
asks, and the notifier writes once for every message it sends)."""


def write_own(
    db: Database,
    conn: Connection,
    journey_id: str,
    drafts: Sequence[Draft],
    *,
    channel: Channel,
    actor: str,
) -> list[Event]:
    """Stamp and store drafts as the store's own events, in the caller's transaction.

    Each is checked once, as a pushed event is (``intake.event_row``: what it takes,
    ``parse_event`` takes), and made an ``Event`` from the same values.

    Raises:
        InvalidEvent: a draft does not make a valid event (nothing is stored then,
            as the caller's transaction is rolled back).
    """
    if not drafts:
        return []
    now = db.now()
    last = conn.exec_driver_sql(_LAST_OWN_SEQ).scalar()
    seq = int(last or 0)
    made: list[Event] = []
    rows: list[Row] = []
    for event_type, data in drafts:
        seq += 1
        stamp = db.hlc.now()
        event = Event(
            id=uuid7(stamp.ms, db.random_bytes(10)),
            journey_id=journey_id,
            type=event_type,
            hlc=stamp.encode(),
            wall=now,
            device_id=CENTRAL_DEVICE,
            seq=seq,
            channel=channel,
            site_id=CENTRAL_DEVICE,
            actor=actor,
            data=dict(data),
        )
        rows.append(event_row(event.to_dict(), now))  # the check, and the row stored
        made.append(event)
    insert_rows(db, conn, rows)
    return made


def record_for_citizen(
    db: Database, journey_id: str, drafts: Sequence[Draft], *, audit: str | None = None
) -> list[Event]:
    """Write what the citizen did on the web as one transaction (and audit it if asked)."""
    with db.write() as conn:
        made = write_own(db, conn, journey_id, drafts, channel="web", actor=CITIZEN)
        if audit is not None:
            db.audit(conn, CITIZEN, audit, journey_id, "channel=web")
    return made
