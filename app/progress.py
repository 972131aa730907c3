"""Where a journey stands per service: steps done and left, what can be done at home."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sync.catalogue.model import Catalogue, Document, Service, Step
from sync.domain.fold import JourneyState


@dataclass(frozen=True, slots=True)
class ServiceProgress:
    """One service of a journey, as the review screen and the receipt show it.

    Attributes:
        service: The catalogue service.
        done: Steps whose required fields are answered (or marked completed).
        left: The other steps.
        home_possible: Every step left may be done at home (channel ``web``).
        to_bring: Documents not yet checked as shown.
        submitted: The service was submitted.
    """

    service: Service
    done: tuple[Step, ...]
    left: tuple[Step, ...]
    home_possible: bool
    to_bring: tuple[Document, ...]
    submitted: bool

    @property
    def complete(self) -> bool:
        """All steps are done."""
        return not self.left


def answered(state: JourneyState, key: str) -> bool:
    """Whether a field has a settled, non-empty answer."""
    answer = state.answers.get(key)
    return answer is not None and not answer.in_conflict and _filled(answer.value)


def _filled(value: Any) -> bool:
    return value not in (None, "", [], {})


def step_done(state: JourneyState, service: Service, step: Step) -> bool:
    """A step is done when marked completed or when every required field is answered."""
    if (service.id, step.id) in state.steps_done:
        return all(
            not state.answers.get(k) or not state.answers[k].in_conflict for k in step.fields
        )
    return all(answered(state, key) for key in step.fields if step.is_required(key))


def service_progress(
    state: JourneyState, catalogue: Catalogue, service: Service
) -> ServiceProgress:
    """Where one service of the journey stands."""
    done = tuple(s for s in service.steps if step_done(state, service, s))
    left = tuple(s for s in service.steps if s not in done)
    to_bring = tuple(
        catalogue.documents[d]
        for d in service.documents
        if d in catalogue.documents and not state.documents_checked.get(d, False)
    )
    return ServiceProgress(
        service=service,
        done=done,
        left=left,
        home_possible=bool(left) and all(s.allows("web") for s in left),
        to_bring=to_bring,
        submitted=service.id in state.submitted,
    )
