"""Journeys for the citizen's pages, pushed into a central store the way a counter pushes them.

``seed_journey`` enrols a counter device of a site, makes a journey with a
citizen, services, answers and a handoff (the token drawn like ``Desk`` draws it),
and pushes it through ``CentralStore.push``: the pages then find it as they
would find a real counter's.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sync.central.records import Device
from sync.central.store import CentralStore
from sync.domain.handoff import TOKEN_BYTES, handoff_id_for, token_from_bytes, token_hash
from sync.domain.ids import format_reference
from tests.domain.factory import SimDevice, new_journey_id

BIRTH_DATE = "1958-04-23"
"""The citizen's date of birth in every seeded journey unless given."""


@dataclass(frozen=True)
class Seeded:
    """A journey in the store, and the secrets a receipt would carry."""

    journey_id: str
    ref: str
    token: str
    handoff_id: str
    device: SimDevice

    @property
    def shown_ref(self) -> str:
        """The reference as the receipt prints it (``GEG-0V6-86Q``)."""
        return format_reference(self.ref)


def enrolled(store: CentralStore, device_id: str = "counter-1", site: str = "lisboa") -> Device:
    """A device of ``site`` enrolled with the store."""
    token, _ = store.enrol(store.issue_enrolment_code(site), device_id)
    found = store.device_for_token(token)
    assert found is not None
    return found


def seed_journey(
    store: CentralStore,
    *,
    services: Sequence[str] = ("health.change-health-centre", "health.disability-assessment"),
    birth_date: str = BIRTH_DATE,
    language: str = "pt",
    answers: Mapping[str, Any] | None = None,
    consents: Sequence[str] = ("services", "handoff"),
    expires_in: timedelta = timedelta(days=30),
    device_id: str = "counter-1",
    seed: object = 0,
) -> Seeded:
    """Push a journey with a live handoff; returns it with its token."""
    device = enrolled(store, device_id)
    counter = SimDevice(device_id, journey_id=new_journey_id(seed), site_id=device.site_id)
    events = [counter.start(language=language)]
    ref = str(events[0].data["ref"])
    events.append(counter.event("citizen.identified", {
        "method": "card", "name": "Maria da Conceição Silva", "birth_date": birth_date,
        "national_number": "123456789",
    }))  # fmt: skip
    events.append(counter.event("consent.given", {"purposes": list(consents)}))
    for service in services:
        events.append(counter.event("service.added", {"service": service}))
    for key, value in (answers or {"citizen.name": "Maria da Conceição Silva"}).items():
        events.append(counter.answer(key, value, source="card"))
    token = token_from_bytes(secrets.token_bytes(TOKEN_BYTES))
    hashed = token_hash(token)
    expires = (datetime.now(UTC) + expires_in).strftime("%Y-%m-%dT%H:%M:%SZ")
    events.append(counter.event("handoff.issued", {
        "handoff_id": handoff_id_for(hashed), "token_hash": hashed, "expires": expires,
    }))  # fmt: skip
    result = store.push(device, [e.to_dict() for e in events])
    assert result.stored == len(events), result.results
    return Seeded(counter.journey_id, ref, token, handoff_id_for(hashed), counter)
