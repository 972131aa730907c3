"""The outbox: messages queued in the transaction of the event that asks for them.

``enqueue_for_rows`` runs inside the central store's ``insert_rows``, so a status
from an agency and the message it asks for are stored together or not at all: a
crash never loses one. A message is queued once per key (``Due.key``) and named
by a ``message_id`` made from that key, the same on every try, so a receiver
can drop the duplicate a crash between its accept and our commit may cause.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any, Final

from sqlalchemy import Connection, select

from sync.central import schema as t
from sync.central.records import EVENT_COLS, row_to_dict
from sync.domain.events import parse_event
from sync.domain.fold import JourneyState, fold
from sync.domain.notify import Due, due_for_event, may_contact

TRIGGERING: Final = frozenset({"status.changed", "reminder.scheduled"})
"""The event types that can ask for a message as they are stored."""
QUEUED: Final = "queued"
SENT: Final = "sent"
FAILED: Final = "failed"
DROPPED: Final = "dropped"


def message_id_for(key: str) -> str:
    """The message id of the outbox row queued for ``key``: 32 hex characters."""
    return hashlib.sha256(f"counterpart-message:{key}".encode()).hexdigest()[:32]


def journey_state_in(conn: Connection, journey_id: str) -> JourneyState:
    """The journey's state as the caller's transaction sees it."""
    rows = conn.execute(
        select(*EVENT_COLS)
        .where(t.events.c.journey_id == journey_id)
        .order_by(t.events.c.server_pos)
    ).all()
    return fold(journey_id, [parse_event(row_to_dict(r)) for r in rows])


def enqueue_for_rows(conn: Connection, rows: Sequence[Sequence[Any]], now: str) -> int:
    """Queue the messages the just inserted event rows ask for; returns how many.

    A row is an ``intake.Row`` (id, journey_id, type, ... data as JSON). Only a
    journey whose citizen agreed to messages gets one.
    """
    queued = 0
    states: dict[str, JourneyState] = {}
    for row in rows:
        if row[2] not in TRIGGERING:
            continue
        event = parse_event(
            {
                "id": row[0], "journey_id": row[1], "type": row[2], "hlc": row[3],
                "wall": row[4], "device_id": row[5], "seq": int(row[6]), "channel": row[7],
                "site_id": row[8], "actor": row[9], "data": json.loads(row[10]),
            }
        )  # fmt: skip
        due = due_for_event(event)
        if due is None:
            continue
        if event.journey_id not in states:
            states[event.journey_id] = journey_state_in(conn, event.journey_id)
        if may_contact(states[event.journey_id]) and enqueue(conn, event.journey_id, due, now):
            queued += 1
    return queued


def enqueue(conn: Connection, journey_id: str, due: Due, now: str) -> bool:
    """Queue one message unless its key is queued already; True when it was queued."""
    held = conn.execute(select(t.outbox.c.pos).where(t.outbox.c.key == due.key)).first()
    if held is not None:
        return False
    conn.execute(
        t.outbox.insert().values(
            key=due.key,
            message_id=message_id_for(due.key),
            journey_id=journey_id,
            trigger=due.trigger,
            subject_id=due.subject_id,
            state=QUEUED,
            due=due.due.strftime("%Y-%m-%dT%H:%M:%SZ"),
            tries=0,
            created=now,
        )
    )
    return True
