"""Where a journey stands per service: steps done and left, documents still
missing, what can be done at home.

The counter's review and finish screens, the receipt, the kiosk and the citizen's
pages all show progress from ``service_progress``; none of them decides on its
own when a step is done, when a service is complete or whether it can be
finished from home.

A service is complete (ready to go to its agency) when every step is done and
every document it asks for is in hand: checked as shown at a counter, uploaded
(from home or in a step's document field), or answered in a step's document
field as checked. The documents not in hand are ``to_bring``; at home each can
be uploaded (in its step's form or on the service's documents page), so they
never keep a service from being finished at home.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from sync.catalogue.model import Catalogue, Document, Service, Step
from sync.domain.consent import allows_handoff
from sync.domain.events import Channel
from sync.domain.fold import JourneyState

HOME_CHANNEL: Final[Channel] = "web"
"""The channel of the citizen at home: a step the catalogue allows on it can be done there."""


@dataclass(frozen=True, slots=True)
class ServiceProgress:
    """One service of a journey, as the review screen and the receipt show it.

    Attributes:
        service: The catalogue service.
        done: Steps whose required fields are answered (or marked completed).
        left: The other steps.
        home_possible: Something is left (a step or a document) and every step left
            may be done at home (channel ``web``).
        to_bring: Documents it asks for that are not in hand (``document_in_hand``);
            none once it is submitted.
        submitted: The service was submitted.
    """

    service: Service
    done: tuple[Step, ...]
    left: tuple[Step, ...]
    home_possible: bool
    to_bring: tuple[Document, ...]
    submitted: bool

    @property
    def steps_complete(self) -> bool:
        """All steps are done (documents may still be missing)."""
        return not self.left

    @property
    def complete(self) -> bool:
        """All steps are done and every document it asks for is in hand."""
        return not self.left and not self.to_bring


def answered(state: JourneyState, key: str) -> bool:
    """Whether a field has a settled, non-empty answer."""
    answer = state.answers.get(key)
    return answer is not None and not answer.in_conflict and _filled(answer.value)


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def step_done(state: JourneyState, service: Service, step: Step) -> bool:
    """A step is done when marked completed or when every required field is answered.

    A step that asks nothing (attending a medical board, biometrics, a signature)
    is done only when marked completed: by the mediator, where it happens.
    """
    if not step.fields:
        return (service.id, step.id) in state.steps_done
    if (service.id, step.id) in state.steps_done:
        return all(
            not state.answers.get(k) or not state.answers[k].in_conflict for k in step.fields
        )
    return all(answered(state, key) for key in step.fields if step.is_required(key))


def document_in_hand(
    state: JourneyState, catalogue: Catalogue, service: Service, document_id: str
) -> bool:
    """Whether a document the service asks for is in hand: checked as shown at a
    counter (``document.checked`` with ``ok``), uploaded (``document.uploaded``: a
    document serves every service of the journey that asks for it), or answered in
    one of the service's document fields as checked or with a file."""
    if state.documents_checked.get(document_id, False):
        return True
    if document_id in state.documents_uploaded:
        return True
    for step in service.steps:
        for key in step.fields:
            field = catalogue.fields.get(key)
            if field is None or field.type != "document" or field.document != document_id:
                continue
            answer = state.answers.get(key)
            if answer is None or answer.in_conflict or not isinstance(answer.value, dict):
                continue
            if answer.value.get("checked") or answer.value.get("filename"):
                return True
    return False


def service_progress(
    state: JourneyState, catalogue: Catalogue, service: Service
) -> ServiceProgress:
    """Where one service of the journey stands."""
    done = tuple(s for s in service.steps if step_done(state, service, s))
    left = tuple(s for s in service.steps if s not in done)
    submitted = service.id in state.submitted
    # A submitted service went with its documents: nothing is to be brought any more.
    to_bring = (
        ()
        if submitted
        else tuple(
            catalogue.documents[d]
            for d in service.documents
            if d in catalogue.documents and not document_in_hand(state, catalogue, service, d)
        )
    )
    return ServiceProgress(
        service=service,
        done=done,
        left=left,
        home_possible=bool(left or to_bring) and all(s.allows(HOME_CHANNEL) for s in left),
        to_bring=to_bring,
        submitted=submitted,
    )


def journey_progress(state: JourneyState, catalogue: Catalogue) -> list[ServiceProgress]:
    """Where each of the journey's services stands, in the order they were added.

    Services the catalogue no longer knows are left out (a journey outlives a
    catalogue update).
    """
    return [
        service_progress(state, catalogue, catalogue.services[service_id])
        for service_id in state.services
        if service_id in catalogue.services
    ]


def continues_at_home(state: JourneyState, progress: ServiceProgress) -> bool:
    """Whether the citizen can finish this service at home: it is not submitted,
    something is left (a step or a document), every step left may be done there, and
    the citizen agreed to the link home (without it no visit at home begins, so
    "continue at home" would not be true)."""
    return not progress.submitted and progress.home_possible and allows_handoff(state)


def anything_at_home(state: JourneyState, catalogue: Catalogue) -> bool:
    """Whether the citizen can do something of the journey at home: with the link home
    agreed to, a step left of a service not yet submitted that is allowed at home, or
    a document to upload."""
    if not allows_handoff(state):
        return False
    for progress in journey_progress(state, catalogue):
        if progress.submitted:
            continue
        if steps_for_channel(progress, HOME_CHANNEL):
            return True
        if not progress.complete and uploads_at_home(state, catalogue, progress.service):
            return True
    return False


def steps_for_channel(progress: ServiceProgress, channel: Channel) -> tuple[Step, ...]:
    """The steps left of a service that can be done on ``channel`` (``web``: at home)."""
    return tuple(step for step in progress.left if step.allows(channel))


def step_asking_for(catalogue: Catalogue, service: Service, document_id: str) -> Step | None:
    """The first step of a service allowed at home whose document field asks for
    ``document_id`` (the citizen uploads that one in the step's form)."""
    for step in service.steps:
        if not step.allows(HOME_CHANNEL):
            continue
        for key in step.fields:
            field = catalogue.fields.get(key)
            if field is not None and field.type == "document" and field.document == document_id:
                return step
    return None


def uploads_at_home(
    state: JourneyState, catalogue: Catalogue, service: Service
) -> tuple[Document, ...]:
    """The documents of a service the citizen may upload on its own (not in a step's form).

    Those the service asks for (``Service.documents``) that no step allowed at home
    asks for in a document field, that a counter has not already seen, while the
    service is the journey's and not yet sent.
    """
    if service.id not in state.services or service.id in state.submitted:
        return ()
    return tuple(
        catalogue.documents[d]
        for d in service.documents
        if d in catalogue.documents
        and not state.documents_checked.get(d, False)
        and step_asking_for(catalogue, service, d) is None
    )
