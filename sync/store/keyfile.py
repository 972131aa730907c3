"""The store's encryption key on disk: 32 random bytes as 64 hex digits, mode 0600.

``read_key`` refuses a key file that its group or others may read (it names the
file and its mode), one that is missing, and one that does not hold 64 hex digits.
``new_key`` makes one, never overwriting a key that exists: losing it loses the
store. The key is given to SQLCipher as a raw key (``x'...'``), so opening a store
costs no key derivation; the key is random, so derivation would add nothing.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from sync.errors import StoreKeyError

KEY_BYTES = 32


def read_key(path: Path) -> bytes:
    """The key in ``path``.

    Raises:
        StoreKeyError: the file is missing, readable by group or others, or malformed.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreKeyError(
            f"the key file {path} does not exist (make one with `counterpart store key --new`)"
        ) from None
    except OSError as exc:
        raise StoreKeyError(f"the key file {path} cannot be read: {exc}") from exc
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        raise StoreKeyError(
            f"the key file {path} has mode {mode:04o}: group and others may read it; "
            f"it must be readable by its owner only (chmod 600 {path})"
        )
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise StoreKeyError(
            f"the key file {path} does not hold a key ({KEY_BYTES * 2} hex digits): {exc}"
        ) from exc
    if len(key) != KEY_BYTES:
        raise StoreKeyError(
            f"the key file {path} holds {len(key)} bytes; a key is {KEY_BYTES} bytes "
            f"({KEY_BYTES * 2} hex digits)"
        )
    return key


def new_key(path: Path) -> bytes:
    """Make a new random key in ``path`` (mode 0600) and return it.

    Raises:
        StoreKeyError: ``path`` exists already (its key is never replaced) or cannot be
            written.
    """
    key = os.urandom(KEY_BYTES)
    if path.exists():
        raise _exists(path)
    # Written whole under a temporary name, then linked in place: a kill never leaves
    # a key file that is empty or half written, and ``link`` never replaces one.
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)  # O_CREAT's mode is reduced by the umask, never widened
            os.write(fd, key.hex().encode("ascii") + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        os.link(temp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise StoreKeyError(f"the key file {path} cannot be written: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    fsync_folder(path.parent)
    return key


def _exists(path: Path) -> StoreKeyError:
    return StoreKeyError(
        f"the key file {path} exists already; it was left as it is (a store "
        "encrypted with it could not be opened without it)"
    )


def fsync_folder(folder: Path) -> None:
    """Make a file created or renamed in ``folder`` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
