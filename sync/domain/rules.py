"""Step and submit rules: when a step becomes complete, which services are ready to submit.

A step is complete when its required answers are in (``progress.step_done``);
the first time it is, the channel that caused it records ``step.completed`` in
the same transaction as the answer. A service is ready to submit when every
step is done and it has not been submitted yet. The counter, the kiosk and the
citizen's pages ask these functions; none counts steps on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sync.catalogue.model import Catalogue
from sync.domain.drafts import Draft, fold_after
from sync.domain.events import Channel, Event
from sync.domain.fold import JourneyState
from sync.domain.progress import service_progress, step_done


def steps_now_complete(state: JourneyState, catalogue: Catalogue) -> list[tuple[str, str]]:
    """The ``(service, step)`` pairs whose answers are in but not yet marked completed."""
    found: list[tuple[str, str]] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None:
            continue
        for step in service.steps:
            if (service_id, step.id) not in state.steps_done and step_done(state, service, step):
                found.append((service_id, step.id))
    return found


def ready_to_submit(state: JourneyState, catalogue: Catalogue) -> list[str]:
    """The journey's services whose steps are all done and that are not submitted yet."""
    ready: list[str] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None or service_id in state.submitted:
            continue
        if service_progress(state, catalogue, service).complete:
            ready.append(service_id)
    return ready


def steps_completed_by(
    journey_id: str,
    events: Iterable[Event],
    drafts: Sequence[Draft],
    catalogue: Catalogue,
    *,
    channel: Channel,
) -> list[Draft]:
    """The ``step.completed`` drafts that writing ``drafts`` after ``events`` causes.

    Written with the drafts, in the same transaction, they make an answer and the
    steps it completes one action.
    """
    after = fold_after(journey_id, events, drafts, channel=channel)
    return [
        ("step.completed", {"service": service, "step": step})
        for service, step in steps_now_complete(after, catalogue)
    ]
