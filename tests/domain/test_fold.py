"""The fold: a journey's state from its events, field by field, and answer conflicts."""

from __future__ import annotations

from sync.domain.events import Event
from sync.domain.fold import Handoff, JourneyState, fold, order
from tests.domain.factory import SAMPLE_REF, SimDevice, new_journey_id, wall_of

JOURNEY = new_journey_id("fold")
FIELD = "address.new"
BORN = "1990-01-01"


def _device(name: str, **kwargs: object) -> SimDevice:
    return SimDevice(name, journey_id=JOURNEY, **kwargs)  # type: ignore[arg-type]


def _state(*events: Event) -> JourneyState:
    return fold(JOURNEY, events)


def test_an_empty_log_is_an_empty_journey() -> None:
    state = _state()
    assert state.journey_id == JOURNEY
    assert state.ref is None
    assert state.event_count == 0
    assert state.answers == {}
    assert state.conflicts == ()
    assert state.active_handoff is None
    assert state.status_of("anything") is None


def test_the_first_start_by_clock_gives_the_reference_and_language() -> None:
    counter = _device("counter-1")
    first = counter.start(SAMPLE_REF, "en")
    later = counter.start(language="es")
    state = _state(later, first)
    assert (state.ref, state.language, state.started_wall) == (SAMPLE_REF, "en", first.wall)
    assert state.event_count == 2
    assert (state.last_hlc, state.last_wall) == (later.hlc, later.wall)


def test_events_of_other_journeys_are_ignored() -> None:
    ours = _device("counter-1")
    theirs = SimDevice("counter-2", journey_id=new_journey_id("other"))
    state = _state(ours.start(), theirs.start(), theirs.event("note.added"))
    assert state.event_count == 1
    assert state.notes == ()


def test_the_same_event_twice_counts_once() -> None:
    counter = _device("counter-1")
    note = counter.event("note.added", {"text": "once"})
    assert _state(note, note, note).notes == ("once",)
    assert order([note, note]) == [note]


def test_services_consents_steps_and_submissions() -> None:
    d = _device("counter-1")
    state = _state(
        d.event("service.added", {"service": "tax.address"}),
        d.event("service.added", {"service": "civil.address"}),
        d.event("service.added", {"service": "tax.address"}),
        d.event("service.added", {"service": "health.card"}),
        d.event("service.removed", {"service": "civil.address"}),
        d.event("service.removed", {"service": "never.added"}),
        d.event("consent.given", {"purposes": ["prefill", "contact", "survey"]}),
        d.event("consent.withdrawn", {"purposes": ["contact", "unknown"]}),
        d.event("step.completed", {"service": "tax.address", "step": "details"}),
        d.event("step.completed", {"service": "tax.address", "step": "details"}),
        d.event("service.submitted", {"service": "tax.address"}),
    )
    assert state.services == ("tax.address", "health.card")
    assert state.consents == {"prefill", "survey"}
    assert state.steps_done == {("tax.address", "details")}
    assert state.submitted == {"tax.address"}


def test_citizen_documents_notes_feedback_and_counters() -> None:
    d = _device("kiosk-1", channel="kiosk", actor="citizen")
    uploaded = {
        "document": "lease",
        "filename": "lease.pdf",
        "sha256": "a" * 64,
        "size": 10,
        "content_type": "application/pdf",
    }
    state = _state(
        d.event("citizen.identified", {"method": "manual", "name": "Ana", "birth_date": BORN}),
        d.event(
            "citizen.identified",
            {"method": "card", "name": "Ana Sousa", "birth_date": BORN, "nationality": "PT"},
        ),
        d.event("document.checked", {"document": "id-card", "ok": False}),
        d.event("document.checked", {"document": "id-card", "ok": True}),
        d.event("document.uploaded", uploaded),
        d.event("note.added", {"text": "first"}),
        d.event("note.added", {"text": "second"}),
        d.event("feedback.given", {"score": 4}),
        d.event("feedback.given", {"score": 5, "comment": "better"}),
        d.event("assistance.requested", {}),
        d.event("receipt.printed"),
        d.event("receipt.printed"),
        d.event("journey.linked", {"ref": SAMPLE_REF}),
        d.event("journey.linked", {"ref": SAMPLE_REF}),
        d.event("reminder.scheduled"),
        d.event("journey.closed", {"reason": "resolved"}),
    )  # fmt: skip
    assert state.citizen is not None
    assert (state.citizen.name, state.citizen.method) == ("Ana Sousa", "card")
    assert (state.citizen.nationality, state.citizen.national_number) == ("PT", None)
    assert state.documents_checked == {"id-card": True}
    assert state.documents_uploaded == {"lease": uploaded}
    assert state.notes == ("first", "second")
    assert state.feedback == ((4, ""), (5, "better"))
    assert (state.assistance_requests, state.receipts) == (1, 2)
    assert state.linked_refs == (SAMPLE_REF,)
    assert state.closed == "resolved"


