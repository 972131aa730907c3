"""What else the citizen may need: offers by life circumstance, added only by the citizen."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.domain.events import Event
from sync.domain.fold import fold
from sync.domain.offers import added_at_home, may_add_at_home, offers, starts_at_home
from tests.domain.factory import SimDevice

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue"
CENTRE = "health.change-health-centre"  # moving-house only
ASSESSMENT = "health.disability-assessment"  # disability only
DEATH = "civil-registry.death-registration"  # death-in-family; no step at home


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DEMO)


def _journey(
    *services: str, consents: tuple[str, ...] = ("services",)
) -> tuple[SimDevice, list[Event]]:
    device = SimDevice("dev-1")
    events = [device.start(), device.event("consent.given", {"purposes": list(consents)})]
    events += [device.event("service.added", {"service": s}) for s in services]
    return device, events


def test_the_other_services_of_the_circumstances_are_offered_once(catalogue: Catalogue) -> None:
    device, events = _journey(CENTRE, ASSESSMENT)
    found = offers(fold(device.journey_id, events), catalogue)
    ids = [o.service.id for o in found]
    moving = [s.id for s in catalogue.services_for_circumstance("moving-house") if s.id != CENTRE]
    disability = [s.id for s in catalogue.services_for_circumstance("disability")
                  if s.id not in (ASSESSMENT, *moving)]  # fmt: skip
    assert ids == moving + disability
    assert len(ids) == len(set(ids))
    assert CENTRE not in ids and ASSESSMENT not in ids
    assert {o.circumstance.id for o in found if o.service.id in moving} == {"moving-house"}


def test_a_service_with_no_step_at_home_is_offered_at_a_visit(catalogue: Catalogue) -> None:
    device, events = _journey("tax.inheritance")
    found = {o.service.id: o for o in offers(fold(device.journey_id, events), catalogue)}
    death = found[DEATH]
    assert not death.at_home and not starts_at_home(death.service)
    assert [d.id for d in death.to_bring] == list(catalogue.services[DEATH].documents)
    state = fold(device.journey_id, events)
    assert not may_add_at_home(state, catalogue, DEATH)
    assert added_at_home(state, events, catalogue, DEATH) == []


def test_nothing_is_offered_for_a_closed_journey_or_without_consent(catalogue: Catalogue) -> None:
    device, events = _journey(CENTRE, consents=("handoff",))
    assert offers(fold(device.journey_id, events), catalogue) == []
    device, events = _journey(CENTRE)
    events.append(device.event("journey.closed", {"reason": "resolved"}))
    assert offers(fold(device.journey_id, events), catalogue) == []


def test_adding_from_home_records_the_service_and_the_steps_it_already_has(
    catalogue: Catalogue,
) -> None:
    device, events = _journey(CENTRE)
    # social-security.change-of-address asks one step; answer its fields beforehand.
    wanted = catalogue.services["social-security.change-of-address"]
    for key in wanted.steps[0].fields:
        events.append(device.answer(key, "x"))
    state = fold(device.journey_id, events)
    drafts = added_at_home(state, events, catalogue, wanted.id)
    assert drafts[0] == ("service.added", {"service": wanted.id})
    assert ("step.completed", {"service": wanted.id, "step": wanted.steps[0].id}) in drafts


def test_only_an_offered_service_may_be_added(catalogue: Catalogue) -> None:
    device, events = _journey(CENTRE)
    state = fold(device.journey_id, events)
    assert not may_add_at_home(state, catalogue, CENTRE)  # already there
    assert not may_add_at_home(state, catalogue, "tax.joint-taxation")  # not of moving house
    assert not may_add_at_home(state, catalogue, "no.such-service")
    assert may_add_at_home(state, catalogue, "tax.change-of-address")
    assert not may_add_at_home(state, catalogue, "tax.change-of-address", {"tax.change-of-address"})
