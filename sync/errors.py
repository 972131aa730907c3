"""The exception tree of the ``sync`` package.

- ``SyncError``: base; ``title`` is a short, user-facing heading.
  - ``InvalidEvent``: an event that breaks the rules of the log (type, data, seq).
  - ``InvalidReference``: a journey reference that is malformed or fails its check.
  - ``CatalogueError``: a catalogue file that cannot be used (file, key, reason).
  - ``StoreError``: the local store cannot be opened or written.
    - ``StoreNotCounterpart``: the file is not SQLite, or SQLite of another program.
    - ``StoreTooNew``: the store was written by a newer schema than this program knows.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every error raised by the ``sync`` package."""

    title = "Journey data error"


class InvalidEvent(SyncError):
    """An event that cannot join a journey's log."""

    title = "Invalid event"


class InvalidReference(SyncError):
    """A journey reference that is malformed or mistyped."""

    title = "Invalid journey reference"


class CatalogueError(SyncError):
    """A catalogue file is broken; the message names the file, the key and the reason."""

    title = "Service catalogue error"

    def __init__(self, path: str, key: str, reason: str) -> None:
        super().__init__(f"{path}: {key}: {reason}")
        self.path = path
        self.key = key
        self.reason = reason


class StoreError(SyncError):
    """The local store cannot be opened or written."""

    title = "Local store error"


class StoreNotCounterpart(StoreError):
    """The store path holds a file that is not a Counterpart store."""

    title = "Not a Counterpart store"


class StoreTooNew(StoreError):
    """The store was written by a newer version of Counterpart."""

    title = "Store from a newer version"
