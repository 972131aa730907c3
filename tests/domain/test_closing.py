"""When a journey closes (``sync.domain.closing``): abandoned, completed, by the mediator."""

from __future__ import annotations

import pytest

from sync.domain import closing
from sync.domain.events import Event
from sync.domain.fold import JourneyState, fold
from tests.domain.factory import SimDevice


def state_of(events: list[Event]) -> JourneyState:
    return fold(events[0].journey_id, events)


def test_a_journey_without_services_is_abandoned_when_left_and_not_otherwise() -> None:
    dev = SimDevice("dev-1")
    events = [dev.start()]
    assert closing.closing_when_left(state_of(events)) == (
        "journey.closed",
        {"reason": "abandoned"},
    )
    events.append(dev.event("service.added", {"service": "tax.a"}))
    assert closing.closing_when_left(state_of(events)) is None
    events.append(dev.event("service.removed", {"service": "tax.a"}))
    assert closing.closing_when_left(state_of(events)) is not None  # nothing left in it
    events.append(dev.event("journey.closed", {"reason": "duplicate"}))
    assert closing.closing_when_left(state_of(events)) is None  # closed already


def test_done_when_every_service_is_submitted_or_finally_resolved() -> None:
    dev = SimDevice("dev-1")
    events = [dev.start()]
    assert closing.closing_when_done(state_of(events)) is None  # no services: not done
    events += [dev.event("service.added", {"service": s}) for s in ("tax.a", "ss.b")]
    events.append(dev.event("service.submitted", {"service": "tax.a"}))
    assert closing.closing_when_done(state_of(events)) is None
    events.append(dev.event("status.changed", {"service": "ss.b", "status": "In review"}))
    assert closing.closing_when_done(state_of(events)) is None
    events.append(dev.event("status.changed", {"service": "ss.b", "status": "REJECTED"}))
    assert closing.closing_when_done(state_of(events)) == (
        "journey.closed",
        {"reason": "completed"},
    )


def test_the_mediator_closes_with_a_known_reason_once() -> None:
    dev = SimDevice("dev-1")
    events = [dev.start()]
    with pytest.raises(ValueError, match="'whatever' is not one of: resolved, withdrawn"):
        closing.closing_by_mediator(state_of(events), "whatever")
    assert closing.closing_by_mediator(state_of(events), "duplicate")[1] == {"reason": "duplicate"}
    events.append(dev.event("journey.closed", {"reason": "duplicate"}))
    with pytest.raises(ValueError, match="already closed"):
        closing.closing_by_mediator(state_of(events), "resolved")
