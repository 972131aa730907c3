"""Who may call the central store: enrolment codes, device tokens, revocation, agency tokens.

Only the hashes of codes and tokens are kept (``records.hash_secret``).
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from sqlalchemy import insert, select, update

from sync.central import schema as t
from sync.central.records import Device, EnrolmentRefused, hash_secret, iso, normalise_code
from sync.central.store.database import RESERVED_IDS, Database
from sync.domain.ids import CROCKFORD

_ENROL_CODE_TTL = timedelta(hours=24)


def issue_enrolment_code(db: Database, site_id: str) -> str:
    """A one-time enrolment code for a device of ``site_id``, valid for 24 hours.

    Raises:
        EnrolmentRefused: ``site_id`` is the store's own.
    """
    _refuse_reserved("site", site_id)
    body = "".join(CROCKFORD[b & 31] for b in secrets.token_bytes(12))
    code = "-".join(body[i : i + 4] for i in range(0, 12, 4))
    expires = iso(db.clock() + int(_ENROL_CODE_TTL.total_seconds() * 1000))
    with db.write() as conn:
        conn.execute(
            insert(t.enrolment_codes).values(
                code_hash=hash_secret(normalise_code(code)), site_id=site_id, expires=expires
            )
        )
        db.audit(conn, "operator", "enrolment.issued", None, f"site={site_id}")
    return code


def enrol(db: Database, code: str, device_id: str) -> tuple[str, str]:
    """Redeem an enrolment code for ``device_id``; returns (device token, site id).

    Raises:
        EnrolmentRefused: the code is unknown, used or expired, or the device id
            is enrolled and not revoked, or is the store's own.
    """
    _refuse_reserved("device", device_id)
    token = secrets.token_urlsafe(32)
    now = db.now()
    with db.write() as conn:
        row = conn.execute(
            select(t.enrolment_codes).where(
                t.enrolment_codes.c.code_hash == hash_secret(normalise_code(code))
            )
        ).first()
        if row is None or row.used is not None or row.expires < now:
            raise EnrolmentRefused("the enrolment code is unknown, already used or expired")
        existing = conn.execute(select(t.devices).where(t.devices.c.device_id == device_id)).first()
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
        db.audit(conn, f"device:{device_id}", "device.enrolled", None, f"site={row.site_id}")
    return token, str(row.site_id)


def _refuse_reserved(kind: str, name: str) -> None:
    # Case-blind: "Central" would read as the store's own in every list and log.
    if name.casefold() in RESERVED_IDS:
        raise EnrolmentRefused(f"{kind} id {name!r} is the central store's own; choose another")


def revoke(db: Database, device_id: str) -> bool:
    """Revoke a device's token; returns whether the device was enrolled and active."""
    with db.write() as conn:
        done = conn.execute(
            update(t.devices)
            .where(t.devices.c.device_id == device_id, t.devices.c.revoked.is_(None))
            .values(revoked=db.now())
        ).rowcount
        if done:
            db.audit(conn, "operator", "device.revoked", None, f"device={device_id}")
    return bool(done)


def device_for_token(db: Database, token: str) -> Device | None:
    """The active device this token belongs to, or None (unknown or revoked)."""
    with db.read() as conn:
        row = conn.execute(
            select(t.devices.c.device_id, t.devices.c.site_id).where(
                t.devices.c.token_hash == hash_secret(token), t.devices.c.revoked.is_(None)
            )
        ).first()
    if row is None or row.device_id.casefold() in RESERVED_IDS:
        return None  # one enrolled under the store's own id before it was reserved
    return Device(row.device_id, row.site_id)


def issue_agency_token(db: Database, agency_id: str) -> str:
    """A bearer token for an agency's back office."""
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute(
            insert(t.agency_tokens).values(
                token_hash=hash_secret(token), agency_id=agency_id, created=db.now()
            )
        )
        db.audit(conn, "operator", "agency.token_issued", None, f"agency={agency_id}")
    return token


def agency_for_token(db: Database, token: str) -> str | None:
    """The agency id this token belongs to, or None."""
    with db.read() as conn:
        value = conn.execute(
            select(t.agency_tokens.c.agency_id).where(
                t.agency_tokens.c.token_hash == hash_secret(token),
                t.agency_tokens.c.revoked.is_(None),
            )
        ).scalar()
    return str(value) if value is not None else None
