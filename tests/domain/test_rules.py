"""The rules every channel applies: progress, step completion, ready to submit, consent."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.domain import consent
from sync.domain.drafts import answer_recorded, fold_after
from sync.domain.events import Event
from sync.domain.fold import JourneyState, fold
from sync.domain.progress import (
    journey_progress,
    service_progress,
    step_asking_for,
    steps_for_channel,
    uploads_at_home,
)
from sync.domain.rules import (
    ready_to_submit,
    steps_completed_by,
    steps_now_complete,
    waiting_for_documents,
)
from tests.domain.factory import SimDevice

DEMO = Path(__file__).resolve().parents[2] / "fixtures" / "catalogue"
CERT = "civil-registry.certificate"  # one step, allowed on web; two optional fields
ID_CARD = "civil-registry.id-card"  # two steps; needs an id card and a proof of address
BIRTH = "civil-registry.birth-registration"  # parents (counter, van), then child (web too)


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(DEMO)


def journey(
    *services: str, answers: dict[str, object] | None = None
) -> tuple[SimDevice, list[Event]]:
    counter = SimDevice("dev-1")
    events = [counter.start()]
    events += [counter.event("service.added", {"service": s}) for s in services]
    for key, value in (answers or {}).items():
        events.append(counter.answer(key, value))
    return counter, events


def state_of(device: SimDevice, events: list[Event]) -> JourneyState:
    return fold(device.journey_id, events)


CERT_ANSWERS = {
    "citizen.name": "Maria Silva",
    "citizen.national_number": "123456789",
    "civil.certificate_kind": "birth",
    "civil.certificate_format": "digital",
}


def test_a_step_is_complete_once_its_required_answers_are_in(catalogue: Catalogue) -> None:
    device, events = journey(CERT, answers=dict(list(CERT_ANSWERS.items())[:3]))
    assert steps_now_complete(state_of(device, events), catalogue) == []
    events.append(device.answer("civil.certificate_format", "digital"))
    assert steps_now_complete(state_of(device, events), catalogue) == [(CERT, "request")]
    events.append(device.event("step.completed", {"service": CERT, "step": "request"}))
    assert steps_now_complete(state_of(device, events), catalogue) == []


def test_only_complete_services_not_yet_submitted_are_ready(catalogue: Catalogue) -> None:
    device, events = journey(CERT, ID_CARD, answers=CERT_ANSWERS)
    # Its step is answered, but the identity card it asks for was never checked.
    assert ready_to_submit(state_of(device, events), catalogue) == []
    waiting = waiting_for_documents(state_of(device, events), catalogue)
    assert [(s.id, [d.id for d in docs]) for s, docs in waiting] == [(CERT, ["id-card"])]
    events.append(device.event("document.checked", {"document": "id-card", "ok": True}))
    assert ready_to_submit(state_of(device, events), catalogue) == [CERT]
    assert waiting_for_documents(state_of(device, events), catalogue) == []
    events.append(device.event("service.submitted", {"service": CERT}))
    assert ready_to_submit(state_of(device, events), catalogue) == []


def test_a_document_shown_as_missing_keeps_the_service_waiting(catalogue: Catalogue) -> None:
    device, events = journey(CERT, answers=CERT_ANSWERS)
    events.append(device.event("document.checked", {"document": "id-card", "ok": False}))
    progress = service_progress(state_of(device, events), catalogue, catalogue.services[CERT])
    assert progress.steps_complete and not progress.complete
    assert [d.id for d in progress.to_bring] == ["id-card"]


def test_a_document_uploaded_at_home_is_in_hand_for_every_service_asking_for_it(
    catalogue: Catalogue,
) -> None:
    device, events = journey(CERT, ID_CARD, answers=CERT_ANSWERS)
    home = SimDevice("web-1", channel="web", actor="citizen", journey_id=device.journey_id)
    home.receive(events)
    events.append(home.event("document.uploaded", {
        "document": "id-card", "filename": "a1b2.pdf", "sha256": "0" * 64, "size": 10,
        "content_type": "application/pdf", "service": CERT,
    }))  # fmt: skip
    state = state_of(device, events)
    assert ready_to_submit(state, catalogue) == [CERT]
    by_service = {p.service.id: p for p in journey_progress(state, catalogue)}
    # The identity card service still needs its proof of address, not the card.
    assert [d.id for d in by_service[ID_CARD].to_bring] == ["proof-of-address"]


def test_a_document_field_answered_as_checked_puts_the_document_in_hand(
    catalogue: Catalogue,
) -> None:
    device, events = journey(BIRTH)
    birth = catalogue.services[BIRTH]
    before = service_progress(state_of(device, events), catalogue, birth)
    assert {d.id for d in before.to_bring} == {"id-card", "birth-declaration"}
    events.append(
        device.answer("civil.birth_declaration", {"document": "birth-declaration", "checked": True})
    )
    after = service_progress(state_of(device, events), catalogue, birth)
    assert [d.id for d in after.to_bring] == ["id-card"]
    events.append(
        device.answer(
            "civil.birth_declaration",
            {"document": "birth-declaration", "checked": False},
            supersedes=[events[-1].id],
        )
    )
    again = service_progress(state_of(device, events), catalogue, birth)
    assert {d.id for d in again.to_bring} == {"id-card", "birth-declaration"}


def test_documents_alone_left_can_be_sent_from_home(catalogue: Catalogue) -> None:
    device, events = journey(CERT, answers=CERT_ANSWERS)
    progress = service_progress(state_of(device, events), catalogue, catalogue.services[CERT])
    assert progress.steps_complete and progress.home_possible


def test_what_is_left_can_be_done_at_home_only_when_every_step_left_allows_web(
    catalogue: Catalogue,
) -> None:
    device, events = journey(CERT, BIRTH, ID_CARD)
    by_service = {p.service.id: p for p in journey_progress(state_of(device, events), catalogue)}
    assert by_service[CERT].home_possible
    # The parents' step of a birth registration is counter and van only: a visit...
    assert not by_service[BIRTH].home_possible
    # ...though the child's step can still be answered at home.
    assert [s.id for s in steps_for_channel(by_service[BIRTH], "web")] == ["child"]
    assert {d.id for d in by_service[ID_CARD].to_bring} == {"id-card", "proof-of-address"}


def test_a_conflict_keeps_a_step_from_counting_as_done(catalogue: Catalogue) -> None:
    device, events = journey(CERT, answers=CERT_ANSWERS)
    home = SimDevice("web-1", channel="web", actor="citizen", journey_id=device.journey_id)
    home.receive(events[:2])
    events.append(home.answer("civil.certificate_kind", "marriage"))  # saw neither answer
    state = state_of(device, events)
    assert "civil.certificate_kind" in state.conflicts
    service = catalogue.services[CERT]
    assert not service_progress(state, catalogue, service).complete


def test_services_the_catalogue_no_longer_knows_are_left_out(catalogue: Catalogue) -> None:
    device, events = journey("gone.service", CERT)
    assert [p.service.id for p in journey_progress(state_of(device, events), catalogue)] == [CERT]


def test_consent_change_gives_and_withdraws_and_needs_services() -> None:
    wanted = consent.change({"services", "contact"}, {"services", "handoff", "nonsense"})
    assert wanted.given == ("handoff",)
    assert wanted.withdrawn == ("contact",)
    assert wanted.allowed
    refused = consent.change(set(), {"handoff"})
    assert refused.missing == ("services",)
    assert not refused.allowed


def test_what_each_purpose_allows() -> None:
    device, events = journey()
    state = state_of(device, events)
    assert not consent.allows_handoff(state)
    assert not consent.allows_prefill(state)
    events.append(device.event("consent.given", {"purposes": ["services", "handoff"]}))
    state = state_of(device, events)
    assert consent.allows_handoff(state)
    assert not consent.allows_prefill(state)
    assert consent.purposes_of(state) == {"services", "handoff"}
    events.append(device.event("consent.withdrawn", {"purposes": ["handoff"]}))
    assert not consent.allows_handoff(state_of(device, events))


def test_an_answer_brings_the_steps_it_completes_with_it(catalogue: Catalogue) -> None:
    device, events = journey(CERT, answers=dict(list(CERT_ANSWERS.items())[:3]))
    answer = answer_recorded("civil.certificate_format", "digital", service=CERT)
    assert steps_completed_by(
        device.journey_id, events, [answer], catalogue, channel="counter"
    ) == [("step.completed", {"service": CERT, "step": "request"})]
    other = answer_recorded("citizen.phone", "+351912345678")
    assert (
        steps_completed_by(device.journey_id, events, [other], catalogue, channel="counter") == []
    )
    # The state once the draft is written after every event the journey holds.
    state = fold_after(device.journey_id, events, [answer], channel="counter")
    assert state.answers["civil.certificate_format"].value == "digital"
    assert state.event_count == len(events) + 1


def test_a_step_that_asks_nothing_is_done_only_when_marked_completed(
    catalogue: Catalogue,
) -> None:
    counter, events = journey(ID_CARD)  # its biometrics step asks nothing
    service = catalogue.services[ID_CARD]
    before = service_progress(state_of(counter, events), catalogue, service)
    assert "biometrics" in [s.id for s in before.left]
    events.append(counter.event("step.completed", {"service": ID_CARD, "step": "biometrics"}))
    after = service_progress(state_of(counter, events), catalogue, service)
    assert "biometrics" in [s.id for s in after.done]


def test_what_can_be_uploaded_at_home(catalogue: Catalogue) -> None:
    assessment = catalogue.services["health.disability-assessment"]
    # medical-report is asked by the "request" step's document field: uploaded there.
    step = step_asking_for(catalogue, assessment, "medical-report")
    assert step is not None and step.id == "request"
    assert step_asking_for(catalogue, assessment, "id-card") is None
    device, events = journey(assessment.id)
    state = state_of(device, events)
    assert [d.id for d in uploads_at_home(state, catalogue, assessment)] == ["id-card"]
    events.append(device.event("document.checked", {"document": "id-card", "ok": True}))
    assert uploads_at_home(state_of(device, events), catalogue, assessment) == ()
    device, events = journey(assessment.id)
    events.append(device.event("service.submitted", {"service": assessment.id}))
    assert uploads_at_home(state_of(device, events), catalogue, assessment) == ()
    other = catalogue.services["health.home-care"]
    assert uploads_at_home(state_of(device, events), catalogue, other) == ()  # not the journey's
