"""Opening the store file safely: refuse what is not ours, or is newer, before writing a byte.

Every connection of the local store comes from ``open_database`` (the print queue
and the operators share the store's). With a ``StoreKey`` the file is a SQLCipher
store (``sync.store.cipher``): a plain file opened with a key, an encrypted one
opened without, and a wrong key are each refused with a ``StoreKeyError`` naming
the file, before anything is written. What a killed ``store encrypt`` left beside
the store is removed first.

The checks run on a read-only connection. Only a file that is empty, missing, or a
Counterpart store of a version we know is then opened for writing, switched to WAL
and migrated. A path that is a folder, or whose folder cannot be made or written, is
refused with a ``StoreError`` naming it, before anything is made. sqlite-utils, which
the migrations are written with, is imported only when there is one to apply: it
costs tens of milliseconds at every start of the app otherwise.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sync.errors import StoreError, StoreKeyError, StoreNotCounterpart, StoreTooNew
from sync.store import cipher
from sync.store.cipher import StoreKey
from sync.store.migrations import APPLICATION_ID, LATEST, migrate

_SQLITE_MAGIC = b"SQLite format 3\x00"


def schema_version(path: Path, key: StoreKey | None = None) -> int:
    """The schema version of an existing store (0 for a new, empty file), read-only.

    Raises:
        StoreNotCounterpart, StoreTooNew, StoreKeyError: as ``open_database``.
    """
    if not path.exists() or path.stat().st_size == 0:
        return 0
    with path.open("rb") as handle:
        header = handle.read(len(_SQLITE_MAGIC))
    plain = header == _SQLITE_MAGIC
    if key is not None and plain:
        raise StoreKeyError(
            f"{path} is a plain (unencrypted) store, but it was opened as encrypted; "
            "encrypt it with `counterpart store encrypt`. It was left untouched"
        )
    if key is None and not plain:
        raise StoreNotCounterpart(
            f"{path} is not a SQLite database, or is an encrypted one (then set "
            '[store] encryption = "sqlcipher" and its key_file); it was left untouched'
        )
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True) if key is None else cipher.connect(uri, key, uri=True)
    except Exception as exc:
        if not cipher.is_db_error(exc):
            raise
        raise StoreNotCounterpart(f"{path} cannot be read as SQLite: {exc}") from exc
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except conn.DatabaseError as exc:
        if key is not None:
            raise StoreKeyError(
                f"{path} cannot be opened with the key in {key.source}: the key is wrong, "
                "or the file is not an encrypted Counterpart store; it was left untouched"
            ) from exc
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


def _check_place(path: Path) -> None:
    """Refuse a store path that is a folder, or lies under a file, before touching it.

    Raises:
        StoreError: naming the path and what is in the way.
    """
    if path.is_dir():
        raise StoreError(
            f"{path} is a folder, not a store file: give the file's name (e.g. "
            f"{path / 'counterpart.db'}); nothing was created"
        )
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise StoreError(
            f"cannot make the folder of the store {path}: {folder} is a file, not a folder; "
            "nothing was created"
        )


def _cannot_open(path: Path | str, exc: BaseException) -> str:
    """The message of a store SQLite cannot open (most often: its folder is read-only)."""
    if str(path) == ":memory:":
        return f"cannot open the store {path}: {exc}"
    folder = Path(path).parent
    return (
        f"cannot open the store {path}: {exc} (may this user write in {folder}?); "
        "nothing was changed"
    )


def open_database(path: Path | str, key: StoreKey | None = None) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store at ``path``; returns the connection.

    ``":memory:"`` gives an in-memory store for tests.

    Args:
        path: the store file.
        key: the key of an encrypted store (None: a plain one). A new store made with
            a key is encrypted from its first byte.

    Raises:
        StoreNotCounterpart: the file is not SQLite or belongs to another program.
        StoreTooNew: the file was written by a newer schema.
        StoreKeyError: a plain file opened with a key, an encrypted one without, or a
            wrong key.
        StoreError: the file cannot be opened for writing.
    """
    memory = str(path) == ":memory:"
    version = 0
    if not memory:
        path = Path(path)
        _check_place(path)
        cipher.clean_leftover(path)
        version = schema_version(path, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot make the folder of the store {path}: {exc.strerror}; nothing was created"
            ) from exc
    try:
        if key is None:
            conn = sqlite3.connect(
                str(path), isolation_level=None, check_same_thread=False, timeout=30.0
            )
        else:
            conn = cipher.connect(
                str(path), key, isolation_level=None, check_same_thread=False, timeout=30.0
            )
    except Exception as exc:
        if not cipher.is_db_error(exc):
            raise
        raise StoreError(_cannot_open(path, exc)) from exc
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit that returned is on disk, so an event the UI confirmed survives
        # a power cut (DESIGN.md, "Local store").
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except conn.Error as exc:
        conn.close()
        raise StoreError(_cannot_open(path, exc)) from exc
    if version < LATEST:
        import sqlite_utils

        migrate(sqlite_utils.Database(conn), version)
    return conn
