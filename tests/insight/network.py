"""A generated network for the insight's tests: 10 sites, each with a counter, a van and a
kiosk, and 2,000 journeys whose crossings, prefills, feedback and stalls are known.

Some journeys go on at home: the counter leaves a web step undone and prints a real
handoff link (``Made.token``), which the test opens and answers through the citizen's
pages (``WEB_SERVICE``'s ``WEB_STEP``, ``WEB_ANSWERS``). Agencies then decide some of
the submitted services through the back office (``STATUSES``).

``generate`` is deterministic (a seeded ``random.Random``) and keeps, beside each
device's events, what it made each journey do (``Made``), so a test can count every
measure by hand and compare it with what the central store reports.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sync.catalogue.model import Catalogue
from sync.domain.handoff import TOKEN_BYTES, handoff_id_for, token_from_bytes, token_hash
from sync.domain.hlc import Timestamp
from sync.domain.ids import new_reference, uuid7

DAY_MS = 86_400_000
SITES = [f"site-{i:02d}" for i in range(10)]
CHANNELS = ("counter", "van", "kiosk")
WEB_SERVICE = "education.student-grant"
"""The service whose last step (``WEB_STEP``) the journeys that go on at home do on the web."""
WEB_STEP = "payment"
WEB_ANSWERS = {"bank.iban": "PT50 0002 0123 1234 5678 9015 4", "citizen.email": "a@example.org"}
"""What the citizen types on the web step's form (both typed: nothing held prefills them)."""
BIRTH_DATE = ("23", "4", "1958")
STATUSES = (("approved",), ("in_review", "approved"), ("refused",), ("in_review",))
"""What an agency posts for a submitted service, in order (``in_review`` decides nothing)."""


@dataclass
class Made:
    """What one generated journey did (the test's hand count reads this)."""

    journey_id: str
    site: str
    day: str
    channels: set[str] = field(default_factory=set)
    steps: dict[str, int] = field(default_factory=dict)
    prefilled: int = 0
    typed: int = 0
    issued: int = 0
    redeemed: int = 0
    assisted: bool = False
    scores: list[int] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    closed: bool = False
    last_ms: int = 0
    services: dict[str, set[str]] = field(default_factory=dict)
    submitted: set[str] = field(default_factory=set)
    ref: str = ""
    added_ms: dict[str, int] = field(default_factory=dict)
    token: str | None = None
    """The handoff link the citizen opens at home (None: the journey stays off the web)."""
    statuses: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """What the agencies post for each submitted service, through the back office."""
    decided_ms: dict[str, int] = field(default_factory=dict)
    """When each service was first decided (the store's clock, as posted)."""


@dataclass
class Device:
    """One generated device: its id, site, channel and events in seq order."""

    device_id: str
    site: str
    channel: str
    events: list[dict[str, Any]] = field(default_factory=list)

    def add(self, journey_id: str, kind: str, at_ms: int, data: dict[str, Any], actor: str) -> None:
        seq = len(self.events) + 1
        wall = _wall(at_ms)
        self.events.append({
            "id": uuid7(at_ms, hashlib.sha256(f"{self.device_id}/{seq}".encode()).digest()),
            "journey_id": journey_id, "type": kind,
            "hlc": Timestamp(at_ms, seq % 65536, self.device_id).encode(),
            "wall": wall, "device_id": self.device_id, "seq": seq,
            "channel": self.channel, "site_id": self.site, "actor": actor, "data": data,
        })  # fmt: skip


def _wall(ms: int) -> str:
    from datetime import UTC, datetime

    return datetime.fromtimestamp(ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:23] + "Z"


