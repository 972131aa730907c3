"""Valid journey events for tests: simulated devices, each with its own clock and seq.

A ``SimDevice`` makes events the way a real device does: a ``HybridClock`` read
through a settable ``FakeTime``, a gapless ``seq`` from 1, UUIDv7 ids, and a
``receive`` that moves the clock past every pulled event::

    journey = new_journey_id("j1")
    van = SimDevice("van-1", channel="van", journey_id=journey)
    started = van.start()
    a = van.answer("address.new", "Rua Nova 1")
    home = SimDevice("web-1", channel="web", actor="citizen", journey_id=journey)
    home.receive([started, a])
    b = home.answer("address.new", "Rua Nova 2", supersedes=[a.id])

Every event passes through ``parse_event``, so a test never holds an event the
real door would refuse; ``SimDevice.event_dict`` gives the raw JSON object for
tests that break it on purpose. Everything is deterministic: ids and references
come from a generator seeded by the device id, time from ``FakeTime``.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sync.domain.drafts import answer_recorded
from sync.domain.events import Channel, Event, EventType, parse_event
from sync.domain.hlc import HybridClock, Timestamp
from sync.domain.ids import new_reference, uuid7

START_MS = int(datetime(2026, 11, 23, 9, 30, tzinfo=UTC).timestamp() * 1000)
"""Where every ``FakeTime`` starts by default: 2026-11-23T09:30:00Z."""

SAMPLE_REF = new_reference(b"\x01\x02\x03\x04\x05")
"""A valid journey reference in canonical form."""

SAMPLE_DATA: Mapping[str, Mapping[str, Any]] = {
    "journey.started": {"ref": SAMPLE_REF, "language": "pt"},
    "journey.linked": {"ref": SAMPLE_REF, "reason": "same citizen"},
    "clock.offset": {
        "device_id": "van-1",
        "offset_ms": -172_800_000,
        "first_seq": 1,
        "last_seq": 9,
    },
    "citizen.identified": {
        "method": "card",
        "name": "Maria Silva",
        "birth_date": "1980-02-29",
        "national_number": "123456789",
    },
    "consent.given": {
        "purposes": ["prefill", "contact"],
        "channel": "email",
        "address": "citizen@example.org",
    },
    "consent.withdrawn": {"purposes": ["contact"]},
    "service.added": {"service": "civil.address-change"},
    "service.removed": {"service": "civil.address-change"},
    "answer.recorded": {
        "field": "address.new",
        "value": "Rua Nova 1, Lisboa",
        "source": "typed",
        "service": "civil.address-change",
        "supersedes": [],
    },
    "document.checked": {"document": "id-card", "ok": True},
    "document.uploaded": {
        "document": "lease",
        "filename": "lease.pdf",
        "sha256": "0" * 64,
        "size": 1024,
        "content_type": "application/pdf",
    },
    "step.completed": {"service": "civil.address-change", "step": "details"},
    "handoff.issued": {"handoff_id": "h1", "token_hash": "f" * 64, "expires": "2026-11-30"},
    "handoff.redeemed": {"handoff_id": "h1"},
    "handoff.revoked": {"handoff_id": "h1", "reason": "lost"},
    "receipt.printed": {"language": "pt"},
    "assistance.requested": {"reason": "help with the form"},
    "note.added": {"text": "citizen will bring the lease"},
    "service.submitted": {"service": "civil.address-change"},
    "status.changed": {"service": "civil.address-change", "status": "accepted"},
    "reminder.scheduled": {"at": "2026-12-01T09:00:00Z", "what": "bring the lease"},
    "reminder.cancelled": {"reminder_id": "01900000-0000-7000-8000-000000000001"},
    "notification.sent": {
        "message_id": "m1",
        "channel": "email",
        "trigger": "status",
        "attempts": 1,
    },
    "notification.failed": {
        "message_id": "m1",
        "channel": "sms",
        "trigger": "reminder",
        "reason": "refused",
    },
    "feedback.given": {"score": 5, "comment": "quick"},
    "journey.closed": {"reason": "resolved"},
}
"""One valid ``data`` object for every event type."""


def new_journey_id(seed: object = 0) -> str:
    """A UUIDv7 journey id, the same for the same seed."""
    rng = random.Random(f"journey:{seed}")
    return uuid7(START_MS, rng.randbytes(10))


def wall_of(ms: int) -> str:
    """The ``wall`` form of Unix milliseconds: ``2026-11-23T09:30:00.000Z``."""
    moment = datetime.fromtimestamp(ms / 1000, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


class FakeTime:
    """A machine clock in Unix milliseconds that tests set, advance or turn back.

    Pass it as ``physical_ms`` to a ``HybridClock``; it may be shared by devices.
    """

    def __init__(self, ms: int = START_MS) -> None:
        self.ms = ms

    def __call__(self) -> int:
        return self.ms

    def advance(self, ms: int) -> None:
        """Move the clock by ``ms`` (negative turns it back, as a bad clock does)."""
        self.ms += ms


class SimDevice:
    """A device that makes valid events for one journey.

    Args:
        device_id: the device id, also the HLC tie-break and the seed of its ids.
        journey_id: the journey its events belong to unless one is given per event.
        channel, site_id, actor: the envelope of its events.
        time: its machine clock; a fresh ``FakeTime`` at ``START_MS`` by default.
        tick_ms: how far ``time`` moves before each event (0 to drive it by hand).

    Attributes:
        clock: its ``HybridClock``.
        seq: the ``seq`` of the last event it made (0 before the first).
        known: every event it made or received, by id: its view of the journey.
    """

    def __init__(
        self,
        device_id: str = "dev-1",
        *,
        journey_id: str | None = None,
        channel: Channel = "counter",
        site_id: str = "site-1",
        actor: str = "operator:op1",
        time: FakeTime | None = None,
        tick_ms: int = 1000,
    ) -> None:
        self.device_id = device_id
        self.journey_id = journey_id if journey_id is not None else new_journey_id()
        self.channel: Channel = channel
        self.site_id = site_id
        self.actor = actor
        self.time = time if time is not None else FakeTime()
        self.tick_ms = tick_ms
        self.clock = HybridClock(device_id, self.time)
        self.seq = 0
        self.known: dict[str, Event] = {}
        self._rng = random.Random(f"device:{device_id}")

    def event_dict(
        self, event_type: str, data: Mapping[str, Any] | None = None, **envelope: Any
    ) -> dict[str, Any]:
        """The JSON object of this device's next event, not checked.

        ``data`` defaults to ``SAMPLE_DATA[event_type]``; ``envelope`` overrides any
        other key (``channel="van"``, ``journey_id=...``). Takes a seq and a tick.
        """
        self.time.advance(self.tick_ms)
        stamp = self.clock.now()
        self.seq += 1
        raw: dict[str, Any] = {
            "id": uuid7(self.time(), self._rng.randbytes(10)),
            "journey_id": self.journey_id,
            "type": event_type,
            "hlc": stamp.encode(),
            "wall": wall_of(self.time()),
            "device_id": self.device_id,
            "seq": self.seq,
            "channel": self.channel,
            "site_id": self.site_id,
            "actor": self.actor,
            "data": copy.deepcopy(dict(data if data is not None else SAMPLE_DATA[event_type])),
        }
        raw.update(envelope)
        return raw

    def event(
        self, event_type: EventType, data: Mapping[str, Any] | None = None, **envelope: Any
    ) -> Event:
        """Make this device's next event, checked by ``parse_event``; it joins ``known``."""
        made = parse_event(self.event_dict(event_type, data, **envelope))
        self.known[made.id] = made
        return made

    def start(self, ref: str | None = None, language: str = "pt") -> Event:
        """A ``journey.started`` event with a fresh reference unless one is given."""
        ref = ref if ref is not None else new_reference(self._rng.randbytes(5))
        return self.event("journey.started", {"ref": ref, "language": language})

    def answer(
        self,
        field: str,
        value: Any,
        *,
        supersedes: Iterable[str] = (),
        source: str = "typed",
        service: str | None = None,
    ) -> Event:
        """An ``answer.recorded`` event for ``field`` naming the writes it had seen."""
        kind, data = answer_recorded(
            field, value, source=source, service=service, supersedes=supersedes
        )
        return self.event(kind, data)

    def receive(self, events: Iterable[Event]) -> None:
        """Take events pulled from elsewhere: they join ``known``; the clock moves past them."""
        for received in events:
            self.clock.observe(received.timestamp)
            self.known[received.id] = received

    def sync_from(self, other: SimDevice) -> None:
        """Receive everything ``other`` knows (a push from it and a pull here)."""
        self.receive(list(other.known.values()))

    @property
    def last(self) -> Timestamp:
        """The latest HLC this device issued or observed."""
        return self.clock.last


def merged(devices: Sequence[SimDevice]) -> list[Event]:
    """Every event any of ``devices`` knows, once each, in no particular order."""
    everything: dict[str, Event] = {}
    for device in devices:
        everything.update(device.known)
    return list(everything.values())
