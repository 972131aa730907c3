"""What the quarantine keeps of an event it holds: bounded per event and per device.

Each quarantined event keeps its id, seq and reason (a reason at most
``MAX_REASON_CHARS``), and its JSON up to ``Limits.quarantine_event_chars``. Once a
device's quarantined JSON reaches ``Limits.quarantine_device_chars``, its further
events keep their id, seq and reason only, one row per seq (a seq is what the
gapless ack needs); one without a usable seq is answered but not kept. The same
content from the same device is kept once.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Final

from sqlalchemy import Connection, func, insert, select

from sync.central import schema as t
from sync.central.records import Device, EventResult, storable
from sync.central.store.database import Database

MAX_REASON_CHARS: Final = 500
"""The longest reason kept and answered (a reason may quote the event's own values)."""


class Quarantine:
    """The quarantine of one device, written in the caller's transaction."""

    def __init__(self, db: Database, conn: Connection, device: Device, now: str) -> None:
        self.conn = conn
        self.device = device
        self.now = now
        self.per_event = db.limits.quarantine_event_chars
        self.per_device = db.limits.quarantine_device_chars
        self._kept: int | None = None  # chars of JSON the device has in quarantine

    def hold(
        self, i: int, raw: Any, event_id: str | None, seq: int | None, reason: str
    ) -> EventResult:
        """Quarantine event ``i`` of the batch with its reason; see the module docstring."""
        encoded = storable(
            json.dumps(raw, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        )
        reason = _short(storable(reason), MAX_REASON_CHARS)
        digest = hashlib.sha256(encoded.encode()).hexdigest()
        q = t.quarantine.c
        held = select(q.pos).where(q.device_id == self.device.device_id, q.raw_sha256 == digest)
        if self.conn.execute(held).first() is None:
            kept = _short(encoded, self.per_event)
            if self.kept() + len(kept) > self.per_device:
                kept = ""
            if kept or self._first_of_seq(seq):
                self._insert(seq, event_id, kept, digest, reason)
                self._kept = self.kept() + len(kept)
        return EventResult(i, event_id, seq, "quarantined", reason)

    def kept(self) -> int:
        """How many characters of JSON the device's quarantine keeps."""
        if self._kept is None:
            self._kept = int(
                self.conn.execute(
                    select(func.coalesce(func.sum(func.length(t.quarantine.c.raw)), 0)).where(
                        t.quarantine.c.device_id == self.device.device_id
                    )
                ).scalar()
                or 0
            )
        return self._kept

    def _first_of_seq(self, seq: int | None) -> bool:
        if seq is None:
            return False
        q = t.quarantine.c
        found = select(q.pos).where(q.device_id == self.device.device_id, q.seq == seq).limit(1)
        return self.conn.execute(found).first() is None

    def _insert(
        self, seq: int | None, event_id: str | None, raw: str, digest: str, reason: str
    ) -> None:
        self.conn.execute(
            insert(t.quarantine).values(
                device_id=self.device.device_id, seq=seq, event_id=event_id, raw=raw,
                raw_sha256=digest, reason=reason, received=self.now,
            )
        )  # fmt: skip


def _short(text: str, most: int) -> str:
    if len(text) <= most:
        return text
    return text[: max(most - 40, 0)] + f"... ({len(text)} characters in all)"
