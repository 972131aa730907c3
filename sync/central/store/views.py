"""What the network operator sees: devices and their sync, quarantined events, the audit."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.records import DeviceStatus
from sync.central.store.database import Database


def device_statuses(db: Database) -> list[DeviceStatus]:
    """Every device with its last sync, ack, highest seq and quarantined count."""
    with db.read() as conn:
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
                select(t.quarantine.c.device_id, func.count()).group_by(t.quarantine.c.device_id)
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


def quarantined(db: Database, device_id: str | None = None) -> list[dict[str, Any]]:
    """Quarantined events (optionally of one device), oldest first."""
    query = select(t.quarantine).order_by(t.quarantine.c.pos)
    if device_id is not None:
        query = query.where(t.quarantine.c.device_id == device_id)
    with db.read() as conn:
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


def audit_entries(db: Database, journey_id: str | None = None) -> list[dict[str, Any]]:
    """Audit entries (optionally of one journey), oldest first."""
    query = select(t.audit).order_by(t.audit.c.pos)
    if journey_id is not None:
        query = query.where(t.audit.c.journey_id == journey_id)
    with db.read() as conn:
        return [
            {"wall": r.wall, "actor": r.actor, "action": r.action,
             "journey_id": r.journey_id, "detail": r.detail}
            for r in conn.execute(query)
        ]  # fmt: skip


def count_events(db: Database) -> int:
    """How many events the central store holds."""
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(t.events)).scalar() or 0)
