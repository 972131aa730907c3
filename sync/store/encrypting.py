"""``counterpart store encrypt``: a plain store becomes an encrypted one, in place, atomically.

The steps, and why a kill at any moment leaves the old plain store or the new
encrypted one, holding every event:

1. What a killed run left (``<store>.encrypting`` and its journal) is removed.
2. The plain store is opened in SQLite's exclusive locking mode: if another
   process (the app, a sync) has it open, this stops with nothing changed; while it
   runs, nobody else can read or write the store. Its WAL is folded into the file
   (``journal_mode = DELETE``), so the file alone holds every event.
3. ``sqlcipher_export`` writes the encrypted copy into ``<store>.encrypting`` in the
   same folder (with the schema version and application id), which is fsynced.
4. The copy is opened with the key and checked: the same events (count, last
   arrival position, highest seq) and a sound file (``cipher_integrity_check``).
5. ``os.replace`` puts the copy in the store's place, and the folder is fsynced.
   Up to here the store's path is the old plain file; from here, the new one.

The kiosk.toml is not changed: the command says to set ``encryption =
"sqlcipher"`` (the app refuses a plain store opened as encrypted, and the other
way round, so a forgotten step shows at once).
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from sync.errors import StoreError, StoreKeyError
from sync.store import cipher
from sync.store.cipher import StoreKey
from sync.store.keyfile import fsync_folder
from sync.store.migrations import APPLICATION_ID
from sync.store.opening import schema_version


@dataclass(frozen=True, slots=True)
class Encrypted:
    """What ``encrypt_in_place`` did.

    Attributes:
        events: how many events the store holds (before and after).
        last_pos: the arrival position of the last event.
        cleaned: whether a killed migration's temp file was removed first.
    """

    events: int
    last_pos: int
    cleaned: bool


def _measure(conn: sqlite3.Connection) -> tuple[int, int, int]:
    row = conn.execute("SELECT count(*), coalesce(max(pos), 0), coalesce(max(seq), 0) FROM events")
    count, pos, seq = row.fetchone()
    return int(count), int(pos), int(seq)


def encrypt_in_place(path: Path, key: StoreKey) -> Encrypted:
    """Encrypt the plain store at ``path`` with ``key``; see the module's docstring.

    Raises:
        StoreKeyError: the store is encrypted already.
        StoreNotCounterpart, StoreTooNew: the file is not a store this version knows.
        StoreError: the store is missing or in use, or the copy did not check out
            (the plain store is then as it was).
    """
    cleaned = cipher.clean_leftover(path)
    if not path.exists() or path.stat().st_size == 0:
        raise StoreError(f"there is no store at {path} to encrypt")
    try:
        version = schema_version(path)
    except StoreError as exc:
        try:
            schema_version(path, key)
        except StoreError:
            raise exc from None
        raise StoreKeyError(f"{path} is encrypted already; nothing was changed") from None
    if version == 0:
        raise StoreError(f"{path} is an empty store; remove it and start with encryption on")
    temp = cipher.temp_path(path)
    source = cipher.plain_connect(str(path), isolation_level=None, timeout=0.5)
    try:
        try:
            source.execute("PRAGMA locking_mode = EXCLUSIVE")
            # Folds the WAL into the file; it says "wal" if it could not.
            mode = source.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            source.execute("BEGIN EXCLUSIVE")  # and keeps the lock until closed
            source.execute("COMMIT")
            if str(mode).lower() != "delete" or _wal(path).exists():
                raise source.OperationalError(f"its WAL could not be folded in ({mode})")
        except source.OperationalError as exc:
            raise StoreError(
                f"{path} is in use by another process (the app, a sync?): stop it and "
                f"run again; nothing was changed ({exc})"
            ) from exc
        before = _measure(source)
        lock = os.open(temp, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)  # clean_leftover leaves a running migration's
            _export(source, temp, key, version)
            os.fsync(lock)
            after = _check(temp, key)
            if after != (*before, "ok"):
                raise StoreError(
                    f"the encrypted copy of {path} does not match it ({after} instead of "
                    f"{before}); the plain store was left as it was"
                )
            os.replace(temp, path)
            fsync_folder(path.parent)
        except BaseException:
            for p in cipher.temp_files(path):
                p.unlink(missing_ok=True)
            raise
        finally:
            os.close(lock)
    finally:
        source.close()
    # The plain store's shared-memory index; nothing opens it again.
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return Encrypted(events=before[0], last_pos=before[1], cleaned=cleaned)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _export(source: sqlite3.Connection, temp: Path, key: StoreKey, version: int) -> None:
    """Write the encrypted copy of ``source`` into ``temp`` (SQLCipher's own export)."""
    source.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.raw.hex()}'\"", (str(temp),))
    try:
        source.execute("SELECT sqlcipher_export('encrypted')")
        source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        source.execute(f"PRAGMA encrypted.application_id = {APPLICATION_ID}")
    finally:
        source.execute("DETACH DATABASE encrypted")


def _check(temp: Path, key: StoreKey) -> tuple[int, int, int, str]:
    """The events in the encrypted copy, and SQLCipher's verdict on its pages."""
    conn = cipher.connect(str(temp), key, isolation_level=None)
    try:
        count, pos, seq = _measure(conn)
        pages = conn.execute("PRAGMA cipher_integrity_check").fetchall()
        verdict = "ok" if not pages else "; ".join(str(r[0]) for r in pages)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            verdict = "no application id"
        return count, pos, seq, verdict
    finally:
        conn.close()
