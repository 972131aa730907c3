"""Hypothesis strategies for journeys: devices writing, syncing and misreading their clocks.

``steps(n)`` draws a script of ``Write``, ``Other`` and ``Sync`` steps for ``n``
devices; ``Simulation`` plays it on ``SimDevice``s and records, for every answer
write, the events its device had seen when writing (its causal past). A device
sees another's events only after a ``Sync``, which copies all it knows, as a
push and a pull through the central store would. Every step moves the acting
device's machine clock by a drawn jump, back by days included.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from sync.domain.events import Channel, Event, EventType
from sync.domain.ids import new_reference
from tests.domain.factory import SAMPLE_DATA, SimDevice, new_journey_id

HOUR = 3600 * 1000
DAY = 24 * HOUR
FIELDS = ("address.new", "phone", "iban")
SERVICES = ("civil.address", "tax.address", "health.card")
OTHER_TYPES: tuple[EventType, ...] = tuple(
    sorted(t for t in SAMPLE_DATA if t != "answer.recorded")  # type: ignore[misc]
)
_CHANNELS: tuple[Channel, ...] = ("counter", "van", "web", "kiosk", "backoffice")


@dataclass(frozen=True)
class Write:
    """Device ``device`` records ``value`` for ``field``, superseding the heads it sees."""

    device: int
    field: str
    value: Any
    jump: int


@dataclass(frozen=True)
class Other:
    """Device ``device`` makes an event of another type; ``variant`` picks its data."""

    device: int
    event_type: EventType
    variant: int
    jump: int


@dataclass(frozen=True)
class Sync:
    """Device ``target`` receives everything device ``source`` knows."""

    source: int
    target: int


Step = Write | Other | Sync

jumps = st.one_of(
    st.sampled_from([0, 1, 1000, -3 * DAY, -DAY, 2 * HOUR, 5 * HOUR]),
    st.integers(-3 * DAY, 6 * HOUR),
)
answer_values = st.one_of(
    st.integers(0, 3),
    st.sampled_from(["Rua 1", "Rua 2", ""]),
    st.none(),
    st.fixed_dictionaries({"street": st.sampled_from(["A", "B"]), "n": st.integers(1, 2)}),
)


def steps(
    devices: int, *, others: bool = True, max_size: int = 40
) -> st.SearchStrategy[list[Step]]:
    """Scripts of up to ``max_size`` steps for ``devices`` devices."""
    device = st.integers(0, devices - 1)
    kinds: list[st.SearchStrategy[Step]] = [
        st.builds(Write, device, st.sampled_from(FIELDS), answer_values, jumps),
        st.builds(Sync, device, device),
    ]
    if others:
        kinds.append(
            st.builds(Other, device, st.sampled_from(OTHER_TYPES), st.integers(0, 5), jumps)
        )
    return st.lists(st.one_of(kinds), max_size=max_size)


def data_for(event_type: EventType, variant: int) -> dict[str, Any]:
    """Valid data for ``event_type`` that differs with ``variant`` where the fold can tell."""
    service = SERVICES[variant % len(SERVICES)]
    match event_type:
        case "journey.started":
            return {"ref": new_reference(bytes([variant] * 5)), "language": "pt"}
        case "service.added" | "service.removed" | "service.submitted":
            return {"service": service}
        case "consent.given" | "consent.withdrawn":
            return {"purposes": ["prefill", "contact", "survey"][variant % 3 :]}
        case "citizen.identified":
            return {"method": "manual", "name": f"Citizen {variant}", "birth_date": "1990-01-01"}
        case "document.checked":
            return {"document": "id-card", "ok": variant % 2 == 0}
        case "step.completed":
            return {"service": service, "step": f"step-{variant % 2}"}
        case "handoff.issued":
            return {"handoff_id": f"h{variant % 2}", "token_hash": "0" * 64, "expires": "x"}
        case "handoff.redeemed" | "handoff.revoked":
            return {"handoff_id": f"h{variant % 2}"}
        case "status.changed":
            return {"service": service, "status": f"status-{variant}"}
        case "note.added":
            return {"text": f"note {variant}"}
        case "feedback.given":
            return {"score": 1 + variant % 5}
        case "journey.closed":
            return {"reason": f"reason {variant}"}
    return dict(SAMPLE_DATA[event_type])


class Simulation:
    """Devices of one journey playing a script.

    Attributes:
        devices: one ``SimDevice`` per device, each with its own machine clock.
        seen: for every answer write, the ids of the events its device knew
            when writing (its causal past; the write itself excluded).
        writes: every answer write by id.
    """

    def __init__(self, devices: int, journey_id: str | None = None) -> None:
        self.journey_id = journey_id if journey_id is not None else new_journey_id("sim")
        self.devices = [
            SimDevice(
                f"dev-{i}",
                journey_id=self.journey_id,
                channel=_CHANNELS[i % len(_CHANNELS)],
                site_id=f"site-{i % 2}",
                actor="citizen" if _CHANNELS[i % len(_CHANNELS)] == "web" else f"operator:op{i}",
                tick_ms=0,
            )
            for i in range(devices)
        ]
        self.seen: dict[str, frozenset[str]] = {}
        self.writes: dict[str, Event] = {}

    def play(self, script: Iterable[Step]) -> None:
        """Play every step in order."""
        for step in script:
            self.step(step)

    def step(self, step: Step) -> Event | None:
        """Play one step; return the event it made, if any."""
        match step:
            case Sync(source, target):
                if source != target:
                    self.devices[target].sync_from(self.devices[source])
                return None
            case Write(index, field, value, jump):
                device = self.devices[index]
                device.time.advance(jump)
                past = frozenset(device.known)
                made = device.answer(field, value, supersedes=self.heads(device.known, field))
                self.seen[made.id] = past
                self.writes[made.id] = made
                return made
            case Other(index, event_type, variant, jump):
                device = self.devices[index]
                device.time.advance(jump)
                return device.event(event_type, data_for(event_type, variant))
        raise AssertionError(step)

    def heads(self, view: Iterable[str], field: str) -> list[str]:
        """The writes of ``field`` in ``view`` (event ids) that no write in it had seen.

        Computed from the causal pasts, not from ``supersedes``: the expected heads.
        """
        ids = [i for i in view if i in self.writes and self.writes[i].data["field"] == field]
        return sorted(
            (w for w in ids if not any(w in self.seen[o] for o in ids)),
            key=lambda w: (self.writes[w].hlc, w),
        )

    def events(self) -> list[Event]:
        """Every event any device knows."""
        everything: dict[str, Event] = {}
        for device in self.devices:
            everything.update(device.known)
        return list(everything.values())
