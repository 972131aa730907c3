"""Numbered schema migrations of the local store, tracked in ``PRAGMA user_version``.

Migration N brings the schema from version N-1 to N and runs in one transaction
with the version bump. A store whose version is higher than ``LATEST`` was written
by a newer Counterpart and is refused, untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from sync.domain.handoff import token_hash
from sync.store.tx import transaction

if TYPE_CHECKING:
    import sqlite_utils

# "CPRT": marks a SQLite file as a Counterpart store (PRAGMA application_id).
APPLICATION_ID = 0x43505254

Migration = Callable[["sqlite_utils.Database"], None]


def _m1_events_and_projection(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE events (
            pos INTEGER PRIMARY KEY,          -- local arrival order
            id TEXT NOT NULL UNIQUE,
            journey_id TEXT NOT NULL,
            type TEXT NOT NULL,
            hlc TEXT NOT NULL,
            wall TEXT NOT NULL,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            channel TEXT NOT NULL,
            site_id TEXT NOT NULL,
            actor TEXT NOT NULL,
            data TEXT NOT NULL,
            UNIQUE (device_id, seq)
        )
        """
    )
    db.execute("CREATE INDEX events_journey ON events (journey_id, hlc)")
    db.execute("CREATE INDEX events_hlc ON events (hlc)")
    db.execute(
        """
        CREATE TABLE journeys (
            journey_id TEXT PRIMARY KEY,
            ref TEXT,
            citizen_name TEXT,
            language TEXT NOT NULL DEFAULT 'pt',
            closed TEXT,
            started_wall TEXT,
            last_day TEXT NOT NULL,           -- UTC date of last_wall: indexed, rarely changes
            last_wall TEXT NOT NULL,
            last_hlc TEXT NOT NULL,
            last_channel TEXT NOT NULL,
            last_site TEXT NOT NULL,
            event_count INTEGER NOT NULL DEFAULT 0,
            service_count INTEGER NOT NULL DEFAULT 0
        )
        """
    )
    db.execute("CREATE UNIQUE INDEX journeys_ref ON journeys (ref)")
    # Indexed by day, not by wall time, so that an append rewrites the row but not an
    # index page: today's journeys are few and sorted in memory.
    db.execute("CREATE INDEX journeys_last_day ON journeys (last_day)")
    db.execute(
        "CREATE VIRTUAL TABLE journey_names USING fts5("
        "journey_id UNINDEXED, name, tokenize = 'unicode61 remove_diacritics 2')"
    )
    db.execute("CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """
        CREATE TABLE operators (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            pin_hash TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT 'pt',
            created TEXT NOT NULL
        )
        """
    )
    db.execute(
        """
        CREATE TABLE audit (
            pos INTEGER PRIMARY KEY,
            wall TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            journey_id TEXT,
            detail TEXT NOT NULL DEFAULT ''
        )
        """
    )
    db.execute("CREATE INDEX audit_journey ON audit (journey_id)")


def _m2_handoff_tokens(db: sqlite_utils.Database) -> None:
    # A scanned handoff URL is looked up by its token's hash; only the hash is kept.
    db.execute(
        """
        CREATE TABLE handoffs (
            token_hash TEXT PRIMARY KEY,
            journey_id TEXT NOT NULL,
            handoff_id TEXT NOT NULL,
            expires TEXT NOT NULL
        )
        """
    )
    db.execute(
        "INSERT OR IGNORE INTO handoffs (token_hash, journey_id, handoff_id, expires) "
        "SELECT data ->> '$.token_hash', journey_id, data ->> '$.handoff_id', "
        "data ->> '$.expires' FROM events WHERE type = 'handoff.issued'"
    )


def _m3_parked_events(db: sqlite_utils.Database) -> None:
    # This device's events the central store quarantined: shown to the operator as
    # parked, with the server's reason, while everything after them syncs on.
    db.execute(
        """
        CREATE TABLE parked (
            seq INTEGER PRIMARY KEY,
            event_id TEXT,
            reason TEXT NOT NULL,
            parked_wall TEXT NOT NULL
        )
        """
    )


def _m4_print_jobs(db: sqlite_utils.Database) -> None:
    # Receipts waiting for the printer. handoff_url holds the handoff token only
    # until the receipt is out: marking a job printed sets it to NULL.
    db.execute(
        """
        CREATE TABLE print_jobs (
            pos INTEGER PRIMARY KEY,          -- queue order
            job_id TEXT NOT NULL UNIQUE,
            journey_ref TEXT NOT NULL,
            receipt_json TEXT NOT NULL,       -- never holds the handoff URL
            handoff_url TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            printed INTEGER NOT NULL DEFAULT 0,
            created TEXT NOT NULL
        )
        """
    )
    db.execute("CREATE INDEX print_jobs_pending ON print_jobs (printed, pos)")


def _m5_print_job_journeys_and_claims(db: sqlite_utils.Database) -> None:
    # Whoever prints a queued receipt records receipt.printed on its journey, with
    # the handoff it carries; a drain claims a job until claimed_until, so two
    # drains (threads or processes) never print it twice.
    for column in ("journey_id", "handoff_id", "claimed_until"):
        db.execute(f"ALTER TABLE print_jobs ADD COLUMN {column} TEXT")
    rows = db.execute(
        "SELECT pos, journey_ref, handoff_url FROM print_jobs WHERE printed = 0"
    ).fetchall()
    for pos, journey_ref, handoff_url in rows:
        journey_id = handoff_id = None
        if handoff_url:
            token = handoff_url.rstrip("/").rsplit("/c/", 1)[-1]
            found = db.execute(
                "SELECT journey_id, handoff_id FROM handoffs WHERE token_hash = ?",
                (token_hash(token),),
            ).fetchone()
            if found:
                journey_id, handoff_id = found
        if journey_id is None:
            found = db.execute(
                "SELECT journey_id FROM journeys WHERE ref = ?", (journey_ref.replace("-", ""),)
            ).fetchone()
            journey_id = found[0] if found else None
        db.execute(
            "UPDATE print_jobs SET journey_id = ?, handoff_id = ? WHERE pos = ?",
            (journey_id, handoff_id, pos),
        )


MIGRATIONS: tuple[Migration, ...] = (
    _m1_events_and_projection,
    _m2_handoff_tokens,
    _m3_parked_events,
    _m4_print_jobs,
    _m5_print_job_journeys_and_claims,
)
LATEST = len(MIGRATIONS)


def migrate(db: sqlite_utils.Database, current: int) -> None:
    """Apply every migration after ``current``, each in its own transaction."""
    for number in range(current + 1, LATEST + 1):
        with transaction(db.conn):
            MIGRATIONS[number - 1](db)
            db.conn.execute(f"PRAGMA user_version = {number}")
            db.conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
