"""Wrong confirmations of a date of birth, counted per handoff, per reference and per client.

Each is a key (``handoff:h-...``, ``ref:GEG0V686Q``, ``client:203.0.113.7``). After
``Limits.confirm_tries`` wrong tries within ``Limits.confirm_lock_seconds`` the key
is locked for that long, and the lock is audited. A right answer clears the keys
of that handoff or reference (not the client's: one client guessing many journeys
stays counted).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, update

from sync.central import schema as t
from sync.central.records import iso
from sync.central.store.database import Database


def locked_until(db: Database, keys: Sequence[str]) -> str | None:
    """The latest time any of ``keys`` is locked until, if one is locked now."""
    now = db.now()
    with db.read() as conn:
        locks = conn.execute(
            select(t.web_attempts.c.locked_until).where(
                t.web_attempts.c.key.in_(list(keys)), t.web_attempts.c.locked_until > now
            )
        ).scalars()
        found = [str(lock) for lock in locks]
    return max(found) if found else None


def failed(db: Database, keys: Sequence[str], journey_id: str | None) -> str | None:
    """Count a wrong try against each key; returns the lock's end if this try locked one."""
    limits = db.limits
    now_ms = db.clock()
    now = iso(now_ms)
    window_start = iso(now_ms - limits.confirm_lock_seconds * 1000)
    until = iso(now_ms + limits.confirm_lock_seconds * 1000)
    locked: str | None = None
    a = t.web_attempts.c
    with db.write() as conn:
        for key in keys:
            row = conn.execute(select(t.web_attempts).where(a.key == key)).first()
            if row is None or row.first_failure < window_start:
                conn.execute(delete(t.web_attempts).where(a.key == key))
                conn.execute(t.web_attempts.insert().values(key=key, failures=1, first_failure=now))
                failures = 1
            else:
                failures = int(row.failures) + 1
                conn.execute(update(t.web_attempts).where(a.key == key).values(failures=failures))
            if failures >= limits.confirm_tries:
                conn.execute(
                    update(t.web_attempts)
                    .where(a.key == key)
                    .values(locked_until=until, failures=0, first_failure=now)
                )
                db.audit(conn, "citizen", "confirm.locked", journey_id, f"{key} until={until}")
                locked = until
    return locked


def tries_left(db: Database, keys: Sequence[str]) -> int:
    """How many wrong tries are left before one of ``keys`` locks."""
    window_start = iso(db.clock() - db.limits.confirm_lock_seconds * 1000)
    a = t.web_attempts.c
    with db.read() as conn:
        counts = conn.execute(
            select(a.failures).where(a.key.in_(list(keys)), a.first_failure >= window_start)
        ).scalars()
        most = max((int(c) for c in counts), default=0)
    return max(db.limits.confirm_tries - most, 0)


def cleared(db: Database, keys: Sequence[str]) -> None:
    """Forget the wrong tries of ``keys`` (after a right answer)."""
    with db.write() as conn:
        conn.execute(delete(t.web_attempts).where(t.web_attempts.c.key.in_(list(keys))))
