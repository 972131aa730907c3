"""Events the central store writes itself: status changes from an agency's back office."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.intake import event_row
from sync.central.records import NotPermitted
from sync.central.rights import agency_refusal
from sync.central.store.database import CENTRAL_DEVICE, Database
from sync.central.store.log import insert_rows
from sync.central.store.reads import journey_id_for_ref
from sync.domain.events import parse_event
from sync.domain.ids import parse_reference, uuid7


def record_status(
    db: Database, agency_id: str, ref_text: str, service: str, status: str, message: str | None
) -> dict[str, Any]:
    """Append a ``status.changed`` from an agency's back office to a journey.

    An agency may post only for its own services (``sync.central.rights``). The event
    is the store's own (device ``central``, channel ``backoffice``, actor
    ``agency:<id>``), stamped by the store's clock.

    Raises:
        InvalidReference: the reference is mistyped.
        UnknownJourney: no such journey here.
        InvalidEvent: the status does not make a valid event.
        NotPermitted: the service is not one of the agency's.
    """
    refused = agency_refusal(agency_id, service)
    if refused is not None:
        raise NotPermitted(refused)
    ref = parse_reference(ref_text)
    now = db.now()
    with db.write() as conn:
        journey_id = journey_id_for_ref(conn, ref)
        last = conn.execute(
            select(func.max(t.events.c.seq)).where(t.events.c.device_id == CENTRAL_DEVICE)
        ).scalar()
        stamp = db.hlc.now()
        data: dict[str, Any] = {"service": service, "status": status}
        if message is not None:
            data["message"] = message
        e = parse_event(
            {
                "id": uuid7(stamp.ms, db.random_bytes(10)),
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
        insert_rows(db, conn, [event_row(e.to_dict(), now)])
        db.audit(conn, f"agency:{agency_id}", "status.changed", journey_id, f"ref={ref}")
    return e.to_dict()
