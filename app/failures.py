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

RECOVERABLE: Final[tuple[type[Exception], ...]] = (SyncError, DeviceError, OSError, sqlite3.Error)
"""The store (``StoreError``, SQLite), the catalogue, the card reader and printer
(``DeviceError``), the central store and the network (``SyncError``, ``OSError``)."""
