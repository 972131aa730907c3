"""The server's event log, read back: pull by site, and fetch by reference or by link.

A site sees the journeys it touched (pushed to) and the ones it opened (fetched
by reference, or by a scanned handoff link's token hash, which grants it the
journey from then on and is audited).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select, text, update

from sync.central import schema as t
from sync.central.records import EVENT_COLS, Device, TooManyFetches, UnknownJourney, row_to_dict
from sync.central.store.database import Database
from sync.domain.envelope import FIELDS
from sync.domain.handoff import handoff_id_for
from sync.domain.ids import parse_reference


def _pull_query(postgres: bool) -> str:
    """A page of pull, each event as its JSON object built by the database."""
    quote = "to_json({})::text" if postgres else "json_quote({})"
    fields = []
    for i, field in enumerate(FIELDS):
        column = f"e.{field.name}"  # the data column holds JSON already
        value = quote.format(column) if field.kind is str else column
        fields.append(f"""'{"{" if i == 0 else ","}"{field.name}":' || {value}""")
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


_PULL = {postgres: text(_pull_query(postgres)) for postgres in (False, True)}


def pull(db: Database, device: Device, since: int, limit: int) -> tuple[list[str], int]:
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
    with db.read() as conn:
        # Read first: every event up to it has committed (writers are serialised and
        # take positions in commit order), so the page below sees them all.
        top = conn.execute(select(func.max(t.events.c.server_pos))).scalar()
        rows = conn.execute(_PULL[db.is_postgres], params).all()
    cursor = int(rows[-1][0]) if rows else since
    if len(rows) < limit:  # the device has caught up: its round reached us
        if top is not None:
            cursor = max(cursor, int(top))
        _saw(db, device.device_id)
    return [str(row[1]) for row in rows], cursor


def _saw(db: Database, device_id: str) -> None:
    """Note when a device last completed a round (a pull to the end), for ``status``."""
    with db.write() as conn:
        conn.execute(
            update(t.devices).where(t.devices.c.device_id == device_id).values(last_sync=db.now())
        )


def journey_id_for_ref(conn: Connection, ref: str) -> str:
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
    db: Database, device: Device, ref_text: str, operator: str | None
) -> tuple[str, str, list[dict[str, Any]]]:
    """A whole journey by reference; the site may then pull it, and the read is audited.

    Returns:
        (journey_id, canonical reference, events in server order).

    A device may fetch ``Limits.fetch_burst`` at once and ``fetch_per_second`` after,
    an operator of it half of each (references are not to be guessed). A reference
    not held is audited as a miss.

    Raises:
        TooManyFetches: the device or the operator fetches faster than that.
        InvalidReference: the reference is mistyped.
        UnknownJourney: no such journey here.
    """
    actor = _actor(device, operator)
    _throttle(db, device, operator)
    ref = parse_reference(ref_text)
    detail = f"ref={ref} site={device.site_id}"
    with db.write() as conn:
        try:
            journey_id = journey_id_for_ref(conn, ref)
        except UnknownJourney as exc:
            missed = exc  # raised once the audit of the miss has committed
            db.audit(conn, actor, "journey.fetch_missed", None, detail)
        else:
            return journey_id, ref, _open(db, conn, device, actor, journey_id, detail)
    raise missed


def fetch_by_link(
    db: Database, device: Device, token_hash_hex: str, operator: str | None
) -> tuple[str, str, list[dict[str, Any]]]:
    """A whole journey by the token hash of a handoff link scanned at a counter.

    As ``fetch`` by reference: the site may then pull the journey, the read (or
    the miss) is audited, with the handoff's id (``link=h-...``) where ``fetch``
    names the reference, and the two share one allowance. Whether the link is
    still good (revoked, expired) is the counter's to say, as for a link it holds:
    the receipt that carries it also carries the reference.

    Args:
        token_hash_hex: the SHA-256 hex of the link's token (64 lowercase hex
            digits; the route checks the shape). The token itself never travels.

    Returns:
        (journey_id, canonical reference, events in server order); the reference is
        empty when the journey's start is not held here.

    Raises:
        TooManyFetches: the device or the operator fetches faster than allowed.
        UnknownJourney: no ``handoff.issued`` with this token hash is held.
    """
    actor = _actor(device, operator)
    _throttle(db, device, operator)
    detail = f"link={handoff_id_for(token_hash_hex)} site={device.site_id}"
    with db.write() as conn:
        journey_id = conn.execute(
            select(t.handoffs.c.journey_id).where(t.handoffs.c.token_hash == token_hash_hex)
        ).scalar()
        if journey_id is None:
            db.audit(conn, actor, "journey.fetch_missed", None, detail)
        else:
            events = _open(db, conn, device, actor, str(journey_id), detail)
            started = (e for e in events if e["type"] == "journey.started")
            ref = next((str(e["data"]["ref"]) for e in started), "")
            return str(journey_id), ref, events
    raise UnknownJourney("no journey with this handoff link is held by the central store")


def _actor(device: Device, operator: str | None) -> str:
    """Who fetches, as the audit names them."""
    return f"device:{device.device_id}" + (f" operator:{operator}" if operator else "")


def _open(
    db: Database, conn: Connection, device: Device, actor: str, journey_id: str, detail: str
) -> list[dict[str, Any]]:
    """Grant the device's site the journey, audit the read, and return its events."""
    _grant(conn, device.site_id, journey_id, "opened", db.now())
    db.audit(conn, actor, "journey.fetched", journey_id, detail)
    rows = conn.execute(
        select(*EVENT_COLS)
        .where(t.events.c.journey_id == journey_id)
        .order_by(t.events.c.server_pos)
    ).all()
    return [row_to_dict(r) for r in rows]


def _throttle(db: Database, device: Device, operator: str | None) -> None:
    """Take one fetch from the operator's allowance, then the device's (else TooManyFetches)."""
    limits, wait = db.limits, 0
    who = f"operator {operator} of device {device.device_id}"
    if operator:
        wait = db.fetches.take(
            f"device:{device.device_id} operator:{operator}",
            burst=max(limits.fetch_burst // 2, 1),
            per_second=limits.fetch_per_second / 2,
        )
    if not wait:
        wait = db.fetches.take(f"device:{device.device_id}")
        who = f"device {device.device_id}"
    if wait:
        raise TooManyFetches(f"{who} fetches journeys too fast; try again in {wait} s", wait)


def _grant(conn: Connection, site_id: str, journey_id: str, how: str, now: str) -> None:
    """Let the site pull this journey; a grant already held stays as it is."""
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
