"""SQLCipher under the store: the key, the encrypted connection, the migration's temp file.

A plain store is opened with the standard library's ``sqlite3``; an encrypted one
with ``sqlcipher3`` (SQLCipher 4, bundled in its wheel), imported only then. Both
are DB-API modules with the same connection API, so the store's code is the same
for both; it catches the connection's own exception classes (``conn.Error``,
``conn.IntegrityError``, as DB-API offers them), since sqlcipher3's are not
sqlite3's. ``connect`` types an encrypted connection as ``sqlite3.Connection``:
that is the API it has.

``store encrypt`` writes the encrypted copy to ``<store>.encrypting`` beside the
store and holds an ``flock`` on it while it works; ``clean_leftover`` removes such
a file (and its journal) once nobody holds it, i.e. after a killed migration.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

TEMP_SUFFIX = ".encrypting"


@dataclass(frozen=True, slots=True)
class StoreKey:
    """The key of an encrypted store.

    Attributes:
        raw: 32 random bytes, given to SQLCipher as a raw key.
        source: where the key came from, for messages (the key file's path).
    """

    raw: bytes
    source: str

    def pragma(self) -> str:
        """The ``PRAGMA key`` statement for this key (a raw key: no derivation)."""
        return f"PRAGMA key = \"x'{self.raw.hex()}'\""

    def __repr__(self) -> str:  # never the key itself, in a log or a traceback
        return f"StoreKey(source={self.source!r})"


def connect(target: str, key: StoreKey, **kwargs: Any) -> sqlite3.Connection:
    """A SQLCipher connection to ``target`` (a path, or a URI with ``uri=True``), keyed.

    Raises:
        sqlcipher3's ``Error``: the file cannot be opened (a wrong key shows only at
            the first read).
    """
    import sqlcipher3

    conn = sqlcipher3.connect(target, **kwargs)
    # SQLCipher writes a wrong key's failures to stderr, over the app's screen; the
    # store reports them itself.
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(key.pragma())
    # Sorts and temporary tables in memory: a temporary file would hold pages in clear.
    conn.execute("PRAGMA temp_store = MEMORY")
    return cast(sqlite3.Connection, conn)


def is_db_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a database error of sqlite3 or of sqlcipher3."""
    if isinstance(exc, sqlite3.Error):
        return True
    module = sys.modules.get("sqlcipher3")
    return module is not None and isinstance(exc, module.Error)


def plain_connect(target: str, **kwargs: Any) -> sqlite3.Connection:
    """A SQLCipher connection without a key: a plain SQLite file, with sqlcipher_export."""
    import sqlcipher3

    conn = sqlcipher3.connect(target, **kwargs)
    conn.execute("PRAGMA cipher_log_level = NONE")
    return cast(sqlite3.Connection, conn)


def temp_path(store: Path) -> Path:
    """Where ``store encrypt`` writes the encrypted copy of ``store``."""
    return store.with_name(store.name + TEMP_SUFFIX)


def temp_files(store: Path) -> list[Path]:
    """The temp file of a migration of ``store`` and its SQLite side files."""
    temp = temp_path(store)
    return [temp, *(temp.with_name(temp.name + s) for s in ("-journal", "-wal", "-shm"))]


def clean_leftover(store: Path) -> bool:
    """Remove what a killed ``store encrypt`` of ``store`` left; True if there was some.

    A migration that is running holds an ``flock`` on its temp file: that one is left.
    """
    temp = temp_path(store)
    try:
        fd = os.open(temp, os.O_RDONLY)
    except FileNotFoundError:
        leftovers = [p for p in temp_files(store)[1:] if p.exists()]
        for p in leftovers:
            p.unlink(missing_ok=True)
        return bool(leftovers)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        for p in temp_files(store):
            p.unlink(missing_ok=True)
    finally:
        os.close(fd)
    return True