def test_statuses_keep_their_history_and_the_latest_per_service() -> None:
    agency = _device("central", channel="backoffice", actor="agency:tax")
    first = agency.event("status.changed", {"service": "tax.address", "status": "received"})
    other = agency.event("status.changed", {"service": "health.card", "status": "received"})
    last = agency.event(
        "status.changed", {"service": "tax.address", "status": "done", "message": "ok"}
    )
    state = _state(last, other, first)
    assert [s.status for s in state.statuses] == ["received", "received", "done"]
    latest = state.status_of("tax.address")
    assert latest is not None
    assert (latest.status, latest.message, latest.wall, latest.actor) == (
        "done",
        "ok",
        last.wall,
        "agency:tax",
    )


def test_handoffs_issued_redeemed_and_revoked() -> None:
    d = _device("counter-1")
    old = d.event("handoff.issued", {"handoff_id": "h1", "token_hash": "1" * 64, "expires": "x"})
    new = d.event("handoff.issued", {"handoff_id": "h2", "token_hash": "2" * 64, "expires": "y"})
    state = _state(
        old,
        new,
        d.event("handoff.revoked", {"handoff_id": "h1", "reason": "reprint"}),
        d.event("handoff.redeemed", {"handoff_id": "h2"}),
        d.event("handoff.redeemed", {"handoff_id": "unknown"}),
    )
    assert set(state.handoffs) == {"h1", "h2"}
    assert (state.handoffs["h1"].revoked, state.handoffs["h1"].redeemed) == (True, False)
    assert (state.handoffs["h2"].revoked, state.handoffs["h2"].redeemed) == (False, True)
    assert state.handoffs["h2"].issued_hlc == new.hlc
    assert _state(old, new).active_handoff == Handoff("h2", "2" * 64, "y", new.hlc, False, False)
    revoked_both = _state(old, new, d.event("handoff.revoked", {"handoff_id": "h2"}))
    assert revoked_both.active_handoff is not None
    assert revoked_both.active_handoff.handoff_id == "h1"


def test_a_revocation_ordered_before_its_issue_is_ignored() -> None:
    d = _device("counter-1")
    revoke = d.event("handoff.revoked", {"handoff_id": "h1"})
    issue = d.event("handoff.issued", {"handoff_id": "h1", "token_hash": "1" * 64, "expires": "x"})
    assert _state(issue, revoke).handoffs["h1"].revoked is False


def test_visits_group_consecutive_events_by_channel_site_and_device() -> None:
    counter = _device("counter-1", site_id="lisbon")
    home = _device("web-1", channel="web", site_id="web", actor="citizen")
    a = counter.start()
    b = counter.event("service.added")
    home.receive([a, b])
    c = home.answer(FIELD, "Rua 1")
    counter.receive([c])
    d = counter.event("receipt.printed")
    visits = _state(d, c, b, a).visits
    assert [(v.channel, v.site_id, v.device_id, v.events) for v in visits] == [
        ("counter", "lisbon", "counter-1", 2),
        ("web", "web", "web-1", 1),
        ("counter", "lisbon", "counter-1", 1),
    ]
    assert (visits[0].first_wall, visits[0].last_wall) == (a.wall, b.wall)


