"""Events the central store writes itself: status changes from an agency's back office.

A final status that leaves nothing of the journey to do closes it in the same
transaction (``journey.closed`` ``completed``, ``sync.domain.closing``).
"""

from __future__ import annotations

from typing import Any

from sync.central.records import NotPermitted
from sync.central.rights import agency_refusal
from sync.central.store.citizen import events_of, write_own
from sync.central.store.database import Database
from sync.central.store.reads import journey_id_for_ref
from sync.domain.closing import closing_when_done
from sync.domain.drafts import Draft, fold_after
from sync.domain.ids import parse_reference


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
    data: dict[str, Any] = {"service": service, "status": status}
    if message is not None:
        data["message"] = message
    with db.write() as conn:
        journey_id = journey_id_for_ref(conn, ref)
        drafts: list[Draft] = [("status.changed", data)]
        after = fold_after(journey_id, events_of(conn, journey_id), drafts, channel="backoffice")
        closing = closing_when_done(after)
        if closing is not None:
            drafts.append(closing)
        e, *_ = write_own(
            db, conn, journey_id, drafts, channel="backoffice", actor=f"agency:{agency_id}"
        )
        db.audit(conn, f"agency:{agency_id}", "status.changed", journey_id, f"ref={ref}")
    return e.to_dict()
