"""What else the citizen may need: the other services of their journey's life circumstances.

A journey's services belong to life circumstances (moving house, a new baby);
the other services of those circumstances that the journey does not have are
offered, each once, under the first circumstance that brings it, in catalogue
order. One the citizen can start at home (a step allowed on ``web``) may be added
from there, but only by the citizen's own action (``added_at_home``); the others
are offered at a visit, with what to bring. A closed journey, or one without the
required consent, offers nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sync.catalogue.model import Catalogue, Circumstance, Document, Service
from sync.domain.consent import REQUIRED
from sync.domain.drafts import Draft
from sync.domain.events import Event
from sync.domain.fold import JourneyState
from sync.domain.progress import HOME_CHANNEL
from sync.domain.rules import steps_completed_by


@dataclass(frozen=True, slots=True)
class Offer:
    """A service offered beside the journey's.

    Attributes:
        service: The service offered.
        circumstance: The life circumstance (of one of the journey's services) that brings it.
        at_home: It has a step allowed on ``web``: the citizen may add it from home.
        to_bring: The documents it asks for (what to bring to a visit).
    """

    service: Service
    circumstance: Circumstance
    at_home: bool
    to_bring: tuple[Document, ...]


def starts_at_home(service: Service) -> bool:
    """Whether a service has at least one step the citizen can do at home."""
    return any(step.allows(HOME_CHANNEL) for step in service.steps)


def offers(
    state: JourneyState, catalogue: Catalogue, done_before: Iterable[str] = ()
) -> list[Offer]:
    """The services to offer beside the journey's, grouped by circumstance, each once,
    leaving out ``done_before``: those the citizen submitted in other journeys
    (``sync.domain.returning.done_before``)."""
    if state.closed is not None or not state.consents >= REQUIRED:
        return []
    had = set(state.services) | set(done_before)
    seen: set[str] = set()
    found: list[Offer] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None:
            continue
        for circumstance_id in service.circumstances:
            circumstance = catalogue.circumstances.get(circumstance_id)
            if circumstance is None:
                continue
            for other in catalogue.services_for_circumstance(circumstance_id):
                if other.id in had or other.id in seen:
                    continue
                seen.add(other.id)
                to_bring = tuple(
                    catalogue.documents[d] for d in other.documents if d in catalogue.documents
                )
                found.append(Offer(other, circumstance, starts_at_home(other), to_bring))
    return found


def may_add_at_home(
    state: JourneyState, catalogue: Catalogue, service_id: str, done_before: Iterable[str] = ()
) -> bool:
    """Whether the citizen may add ``service_id`` from home: it is offered (not done
    before, see ``offers``) and starts there."""
    found = offers(state, catalogue, done_before)
    return any(o.service.id == service_id and o.at_home for o in found)


def added_at_home(
    state: JourneyState,
    events: Iterable[Event],
    catalogue: Catalogue,
    service_id: str,
    done_before: Iterable[str] = (),
) -> list[Draft]:
    """What adding an offered service from home records: ``service.added`` and the steps its
    held answers already complete (one action). Empty when it may not be added."""
    if not may_add_at_home(state, catalogue, service_id, done_before):
        return []
    drafts: list[Draft] = [("service.added", {"service": service_id})]
    return drafts + steps_completed_by(
        state.journey_id, events, drafts, catalogue, channel=HOME_CHANNEL
    )
