"""Opening the store file safely: refuse what is not ours, or is newer, before writing a byte.

The checks run on a read-only connection. Only a file that is empty, missing, or a
Counterpart store of a version we know is then opened for writing, switched to WAL
and migrated. sqlite-utils, which the migrations are written with, is imported
only when there is one to apply: it costs tens of milliseconds at every start of
the app otherwise.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sync.errors import StoreError, StoreNotCounterpart, StoreTooNew
from sync.store.migrations import APPLICATION_ID, LATEST, migrate

_SQLITE_MAGIC = b"SQLite format 3\x00"


def _inspect(path: Path) -> int:
    """Return the schema version of an existing store (0 for a new, empty file)."""
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    if header != _SQLITE_MAGIC:
        raise StoreNotCounterpart(f"{path} is not a SQLite database; it was left untouched")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise StoreNotCounterpart(f"{path} cannot be read as SQLite: {exc}") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreNotCounterpart(f"{path} is damaged or not SQLite: {exc}") from exc
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        if tables == 0 and app_id == 0:
            return 0
        raise StoreNotCounterpart(
            f"{path} is a SQLite database of another program; it was left untouched"
        )
    if version > LATEST:
        raise StoreTooNew(
            f"{path} was written by a newer Counterpart (schema {version}; this version "
            f"knows up to {LATEST}); update Counterpart. The file was left untouched"
        )
    return int(version)


def open_database(path: Path | str) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store at ``path``; returns the connection.

    ``":memory:"`` gives an in-memory store for tests.

    Raises:
        StoreNotCounterpart: the file is not SQLite or belongs to another program.
        StoreTooNew: the file was written by a newer schema.
        StoreError: the file cannot be opened for writing.
    """
    memory = str(path) == ":memory:"
    version = 0
    if not memory:
        path = Path(path)
        version = _inspect(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(
            str(path), isolation_level=None, check_same_thread=False, timeout=30.0
        )
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit that returned is on disk, so an event the UI confirmed survives
        # a power cut (DESIGN.md, "Local store").
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    if version < LATEST:
        import sqlite_utils

        migrate(sqlite_utils.Database(conn), version)
    return conn
