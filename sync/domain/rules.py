"""Step and submit rules: when a step becomes complete, which services are ready to submit.

A step is complete when its required answers are in (``progress.step_done``);
the first time it is, the channel that caused it records ``step.completed`` in
the same transaction as the answer. A service is ready to submit when every
step is done, every document it asks for is in hand (``progress.document_in_hand``:
checked at a counter or uploaded) and it has not been submitted yet; one whose
steps are done but whose documents are not all in hand waits for them
(``waiting_for_documents``) and says which. The counter, the kiosk and the
citizen's pages ask these functions; none counts steps or documents on its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sync.catalogue.model import Catalogue, Document, Service
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
    """The journey's services whose steps are all done, whose documents are all in
    hand and that are not submitted yet."""
    ready: list[str] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None or service_id in state.submitted:
            continue
        if service_progress(state, catalogue, service).complete:
            ready.append(service_id)
    return ready


def waiting_for_documents(
    state: JourneyState, catalogue: Catalogue
) -> list[tuple[Service, tuple[Document, ...]]]:
    """The journey's services not yet submitted whose steps are all done but that
    still miss documents, each with the documents it misses (catalogue order)."""
    waiting: list[tuple[Service, tuple[Document, ...]]] = []
    for service_id in state.services:
        service = catalogue.services.get(service_id)
        if service is None or service_id in state.submitted:
            continue
        progress = service_progress(state, catalogue, service)
        if progress.steps_complete and progress.to_bring:
            waiting.append((service, progress.to_bring))
    return waiting


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
