"""Help asked from where the citizen is: what is recorded, and how they are answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.domain.fold import JourneyState, fold
from sync.domain.help_asked import answered_by, help_asked
from tests.domain.factory import SimDevice

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue"
CENTRE = "health.change-health-centre"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DEMO)


def _state(*consents: str) -> JourneyState:
    device = SimDevice("dev-1")
    events = [device.start(), device.event("consent.given", {"purposes": list(consents)}),
              device.event("service.added", {"service": CENTRE})]  # fmt: skip
    return fold(device.journey_id, events)


def test_help_names_the_screen_service_and_step(catalogue: Catalogue) -> None:
    state = _state("services")
    assert help_asked(state, catalogue, screen="step", service=CENTRE, step="new-centre") == (
        "assistance.requested",
        {"screen": "step", "service": CENTRE, "step": "new-centre"},
    )
    assert help_asked(state, catalogue, screen="journey") == (
        "assistance.requested", {"screen": "journey"})  # fmt: skip


@pytest.mark.parametrize(
    ("screen", "service", "step"),
    [
        ("Step!", None, None),
        ("", None, None),
        ("step", "tax.change-of-address", None),  # not the journey's
        ("step", "no.such", None),
        ("step", CENTRE, "no-such-step"),
        ("step", None, "new-centre"),  # a step without its service
    ],
)
def test_a_stale_or_forged_place_asks_nothing(
    catalogue: Catalogue, screen: str, service: str | None, step: str | None
) -> None:
    assert help_asked(_state("services"), catalogue, screen=screen, service=service,
                      step=step) is None  # fmt: skip


def test_the_citizen_is_contacted_only_with_the_contact_consent() -> None:
    assert answered_by(_state("services", "contact")) == "contact"
    assert answered_by(_state("services", "handoff")) == "visit"
