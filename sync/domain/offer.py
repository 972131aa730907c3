"""What a channel offers: the services it can take, grouped by life circumstance, and the
questions left for it on a journey.

A self-service kiosk offers the services with at least one step the catalogue
allows on ``kiosk`` (the rest of such a service is done at a counter or at home),
grouped the way citizens think of them: moving house, a new baby, ...
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.catalogue.model import Catalogue, Circumstance, Service, Step
from sync.domain.events import Channel
from sync.domain.fold import JourneyState
from sync.domain.progress import answered, step_done


@dataclass(frozen=True, slots=True)
class Group:
    """Services under one life circumstance (``circumstance`` None: the others)."""

    circumstance: Circumstance | None
    services: tuple[Service, ...]


@dataclass(frozen=True, slots=True)
class Question:
    """One field a channel asks on a journey, in the first step left that needs it."""

    service: Service
    step: Step
    key: str

    @property
    def required(self) -> bool:
        """Whether the step needs an answer to be complete."""
        return self.step.is_required(self.key)


def offered(catalogue: Catalogue, channel: Channel) -> tuple[Service, ...]:
    """The services with at least one step that may be done on ``channel``, in catalogue order."""
    return tuple(
        service
        for service in catalogue.services.values()
        if any(step.allows(channel) for step in service.steps)
    )


def by_circumstance(catalogue: Catalogue, services: tuple[Service, ...]) -> list[Group]:
    """``services`` under each life circumstance they belong to, in catalogue order.

    A service under two circumstances shows in both; one under none ends in a last
    group without a circumstance. Empty groups are left out.
    """
    wanted = {service.id for service in services}
    groups = [
        Group(circumstance, tuple(s for s in catalogue.services_for_circumstance(c_id)
                                  if s.id in wanted))
        for c_id, circumstance in catalogue.circumstances.items()
    ]  # fmt: skip
    others = tuple(s for s in services if not s.circumstances)
    groups.append(Group(None, others))
    return [group for group in groups if group.services]


def questions_left(state: JourneyState, catalogue: Catalogue, channel: Channel) -> list[Question]:
    """The fields still to answer on ``channel``: of the steps left that it allows,
    each field once (in the first such step), without those already answered."""
    seen: set[str] = set()
    found: list[Question] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None or service_id in state.submitted:
            continue
        for step in service.steps:
            if not step.allows(channel) or step_done(state, service, step):
                continue
            for key in step.fields:
                if key in seen or key not in catalogue.fields:
                    continue
                seen.add(key)
                if not answered(state, key):
                    found.append(Question(service, step, key))
    return found
