"""Devices' clocks as the central store finds them: one reading per push, and its marks.

Each push that carries the device's wall time (``sync.domain.clocks.WALL_HEADER``)
is one reading in ``clock_readings``: the device, when it arrived, the offset
from the store's clock, and the seqs it stored. When the offset is off
(``sync.domain.clocks.is_off``), the same transaction writes a ``clock.offset``
event, the store's own, on every journey the push stored events of, so that each
face that shows the journey's timeline marks those times (they reach devices in
pulls and the citizen's pages in the log, as any other event).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, insert

from sync.central import schema as t
from sync.central.intake import Row
from sync.central.records import Device
from sync.central.store.citizen import write_own
from sync.central.store.database import Database
from sync.domain.clocks import OFFSET_EVENT, is_off, offset_ms
from sync.domain.drafts import Draft


def record_reading(
    db: Database, conn: Connection, device: Device, device_wall_ms: int, fresh: Sequence[Row]
) -> int:
    """Keep one push's clock reading and, when the clock is off, mark what it stored.

    Args:
        db: The central store.
        conn: The push's transaction.
        device: Who pushed.
        device_wall_ms: The device's wall time when it sent the push (Unix ms).
        fresh: The rows the push stored (none: a reading all the same).

    Returns:
        The offset in milliseconds (positive: the device's clock is fast).
    """
    offset = offset_ms(device_wall_ms, db.clock())
    seqs = [int(row[6]) for row in fresh]
    conn.execute(
        insert(t.clock_readings).values(
            device_id=device.device_id,
            received=db.now(),
            offset_ms=offset,
            first_seq=min(seqs) if seqs else None,
            last_seq=max(seqs) if seqs else None,
        )
    )
    if not is_off(offset) or not fresh:
        return offset
    by_journey: dict[str, list[int]] = {}
    for row in fresh:
        by_journey.setdefault(str(row[1]), []).append(int(row[6]))
    for journey_id, journey_seqs in by_journey.items():
        draft: Draft = (
            OFFSET_EVENT,
            {
                "device_id": device.device_id,
                "offset_ms": offset,
                "first_seq": min(journey_seqs),
                "last_seq": max(journey_seqs),
            },
        )
        write_own(db, conn, journey_id, [draft], channel="backoffice", actor="system")
    return offset