def test_an_answer_knows_where_it_came_from() -> None:
    counter = _device("counter-1")
    home = _device("web-1", channel="web", actor="citizen")
    van = _device("van-1", channel="van")
    state = _state(
        counter.answer("name", "Ana", source="card"),
        counter.answer("birth", "1990-01-01", source="earlier_journey"),
        counter.answer("phone", "+351", service="tax.address"),
        home.answer("email", "ana@example.org"),
        van.answer("iban", "PT50"),
    )
    answers = state.answers
    assert answers["name"].current.origin() == "card"
    assert answers["name"].current.origin("tax.address") == "card"
    assert answers["birth"].current.origin() == "earlier_journey"
    assert answers["phone"].current.origin() == "counter"
    assert answers["phone"].current.origin("tax.address") == "counter"
    assert answers["phone"].current.origin("health.card") == "other_service"
    assert answers["email"].current.origin() == "home"
    assert answers["iban"].current.origin() == "van"
    assert answers["iban"].current.actor == "operator:op1"
    assert state.conflicts == ()


def test_a_rewrite_that_saw_the_first_write_replaces_it() -> None:
    counter = _device("counter-1")
    home = _device("web-1", channel="web", actor="citizen")
    first = counter.answer(FIELD, "Rua 1")
    home.receive([first])
    second = home.answer(FIELD, "Rua 2", supersedes=[first.id])
    answer = _state(second, first).answers[FIELD]
    assert not answer.in_conflict
    assert answer.value == "Rua 2"
    assert [w.event_id for w in answer.heads] == [second.id]
    assert [w.value for w in answer.history] == ["Rua 1", "Rua 2"]


def test_two_writes_that_did_not_see_each_other_are_a_conflict_keeping_both() -> None:
    van = _device("van-1", channel="van")
    home = _device("web-1", channel="web", actor="citizen")
    base = van.answer(FIELD, "Rua 0")
    home.receive([base])
    on_the_van = van.answer(FIELD, "Rua do Van", supersedes=[base.id])
    at_home = home.answer(FIELD, "Rua de Casa", supersedes=[base.id])
    state = _state(at_home, on_the_van, base)
    answer = state.answers[FIELD]
    assert answer.in_conflict
    assert state.conflicts == (FIELD,)
    assert {w.value for w in answer.heads} == {"Rua do Van", "Rua de Casa"}
    latest = max([on_the_van, at_home], key=lambda e: e.hlc)
    assert answer.value == latest.data["value"]

    # The mediator sees both and settles the field by superseding both heads.
    mediator = _device("counter-1")
    mediator.receive([base, on_the_van, at_home])
    settled = mediator.answer(FIELD, "Rua de Casa", supersedes=[on_the_van.id, at_home.id])
    state = _state(base, on_the_van, at_home, settled)
    assert state.conflicts == ()
    assert not state.answers[FIELD].in_conflict
    assert state.answers[FIELD].current.event_id == settled.id
    assert len(state.answers[FIELD].history) == 4


def test_a_write_superseding_only_one_head_leaves_the_conflict() -> None:
    a, b, c = _device("a"), _device("b"), _device("c")
    wa, wb, wc = a.answer(FIELD, 1), b.answer(FIELD, 2), c.answer(FIELD, 3)
    state = _state(wa, wb, wc)
    assert len(state.answers[FIELD].heads) == 3
    a.receive([wb])
    partial = a.answer(FIELD, 4, supersedes=[wa.id, wb.id])
    state = _state(wa, wb, wc, partial)
    assert {w.value for w in state.answers[FIELD].heads} == {3, 4}
    assert state.conflicts == (FIELD,)


def test_conflicts_are_per_field() -> None:
    a, b = _device("a"), _device("b")
    state = _state(
        a.answer("z.field", 1), b.answer("z.field", 2), a.answer("a.field", 1), a.answer("m", 1)
    )
    assert state.conflicts == ("z.field",)


def test_the_state_compares_equal_for_the_same_log() -> None:
    d = _device("counter-1")
    events = [d.start(), d.answer(FIELD, {"street": "Rua 1", "n": [1, 2]}), d.event("note.added")]
    assert _state(*events) == _state(*reversed(events))
    assert _state(*events) != _state(*events[:2])


def test_wall_of_matches_the_event_format() -> None:
    assert wall_of(0) == "1970-01-01T00:00:00.000Z"
    assert wall_of(1_234) == "1970-01-01T00:00:01.234Z"
