"""The central store's records: devices, push outcomes, status lines, errors and row shapes."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final, Literal

from sync.central import schema as t
from sync.domain.confirm import CONFIRM_TRIES, LOCK_SECONDS
from sync.domain.envelope import NAMES
from sync.domain.events import Event
from sync.domain.handoff import token_hash
from sync.errors import SyncError

Outcome = Literal["stored", "duplicate", "quarantined"]

BIGINT_MAX = 2**63 - 1
"""The largest seq or cursor the store can hold (a signed 64-bit column)."""


def hash_secret(secret: str) -> str:
    """The hash of a token or code (``sync.domain.handoff.token_hash``): all the store keeps."""
    return token_hash(secret)


def utc_ms() -> int:
    return time.time_ns() // 1_000_000


def iso(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def normalise_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass(frozen=True, slots=True)
class Limits:
    """What the central store takes from one device, and keeps of what it refuses.

    Attributes:
        max_drift_ms: how far ahead of the store's clock a pushed hlc may be; one
            further ahead is quarantined, and the store's clock never moves to it.
        quarantine_event_chars: the most of one quarantined event's JSON kept.
        quarantine_device_chars: the most quarantined JSON kept for one device; past
            it, a quarantined event keeps its id, seq and reason only.
        fetch_burst: fetches by reference a device may make at once ...
        fetch_per_second: ... and how fast it may make more (an operator: half each).
        confirm_tries: wrong dates of birth for one handoff, reference or client ...
        confirm_lock_seconds: ... within this time lock it for this long.
        web_session_seconds: how long a citizen's confirmed visit lasts.
        web_burst: requests for a link or the reference form one client, or one link,
            may make at once ...
        web_per_second: ... and how fast it may make more.
    """

    max_drift_ms: int = 24 * 3600 * 1000
    quarantine_event_chars: int = 64 * 1024
    quarantine_device_chars: int = 16 * 1024 * 1024
    fetch_burst: int = 60
    fetch_per_second: float = 1.0
    confirm_tries: int = CONFIRM_TRIES
    confirm_lock_seconds: int = LOCK_SECONDS
    web_session_seconds: int = 30 * 60
    web_burst: int = 60
    web_per_second: float = 1.0


DEFAULT_LIMITS: Final = Limits()
"""The limits of a store that is given none."""


@dataclass(frozen=True, slots=True)
class Device:
    """An enrolled device, as the token names it."""

    device_id: str
    site_id: str


@dataclass(frozen=True, slots=True)
class EventResult:
    """What became of one pushed event."""

    index: int
    id: str | None
    seq: int | None
    status: Outcome
    reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "index": self.index,
            "id": self.id,
            "seq": self.seq,
            "status": self.status,
            "reason": self.reason,
        }


@dataclass(slots=True)
class PushResult:
    """The answer to a push: what was stored, what was not and why, and the gapless ack.

    Attributes:
        stored: how many events of the batch were newly stored.
        results: every event that was not (a duplicate, or quarantined), by index.
        acked_seq: the highest seq held for the device without gaps.
    """

    stored: int = 0
    results: list[EventResult] = field(default_factory=list)
    acked_seq: int = 0


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    """One line of ``counterpart central status``."""

    device_id: str
    site_id: str
    enrolled: str
    revoked: str | None
    last_sync: str | None
    acked_seq: int
    highest_seq: int
    quarantined: int

    @property
    def backlog(self) -> int:
        """Seqs above the gapless ack that the server has not seen or cannot count yet."""
        return max(self.highest_seq - self.acked_seq, 0)


class ForeignDevice(Exception):
    """A pushed event names a device other than the token's (the whole request is refused)."""


class TooManyFetches(Exception):
    """A device or operator fetches by reference faster than allowed: a 429."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class NotPermitted(Exception):
    """The caller may not write this (an agency posting another agency's service): a 403."""


class UnknownJourney(Exception):
    """No journey with this reference is held by the central store."""


class EnrolmentRefused(SyncError):
    """An enrolment code that is unknown, used or expired, or a device or site id refused."""

    title = "Enrolment refused"


def storable(text: str) -> str:
    """``text`` as both databases can hold it: NUL and lone surrogates written as escapes."""
    if "\x00" in text:
        text = text.replace("\x00", "\\x00")
    try:
        text.encode()
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode()
    return text


def id_and_seq(raw: Any) -> tuple[str | None, int | None]:
    """The id and seq an invalid event claims, when they are usable."""
    raw_id = raw.get("id") if isinstance(raw, Mapping) else None
    raw_seq = raw.get("seq") if isinstance(raw, Mapping) else None
    event_id = storable(raw_id[:128]) if isinstance(raw_id, str) else None
    seq = raw_seq if isinstance(raw_seq, int) and not isinstance(raw_seq, bool) else None
    return event_id, seq if seq is not None and 1 <= seq <= BIGINT_MAX else None


def row_to_dict(row: Any) -> dict[str, Any]:
    """An event as sent, from a row of ``EVENT_COLS``."""
    event = {name: getattr(row, name) for name in NAMES}
    event["seq"] = int(event["seq"])
    event["data"] = json.loads(event["data"])
    return event


EVENT_COLS = (t.events.c.server_pos, *(t.events.c[name] for name in NAMES))
"""The columns an event is read back from, after its position in the server's order."""


def stored_event(row: Any) -> Event:
    """The event of a row of ``EVENT_COLS``, not checked again.

    Every row of ``events`` was checked as it was stored (``intake.event_row`` takes
    only what ``parse_event`` takes: a push, the store's own events alike); checking
    it again on each read cost the notifier more than folding it. A read that must
    not trust the database goes through ``parse_event(row_to_dict(row))``.
    """
    _pos, event_id, journey_id, event_type, hlc, wall, device_id, seq, channel, site, actor, \
        data = row  # fmt: skip
    return Event(event_id, journey_id, event_type, hlc, wall, device_id, int(seq), channel,
                 site, actor, json.loads(data))  # fmt: skip
