"""The exception tree of the ``sync`` package.

- ``SyncError``: base; ``title`` is a short, user-facing heading.
  - ``InvalidEvent``: an event that breaks the rules of the log (type, data, seq).
  - ``InvalidReference``: a journey reference that is malformed or fails its check.
  - ``CatalogueError``: a catalogue file that cannot be used (file, key, reason).
  - ``FieldInvalid``: an answer a catalogue field does not accept (message per language).
  - ``StoreError``: the local store cannot be opened or written.
    - ``StoreNotCounterpart``: the file is not SQLite, or SQLite of another program.
    - ``StoreTooNew``: the store was written by a newer schema than this program knows.
    - ``StoreKeyError``: the store's encryption key cannot be used (key file missing,
      readable by others or malformed; a wrong key; a plain store opened as encrypted
      or the other way round).
  - ``CentralError``: the central store's database cannot be used (too new, unreachable).
  - ``SyncUnauthorized``: the central store refused the device token (missing, forged,
    revoked) or the enrolment code; the device must be enrolled again.
  - ``SyncOffline``: the central store cannot be reached; a state, not a failure.
  - ``SyncRejected``: the central store answered a request with an error it explains.
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


class StoreKeyError(StoreError):
    """The store's encryption key is missing, exposed, wrong, or does not fit the file."""

    title = "Store encryption error"


class FieldInvalid(SyncError):
    """An answer that a catalogue field does not accept; the message is per language.

    Attributes:
        key: The field's key, such as ``address.new``.
        code: A stable message id, such as ``too_short`` or ``date_after_today``.
        params: The values the message quotes (JSON-ready).
        messages: The plain message in each language (``pt``, ``en``, ``es``).
    """

    title = "Invalid answer"

    def __init__(
        self,
        key: str,
        code: str,
        params: dict[str, str | int | float],
        messages: dict[str, str],
    ) -> None:
        super().__init__(f"{key}: {messages.get('en', code)}")
        self.key = key
        self.code = code
        self.params = params
        self.messages = messages

    def message(self, lang: str) -> str:
        """The plain message in ``lang`` (English for a language it does not hold)."""
        return self.messages.get(lang) or self.messages.get("en", self.code)


class CentralError(SyncError):
    """The central store's database cannot be used."""

    title = "Central store error"


class SyncUnauthorized(SyncError):
    """The central store refused this device's token or enrolment code."""

    title = "Not enrolled with the central store"


class SyncOffline(SyncError):
    """The central store cannot be reached right now; work goes on locally."""

    title = "Offline"


class SyncRejected(SyncError):
    """The central store refused a request and said why."""

    title = "Refused by the central store"

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(f"HTTP {status}: {detail}")
        self.status = status
        self.detail = detail
