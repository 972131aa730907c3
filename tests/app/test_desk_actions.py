"""One user action, one transaction: the desk's identify, reprint and answer write all or none."""

from __future__ import annotations

from app.card_identity import identity_from_card
from app.desk import Desk
from devices.cards.simulated import SimulatedCardReader
from sync.domain.identity import CARD_FIELDS, Identity
from sync.store.operators import get_operator
from tests.app.conftest import SS_MOVE, AppFactory, seed_journey


def signed_in(make_app: AppFactory) -> tuple[Desk, str]:
    """The demo operator at the desk, with a journey of two address changes half answered."""
    app = make_app()
    journey_id = seed_journey(app)
    app.desk.operator = get_operator(app.desk.store, "demo")
    return app.desk, journey_id


def transactions(desk: Desk) -> list[str]:
    """The transactions the desk's store begins from now on."""
    begun: list[str] = []
    desk.store.conn.set_trace_callback(
        lambda sql: begun.append(sql) if sql.startswith("BEGIN") else None
    )
    return begun


def card() -> Identity:
    reader = SimulatedCardReader()
    reader.insert("marie-peeters")
    return identity_from_card(reader.read(), reader.reader_name)


def test_starting_with_a_card_is_one_transaction(make_app: AppFactory) -> None:
    desk, _ = signed_in(make_app)
    begun = transactions(desk)
    journey_id = desk.start_with_identity(card(), "pt")
    assert len(begun) == 1
    events = desk.events(journey_id)
    assert [e.type for e in events[:2]] == ["journey.started", "citizen.identified"]
    assert [e.data["field"] for e in events[2:]] == list(CARD_FIELDS)
    assert {e.data["source"] for e in events[2:]} == {"card"}


def test_identifying_again_writes_what_differs_in_one_transaction(make_app: AppFactory) -> None:
    desk, journey_id = signed_in(make_app)
    before = desk.journey(journey_id)
    typed = Identity(name="Marie Peeters-Silva", birth_date=card().birth_date)
    begun = transactions(desk)
    desk.identify(journey_id, typed)
    assert len(begun) == 1
    new = desk.events(journey_id)[before.event_count :]
    assert [e.type for e in new] == ["citizen.identified", "answer.recorded"]
    assert new[1].data["supersedes"] == [before.answers["citizen.name"].current.event_id]
    assert desk.journey(journey_id).citizen.name == "Marie Peeters-Silva"  # type: ignore[union-attr]


def test_a_reprint_revokes_and_issues_in_one_transaction(make_app: AppFactory) -> None:
    desk, journey_id = signed_in(make_app)
    first = desk.issue_handoff(journey_id)
    begun = transactions(desk)
    second = desk.issue_handoff(journey_id)
    assert len(begun) == 1
    revoke, issue = desk.events(journey_id)[-2:]
    assert (revoke.type, revoke.data["handoff_id"]) == ("handoff.revoked", first.handoff_id)
    assert (issue.type, issue.data["handoff_id"]) == ("handoff.issued", second.handoff_id)


def test_an_answer_and_the_step_it_completes_are_one_transaction(make_app: AppFactory) -> None:
    desk, journey_id = signed_in(make_app)
    assert (SS_MOVE, "new-address") not in desk.journey(journey_id).steps_done
    begun = transactions(desk)
    answer = desk.record_answer(
        journey_id, "address.move_date", "2026-11-20", service=SS_MOVE, complete_steps=True
    )
    assert len(begun) == 1
    events = desk.events(journey_id)
    assert events[-2] == answer
    last = events[-1]
    assert (last.type, dict(last.data)) == (
        "step.completed",
        {"service": SS_MOVE, "step": "new-address"},
    )
    assert (last.seq, last.hlc > answer.hlc) == (answer.seq + 1, True)


def test_an_answer_that_completes_no_step_is_written_alone(make_app: AppFactory) -> None:
    desk, journey_id = signed_in(make_app)
    count = desk.journey(journey_id).event_count
    desk.record_answer(journey_id, "ss.number", "10987654321", service=SS_MOVE, complete_steps=True)
    desk.record_answer(journey_id, "address.move_date", "2026-11-20", service=SS_MOVE)
    assert [e.type for e in desk.events(journey_id)[count:]] == ["answer.recorded"] * 2
