"""What a worker may meet through no fault of the code, and so offers to retry.

A worker catches only these, where it calls the store, a device or the network,
and reports them with ``CounterScreen.fail`` (a notification with a retry key).
Anything else is a bug: it is not caught, and reaches the app's one
``Worker.StateChanged`` handler, which shows it as an unexpected error.
"""

from __future__ import annotations

import sqlite3
from typing import Final

from devices.errors import DeviceError
from sync.errors import SyncError

try:  # an encrypted store's errors are SQLCipher's, not sqlite3's (about 4 ms to load)
    from sqlcipher3 import dbapi2 as _sqlcipher

    _CIPHER_ERRORS: tuple[type[Exception], ...] = (_sqlcipher.Error,)
except ImportError:  # pragma: no cover - sqlcipher3 is a dependency
    _CIPHER_ERRORS = ()

RECOVERABLE: Final[tuple[type[Exception], ...]] = (
    SyncError,
    DeviceError,
    OSError,
    sqlite3.Error,
    *_CIPHER_ERRORS,
)
"""The store (``StoreError``, SQLite or SQLCipher), the catalogue, the card reader and
printer (``DeviceError``), the central store and the network (``SyncError``, ``OSError``)."""
