"""The identity as a domain value, and the events identifying a citizen writes."""

from __future__ import annotations

import pytest

from sync.domain.events import check_data
from sync.domain.fold import fold
from sync.domain.identity import CARD_FIELDS, Identity, identification
from tests.domain.factory import SimDevice

CARD = Identity(
    name="Maria Silva",
    birth_date="1980-02-29",
    national_number="123456789",
    nationality="PRT",
    address={"street": "Rua Nova 1", "postal_code": "1000-001", "municipality": "Lisboa"},
    card_number="C-1",
    method="card",
    read_from="reader · demo",
)


def test_a_card_on_a_new_journey_writes_the_identification_and_every_card_answer() -> None:
    drafts = identification(CARD)
    assert drafts[0] == (
        "citizen.identified",
        {
            "method": "card",
            "name": "Maria Silva",
            "birth_date": "1980-02-29",
            "national_number": "123456789",
            "card_number": "C-1",
            "nationality": "PRT",
        },
    )
    answers = [data for kind, data in drafts[1:] if kind == "answer.recorded"]
    assert [a["field"] for a in answers] == list(CARD_FIELDS)
    assert {a["source"] for a in answers} == {"card"}
    assert all(a["supersedes"] == [] for a in answers)
    for kind, data in drafts:
        check_data(kind, data)


def test_a_typed_identity_leaves_out_what_was_not_typed() -> None:
    typed = Identity(name="Rui Costa", birth_date="1975-05-05")
    answer = {"source": "typed", "supersedes": []}
    assert identification(typed) == [
        (
            "citizen.identified",
            {"method": "manual", "name": "Rui Costa", "birth_date": "1975-05-05"},
        ),
        ("answer.recorded", {"field": "citizen.name", "value": "Rui Costa", **answer}),
        ("answer.recorded", {"field": "citizen.birth_date", "value": "1975-05-05", **answer}),
    ]


def test_only_answers_the_journey_does_not_hold_settled_are_written() -> None:
    counter = SimDevice("dev-1")
    home = SimDevice("web-1", channel="web", actor="citizen", journey_id=counter.journey_id)
    events = [counter.start(), counter.answer("citizen.name", "Maria Silva")]
    events.append(counter.answer("citizen.birth_date", "1980-01-01"))
    home.receive(events)
    # Two writes of the nationality that did not see each other: in conflict.
    events += [
        counter.answer("citizen.nationality", "PRT"),
        home.answer("citizen.nationality", "ESP"),
    ]
    state = fold(counter.journey_id, events)
    assert state.answers["citizen.nationality"].in_conflict
    drafts = identification(CARD, state)
    written = {data["field"]: data for kind, data in drafts if kind == "answer.recorded"}
    assert "citizen.name" not in written  # held, settled, the same
    birth = state.answers["citizen.birth_date"]
    assert written["citizen.birth_date"]["supersedes"] == [birth.current.event_id]
    assert sorted(written["citizen.nationality"]["supersedes"]) == sorted(
        h.event_id for h in state.answers["citizen.nationality"].heads
    )
    assert set(written) == set(CARD_FIELDS) - {"citizen.name"}


YEAR_ONLY = Identity(
    name="Amina Sesay",
    birth_date="",
    national_number="79000014856",
    nationality="Sierra-léonaise",
    address={"street": "Rue de Brabant 77", "postal_code": "1030", "municipality": "Schaerbeek"},
    card_number="592173604823",
    method="card",
    read_from="reader · belpic-1.7",
    birth_date_partial="1979",
)


def test_a_card_with_only_the_year_of_birth_identifies_nobody_until_the_date_is_complete() -> None:
    assert YEAR_ONLY.needs_birth_date and not CARD.needs_birth_date
    with pytest.raises(ValueError, match="incomplete"):
        identification(YEAR_ONLY)
    drafts = identification(YEAR_ONLY.with_birth_date("1979-05-12"))
    assert drafts[0] == (
        "citizen.identified",
        {
            "method": "card",
            "name": "Amina Sesay",
            "birth_date": "1979-05-12",
            "national_number": "79000014856",
            "card_number": "592173604823",
            "nationality": "Sierra-léonaise",
        },
    )
    sources = {data["field"]: data["source"] for kind, data in drafts if kind == "answer.recorded"}
    assert sources == {
        "citizen.name": "card",
        "citizen.birth_date": "typed",  # the card gave only the year; the mediator the rest
        "citizen.national_number": "card",
        "citizen.nationality": "card",
        "address.current": "card",
    }
    for kind, data in drafts:
        check_data(kind, data)


@pytest.mark.parametrize(
    ("partial", "typed", "accepted"),
    [
        ("1979", "1979-05-12", True),
        ("1979", "1980-05-12", False),  # not the card's year
        ("1979", "1979", False),  # still not a full date
        ("1979", "1979-02-30", False),
        ("1979-04", "1979-04-30", True),
        ("1979-04", "1979-05-01", False),
    ],
)
def test_only_a_full_date_within_what_the_card_gives_completes_it(
    partial: str, typed: str, accepted: bool
) -> None:
    identity = Identity(name="A", birth_date="", method="card", birth_date_partial=partial)
    assert identity.accepts_birth_date(typed) is accepted
    if accepted:
        assert identity.with_birth_date(typed).birth_date == typed
        assert not identity.with_birth_date(typed).needs_birth_date
    else:
        with pytest.raises(ValueError):
            identity.with_birth_date(typed)


def test_an_identity_with_a_birth_date_that_is_no_full_date_is_refused() -> None:
    with pytest.raises(ValueError):
        identification(Identity(name="Rui Costa", birth_date="05/05/1975"))
