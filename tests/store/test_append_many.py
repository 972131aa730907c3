"""One user action, one transaction: ``LocalStore.append_many`` over a real SQLite file."""

from __future__ import annotations

import pytest

from sync.domain.drafts import Draft
from sync.errors import InvalidEvent, StoreError
from sync.store.store import LocalStore, NewJourney

OP = {"channel": "counter", "actor": "operator:demo"}
IDENTIFIED: Draft = (
    "citizen.identified",
    {"method": "card", "name": "Ana Sousa", "birth_date": "1990-01-02"},
)
ANSWERS: list[Draft] = [
    ("answer.recorded", {"field": k, "value": v, "source": "card", "supersedes": []})
    for k, v in [("citizen.name", "Ana Sousa"), ("citizen.birth_date", "1990-01-02")]
]


def statements(store: LocalStore) -> list[str]:
    """Every SQL statement the store's connection runs from now on."""
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    return seen


def test_a_journey_started_with_its_events_is_one_transaction(store: LocalStore) -> None:
    store.append(
        store.start_journey(language="pt", **OP).journey_id,
        "note.added",
        {"text": "an earlier journey"},
        **OP,
    )
    seen = statements(store)
    events = store.append_many(NewJourney("en"), [IDENTIFIED, *ANSWERS], **OP)
    assert seen.count("BEGIN IMMEDIATE") == 1
    assert seen.count("COMMIT") == 1
    assert [e.type for e in events] == [
        "journey.started",
        "citizen.identified",
        "answer.recorded",
        "answer.recorded",
    ]
    assert len({e.journey_id for e in events}) == 1
    assert [e.seq for e in events] == [3, 4, 5, 6]
    assert [e.hlc for e in events] == sorted({e.hlc for e in events})
    assert store.events_of(events[0].journey_id) == events
    assert store.backlog() == 6


def test_the_projection_sees_every_event_of_the_action(store: LocalStore) -> None:
    events = store.append_many(
        NewJourney("en"), [IDENTIFIED, ("service.added", {"service": "tax.x"})], **OP
    )
    row = store.find_by_ref(events[0].data["ref"])
    assert row is not None
    assert (row.journey_id, row.language, row.citizen_name) == (
        events[0].journey_id,
        "en",
        "Ana Sousa",
    )
    assert (row.event_count, row.service_count) == (3, 1)
    assert [r.journey_id for r in store.search("ana")] == [row.journey_id]


def test_a_revoke_and_an_issue_are_indexed_together(store: LocalStore) -> None:
    jid = store.start_journey(language="pt", **OP).journey_id
    store.append(
        jid,
        "handoff.issued",
        {"handoff_id": "h1", "token_hash": "a" * 64, "expires": "2030-01-01"},
        **OP,
    )
    store.append_many(
        jid,
        [
            ("handoff.revoked", {"handoff_id": "h1", "reason": "reissued"}),
            (
                "handoff.issued",
                {"handoff_id": "h2", "token_hash": "b" * 64, "expires": "2030-01-01"},
            ),
        ],
        **OP,
    )
    state = store.journey(jid)
    assert state.active_handoff is not None and state.active_handoff.handoff_id == "h2"
    found = store.find_by_token_hash("b" * 64)
    assert found is not None and found.journey_id == jid


def test_one_invalid_draft_writes_none_of_them(store: LocalStore) -> None:
    jid = store.start_journey(language="pt", **OP).journey_id
    with pytest.raises(InvalidEvent, match="score"):
        store.append_many(jid, [IDENTIFIED, ("feedback.given", {"score": 9})], **OP)
    with pytest.raises(InvalidEvent):
        store.append_many(NewJourney("pt"), [("note.added", {})], **OP)
    assert store.count_events() == 1
    assert len(store.journeys()) == 1
    assert store.append(jid, "note.added", {"text": "next"}, **OP).seq == 2


def test_a_write_refused_half_way_leaves_nothing_and_no_gap(store: LocalStore) -> None:
    jid = store.start_journey(language="pt", **OP).journey_id
    # The disk refuses the third event of the action, after two were inserted.
    store.conn.execute(
        "CREATE TEMP TRIGGER refuse BEFORE INSERT ON main.events "
        "WHEN NEW.data ->> '$.text' = 'refused' BEGIN SELECT RAISE(ABORT, 'refused'); END"
    )
    notes: list[Draft] = [("note.added", {"text": t}) for t in ("one", "two", "refused")]
    with pytest.raises(StoreError):
        store.append_many(jid, notes, **OP)
    with pytest.raises(StoreError):
        store.append_many(NewJourney("pt"), notes, **OP)
    assert store.count_events() == 1
    assert store.journey(jid).event_count == 1
    assert len(store.journeys()) == 1
    store.conn.execute("DROP TRIGGER refuse")
    assert [e.seq for e in store.append_many(jid, notes[:2], **OP)] == [2, 3]


def test_nothing_to_write_writes_nothing(store: LocalStore) -> None:
    jid = store.start_journey(language="pt", **OP).journey_id
    seen = statements(store)
    assert store.append_many(jid, [], **OP) == []
    assert seen == []


def test_append_and_start_journey_are_actions_of_one_event(store: LocalStore) -> None:
    started = store.start_journey(language="es", **OP)
    note = store.append(started.journey_id, "note.added", {"text": "x"}, **OP)
    assert (started.type, started.seq, note.seq) == ("journey.started", 1, 2)
    assert started.data["language"] == "es"
    row = store.find_by_ref(started.data["ref"])
    assert row is not None and row.journey_id == started.journey_id
