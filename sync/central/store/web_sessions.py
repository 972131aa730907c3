"""A citizen's confirmed visit to their journey's pages, and the store's own secrets.

After the date of birth is confirmed the citizen gets a cookie holding a random
id; the store keeps only its hash, the journey and the handoff it came through,
and when it ends (``Limits.web_session_seconds`` after it began). Revoking the
handoff ends its visits at their next request.
"""

from __future__ import annotations

import secrets as random_source
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from sync.central import schema as t
from sync.central.records import iso
from sync.central.store.database import Database
from sync.domain.handoff import token_hash


@dataclass(frozen=True, slots=True)
class WebSession:
    """A confirmed visit: which journey, through which handoff (None: by reference)."""

    journey_id: str
    handoff_id: str | None
    expires: str


def begin(db: Database, journey_id: str, handoff_id: str | None) -> tuple[str, WebSession]:
    """Start a visit; returns the cookie's value (shown once) and the visit."""
    cookie = random_source.token_urlsafe(32)
    now_ms = db.clock()
    expires = iso(now_ms + db.limits.web_session_seconds * 1000)
    with db.write() as conn:
        conn.execute(delete(t.web_sessions).where(t.web_sessions.c.expires < iso(now_ms)))
        conn.execute(
            insert(t.web_sessions).values(
                id_hash=token_hash(cookie), journey_id=journey_id, handoff_id=handoff_id,
                created=iso(now_ms), expires=expires,
            )
        )  # fmt: skip
    return cookie, WebSession(journey_id, handoff_id, expires)


def find(db: Database, cookie: str) -> WebSession | None:
    """The visit a cookie names, while it lasts."""
    s = t.web_sessions.c
    with db.read() as conn:
        row = conn.execute(
            select(s.journey_id, s.handoff_id, s.expires).where(
                s.id_hash == token_hash(cookie), s.expires > db.now()
            )
        ).first()
    return WebSession(row.journey_id, row.handoff_id, row.expires) if row else None


def end(db: Database, cookie: str) -> None:
    """End a visit (signing out)."""
    with db.write() as conn:
        conn.execute(delete(t.web_sessions).where(t.web_sessions.c.id_hash == token_hash(cookie)))


def secret(db: Database, name: str) -> str:
    """The store's secret ``name``, made on first use and the same for every process."""
    with db.write() as conn:
        held = conn.execute(select(t.secrets.c.value).where(t.secrets.c.name == name)).scalar()
        if held is not None:
            return str(held)
        value = random_source.token_urlsafe(48)
        conn.execute(insert(t.secrets).values(name=name, value=value))
        return value
