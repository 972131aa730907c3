"""Look a citizen up: their open journeys held here, found through ``citizen_index``.

A counter asks when a card is read, so that a citizen whose journey was started
elsewhere is offered it instead of a second one. The identity comes in the body of
the request, never in the address; the store turns it into the same keys it files
journeys under (``sync.domain.returning.citizen_keys``), reads only the journeys
filed under them, and keeps the open ones ``same_citizen`` accepts. Nothing is
granted: the counter fetches the journey by reference if the mediator continues
it. Each lookup is audited (``journey.looked_up`` for each journey it told of, or
one ``journey.lookup_missed``) and takes from the same allowance as a fetch.

``done_before`` reads the same index for the citizen's pages: the services the
citizen submitted in their other journeys, which the offers leave out. It tells
the citizen only what they did themselves and names no journey, so it is not an
operator's read and is not audited.
"""

from __future__ import annotations

from sqlalchemy import select

from sync.central import schema as t
from sync.central.records import Device
from sync.central.store.citizen import journey_state
from sync.central.store.database import Database
from sync.central.store.reads import _actor, _throttle
from sync.domain.closing import is_open
from sync.domain.fold import JourneyState
from sync.domain.identity import Identity
from sync.domain.returning import OpenElsewhere, identity_keys, open_journeys_of
from sync.domain.returning import done_before as submitted_elsewhere
from sync.domain.transparency import sites_holding


def lookup(
    db: Database, device: Device, identity: Identity, operator: str | None
) -> list[OpenElsewhere]:
    """The citizen's open journeys held here, latest activity first; audited, throttled.

    Raises:
        TooManyFetches: the device or the operator asks faster than a fetch may.
    """
    actor = _actor(device, operator)
    _throttle(db, device, operator)
    keys = identity_keys(identity)
    with db.read() as conn:
        candidates = (
            sorted(
                set(
                    conn.execute(
                        select(t.citizen_index.c.journey_id).where(t.citizen_index.c.key.in_(keys))
                    ).scalars()
                )
            )
            if keys
            else []
        )
    states = [journey_state(db, journey_id) for journey_id in candidates]
    found = open_journeys_of([s for s in states if is_open(s)], identity)
    answer = [
        OpenElsewhere(
            s.journey_id,
            s.ref or "",
            (sites_holding(s) or ("",))[-1],
            len(s.services),
            s.last_wall,
        )
        for s in found
    ]
    detail = f"site={device.site_id}"
    with db.write() as conn:
        for journey in answer:
            db.audit(conn, actor, "journey.looked_up", journey.journey_id, detail)
        if not answer:
            db.audit(conn, actor, "journey.lookup_missed", None, detail)
    return answer


def done_before(db: Database, state: JourneyState) -> frozenset[str]:
    """The services ``state``'s citizen submitted in their other journeys held here
    (``sync.domain.returning.done_before`` over the journeys filed under their keys)."""
    citizen = state.citizen
    if citizen is None:
        return frozenset()
    keys = identity_keys(Identity(citizen.name, citizen.birth_date, citizen.national_number or ""))
    if not keys:
        return frozenset()
    with db.read() as conn:
        others = sorted(
            set(
                conn.execute(
                    select(t.citizen_index.c.journey_id).where(
                        t.citizen_index.c.key.in_(keys),
                        t.citizen_index.c.journey_id != state.journey_id,
                    )
                ).scalars()
            )
        )
    return submitted_elsewhere([journey_state(db, j) for j in others], state)
