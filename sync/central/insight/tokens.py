"""The dashboard's bearer tokens, issued like an agency's: only their hashes are kept.

A token may read feedback comments only when issued with ``comments=True``.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import insert, select

from sync.central import schema as t
from sync.central.records import hash_secret
from sync.central.store.database import Database

_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Viewer:
    """Who a dashboard token belongs to, and whether they may read comments."""

    name: str
    comments: bool


def issue(db: Database, name: str, *, comments: bool = False) -> str:
    """A bearer token for the dashboard (``/insight``, ``/metrics``) named ``name``.

    Raises:
        ValueError: the name is not lowercase letters, digits and dashes (at most 64).
    """
    if not _NAME.match(name):
        raise ValueError(f"dashboard token name {name!r}: use lowercase letters, digits, dashes")
    token = secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute(
            insert(t.dashboard_tokens).values(
                token_hash=hash_secret(token), name=name, comments=int(comments), created=db.now()
            )
        )
        db.audit(conn, "operator", "dashboard.token_issued", None,
                 f"name={name} comments={comments}")  # fmt: skip
    return token


def viewer(db: Database, token: str) -> Viewer | None:
    """Who an unrevoked dashboard token belongs to, or None."""
    d = t.dashboard_tokens.c
    with db.read() as conn:
        row = conn.execute(
            select(d.name, d.comments).where(
                d.token_hash == hash_secret(token), d.revoked.is_(None)
            )
        ).first()
    return Viewer(row.name, bool(row.comments)) if row is not None else None
