"""Journeys with a contact consent, pushed into a central store by an enrolled device."""

from __future__ import annotations

from typing import Any

from sync.central.store import CentralStore
from sync.domain.events import Event
from tests.domain.factory import SimDevice

SERVICE = "civil-registry.birth-registration"
AGENCY = "civil-registry"
NAME = "Amina Sesay"
NATIONAL_NUMBER = "987654321"


class Seeder:
    """A counter device enrolled with ``store`` that starts journeys and pushes them."""

    def __init__(self, store: CentralStore, device_id: str = "counter-1", site: str = "site-1"):
        self.store = store
        token, _ = store.enrol(store.issue_enrolment_code(site), device_id)
        device = store.device_for_token(token)
        assert device is not None
        self.device = device
        self.sim = SimDevice(device_id, site_id=site)

    def push(self, events: list[Event]) -> None:
        result = self.store.push(self.device, [e.to_dict() for e in events])
        assert result.stored == len(events), result

    def journey(
        self,
        *,
        language: str = "es",
        channel: str = "email",
        address: str | None = None,
        contact: bool = True,
    ) -> tuple[str, str]:
        """A journey with the contact consent; returns (journey_id, ref)."""
        self.sim.journey_id = f"{self.sim.journey_id[:-12]}{self.sim.seq + 1:012x}"
        started = self.sim.start(language=language)
        address = address or (
            f"c{self.sim.seq}@example.org" if channel == "email" else f"+3519{self.sim.seq:08d}"
        )
        consent: dict[str, Any] = {"purposes": ["services", "contact"] if contact else ["services"]}
        if contact:
            consent |= {"channel": channel, "address": address}
        events = [
            started,
            self.sim.event("citizen.identified", {"method": "card", "name": NAME,
                           "birth_date": "1990-05-17", "national_number": NATIONAL_NUMBER}),
            self.sim.event("consent.given", consent),
            self.sim.event("service.added", {"service": SERVICE}),
        ]  # fmt: skip
        self.push(events)
        return started.journey_id, str(started.data["ref"])

    def add(self, journey_id: str, event_type: Any, data: dict[str, Any]) -> Event:
        self.sim.journey_id = journey_id
        made = self.sim.event(event_type, data)
        self.push([made])
        return made