def generate(
    catalogue: Catalogue, now_ms: int, journeys: int = 2000, seed: int = 16
) -> tuple[list[Device], list[Made]]:
    """The network's devices with their events, and what each journey did."""
    rng = random.Random(seed)
    devices = {(s, c): Device(f"{s}-{c}", s, c) for s in SITES for c in CHANNELS}
    services = [s for s in catalogue.services.values() if len(s.steps) >= 2][:12]
    at_home = catalogue.services[WEB_SERVICE]
    made: list[Made] = []
    for n in range(journeys):
        site = SITES[n % len(SITES)] if n % 7 else SITES[0]  # site-00 the busiest
        first = rng.choice(("counter", "counter", "van", "kiosk"))
        stall = rng.random() < 0.2
        # Stalled journeys went quiet 18-40 days ago; the others within the last 10 days.
        last_days = rng.uniform(18, 40) if stall else rng.uniform(0.5, 10)
        end = now_ms - int(last_days * DAY_MS)
        start = end - rng.randint(1, 3) * 3_600_000
        jid = str(_uuid(rng))
        m = Made(jid, site, _wall(start)[:10])
        clock = iter(range(start, end, 1000))
        dev = devices[(site, first)]

        def at(m: Made = m, clock: Iterator[int] = clock) -> int:
            m.last_ms = next(clock)
            return m.last_ms

        actor = "citizen" if first == "kiosk" else "operator:op1"
        m.ref = new_reference(rng.randbytes(8))
        dev.add(jid, "journey.started", at(), {"ref": m.ref, "language": "en"}, actor)
        m.channels.add(first)
        home = first != "kiosk" and not stall and rng.random() < 0.06
        chosen = [at_home] if home else rng.sample(services, rng.choice((1, 1, 2)))
        if home:
            dev.add(jid, "citizen.identified", at(), {
                "method": "card", "name": "A Citizen", "national_number": "123456789",
                "birth_date": "{2}-{1:0>2}-{0:0>2}".format(*BIRTH_DATE)}, actor)  # fmt: skip
            dev.add(jid, "consent.given", at(), {"purposes": ["services", "handoff"]}, actor)
        # Crossings go on to the site's kiosk, which pushes after the counter and the van
        # (a journey is open to a device of its site once its journey.started is held).
        later = devices[(site, "kiosk")]
        crosses = first != "kiosk" and not home and rng.random() < 0.3
        for service in chosen:
            m.added_ms[service.id] = at()
            dev.add(jid, "service.added", m.added_ms[service.id], {"service": service.id}, actor)
            m.services[service.id] = set()
            steps = [s.id for s in service.steps]
            done = len(steps) if not stall else rng.randrange(len(steps))
            if home:
                done = steps.index(WEB_STEP)  # the rest is done at home
            for i, step in enumerate(steps[:done]):
                d = later if crosses and i == len(steps) - 1 else dev
                d_actor = "citizen" if d.channel == "kiosk" else "operator:op1"
                source = rng.choice(("card", "earlier_journey", "typed", "typed"))
                d.add(jid, "answer.recorded", at(),
                      {"field": f"f{i}", "value": "x", "source": source, "supersedes": []},
                      d_actor)  # fmt: skip
                m.prefilled += source != "typed"
                m.typed += source == "typed"
                d.add(jid, "step.completed", at(), {"service": service.id, "step": step}, d_actor)
                m.steps[d.channel] = m.steps.get(d.channel, 0) + 1
                m.channels.add(d.channel)
                m.services[service.id].add(step)
            if done == len(steps):
                dev.add(jid, "service.submitted", at(), {"service": service.id}, actor)
                m.submitted.add(service.id)
        if home:
            m.token = token_from_bytes(rng.randbytes(TOKEN_BYTES))
            hashed = token_hash(m.token)
            dev.add(jid, "handoff.issued", at(), {"handoff_id": handoff_id_for(hashed),
                    "token_hash": hashed, "expires": "2027-12-31T00:00:00Z"}, actor)  # fmt: skip
            m.issued += 1  # redeemed when the test opens it
        elif rng.random() < 0.4:
            handoff = rng.randbytes(8).hex()
            dev.add(jid, "handoff.issued", at(),
                    {"handoff_id": handoff, "token_hash": rng.randbytes(32).hex(),
                     "expires": "2027-12-31T00:00:00Z"}, actor)  # fmt: skip
            m.issued += 1
            if rng.random() < 0.5:
                dev.add(jid, "handoff.redeemed", at(), {"handoff_id": handoff}, actor)
                m.redeemed += 1
        if "kiosk" in m.channels and rng.random() < 0.25:
            devices[(site, "kiosk")].add(jid, "assistance.requested", at(), {}, "citizen")
            m.assisted = True
        if not stall and rng.random() < 0.3:
            score = rng.randint(1, 5)
            data: dict[str, Any] = {"score": score}
            if rng.random() < 0.3:
                data["comment"] = f"comment {n}"
                m.comments.append(data["comment"])
            dev.add(jid, "feedback.given", at(), data, actor)
            m.scores.append(score)
        if not stall and m.submitted == set(m.services):
            dev.add(jid, "journey.closed", at(), {"reason": "resolved"}, actor)
            m.closed = True
        for sid in sorted(m.submitted):
            if rng.random() < 0.12:
                m.statuses[sid] = rng.choice(STATUSES)
        made.append(m)
    return list(devices.values()), made


def _uuid(rng: random.Random) -> str:
    import uuid

    return str(uuid.UUID(bytes=rng.randbytes(16), version=4))


def batches(events: list[dict[str, Any]], size: int) -> Iterator[bytes]:
    """A device's events as push bodies of ``size`` events."""
    for i in range(0, len(events), size):
        yield json.dumps({"events": events[i : i + size]}).encode()
