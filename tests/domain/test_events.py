"""parse_event, the one door from JSON into an Event: what it lets in and what it names."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.domain.events import DATA_SPECS, EVENT_TYPES, MAX_DATA_BYTES, check_data, parse_event
from sync.errors import InvalidEvent
from tests.domain.factory import SAMPLE_DATA, SimDevice

ENVELOPE = ("id", "journey_id", "type", "hlc", "wall", "device_id", "seq", "channel",
            "site_id", "actor", "data")  # fmt: skip


def _raw(event_type: str = "answer.recorded", **data_changes: Any) -> dict[str, Any]:
    raw = SimDevice("van-1", channel="van").event_dict(event_type)
    raw["data"].update(data_changes)
    return raw


def _refused(raw: Any) -> str:
    with pytest.raises(InvalidEvent) as caught:
        parse_event(raw)
    return str(caught.value)


def test_sample_data_covers_every_type_and_every_spec() -> None:
    assert set(SAMPLE_DATA) == EVENT_TYPES == set(DATA_SPECS)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_type_round_trips_through_json(event_type: str) -> None:
    device = SimDevice("van-1", channel="van", site_id="van.north", actor="operator:ana")
    event = device.event(event_type)  # type: ignore[arg-type]
    as_json = json.dumps(event.to_dict())
    again = parse_event(json.loads(as_json))
    assert again == event
    assert again.to_dict() == event.to_dict()
    assert list(event.to_dict()) == list(ENVELOPE)
    assert json.loads(event.data_json()) == event.data
    assert event.timestamp.encode() == event.hlc


def test_a_device_numbers_its_events_without_gaps() -> None:
    device = SimDevice("kiosk-7", channel="kiosk", actor="citizen")
    events = [device.event("note.added", {"text": str(i)}) for i in range(5)]
    assert [e.seq for e in events] == [1, 2, 3, 4, 5]
    assert [e.hlc for e in events] == sorted(e.hlc for e in events)
    assert len({e.id for e in events}) == 5


SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.text(max_size=20)
    | st.floats(allow_nan=False, allow_infinity=False)
)
JSONISH = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(JSONISH, st.sampled_from(["counter", "van", "kiosk", "web", "backoffice"]))
def test_any_json_answer_round_trips(value: Any, channel: str) -> None:
    device = SimDevice("dev-1", channel=channel)  # type: ignore[arg-type]
    event = device.answer("household.members", value)
    assert parse_event(json.loads(json.dumps(event.to_dict()))) == event


# Each case: what to change in a valid answer.recorded event, and what the message names.
ENVELOPE_CASES: list[tuple[str, dict[str, Any], str]] = [
    ("unknown type", {"type": "journey.teleported"}, "'journey.teleported'"),
    ("type not a string", {"type": 3}, "'type'"),
    ("extra key", {"colour": "blue"}, "'colour'"),
    ("wrong type", {"seq": "1"}, "'seq'"),
    ("bool for int", {"seq": True}, "'seq'"),
    ("float for int", {"seq": 1.0}, "'seq'"),
    ("seq 0", {"seq": 0}, "'seq'"),
    ("negative seq", {"seq": -4}, "'seq'"),
    ("bad uuid", {"id": "not-a-uuid"}, "'id'"),
    ("upper-case uuid", {"id": "0190A6B2-0000-7000-8000-000000000000"}, "'id'"),
    ("bad journey uuid", {"journey_id": "1234"}, "'journey_id'"),
    ("bad hlc", {"hlc": "yesterday"}, "hlc"),
    ("hlc without device", {"hlc": "000000000001.0000."}, "hlc"),
    ("bad wall time", {"wall": "2026-11-23 09:30:00"}, "'wall'"),
    ("wall not in UTC", {"wall": "2026-11-23T09:30:00+01:00"}, "'wall'"),
    ("unknown channel", {"channel": "pigeon"}, "channel 'pigeon'"),
    ("bad actor", {"actor": "operator:"}, "'actor'"),
    ("unknown actor kind", {"actor": "robot"}, "'actor'"),
    ("bad device id", {"device_id": "-van"}, "'device_id'"),
    ("bad site id", {"site_id": ""}, "'site_id'"),
    ("data not an object", {"data": ["field"]}, "'data'"),
]


@pytest.mark.parametrize(
    ("change", "names"), [c[1:] for c in ENVELOPE_CASES], ids=[c[0] for c in ENVELOPE_CASES]
)
def test_a_broken_envelope_is_refused_naming_the_key(change: dict[str, Any], names: str) -> None:
    raw = _raw()
    raw.update(change)
    assert names in _refused(raw)


@pytest.mark.parametrize("key", ENVELOPE)
def test_a_missing_envelope_key_is_named(key: str) -> None:
    raw = _raw()
    del raw[key]
    assert repr(key) in _refused(raw)


def test_something_other_than_an_object_is_refused() -> None:
    assert "JSON object" in _refused(["not", "an", "event"])


DATA_CASES: list[tuple[str, str, dict[str, Any], str]] = [
    ("missing required key", "answer.recorded", {"field": None}, "'field'"),
    ("extra key", "answer.recorded", {"colour": "blue"}, "'colour'"),
    ("wrong value type", "note.added", {"text": 3}, "'text'"),
    ("bool for int", "document.uploaded", {"size": True}, "'size'"),
    ("int for bool", "document.checked", {"ok": 1}, "'ok'"),
    ("feedback score 6", "feedback.given", {"score": 6}, "'score'"),
    ("feedback score 0", "feedback.given", {"score": 0}, "'score'"),
    ("bad reference", "journey.started", {"ref": "K7Q-4M2-XP"}, "'ref'"),
    ("mistyped reference", "journey.linked", {"ref": "000000001"}, "'ref'"),
    ("unknown language", "journey.started", {"language": "fr"}, "'language'"),
    ("unknown method", "citizen.identified", {"method": "guess"}, "'method'"),
    ("year-only birth date", "citizen.identified", {"birth_date": "1979"}, "'birth_date'"),
    ("no such day of birth", "citizen.identified", {"birth_date": "1979-02-30"}, "'birth_date'"),
    ("birth date in words", "citizen.identified", {"birth_date": "7 March"}, "'birth_date'"),
    ("unknown source", "answer.recorded", {"source": "rumour"}, "'source'"),
    ("supersedes not ids", "answer.recorded", {"supersedes": ["a"]}, "'supersedes'"),
    ("supersedes not a list", "answer.recorded", {"supersedes": "x"}, "'supersedes'"),
    ("purposes not ids", "consent.given", {"purposes": ["a b"]}, "'purposes'"),
    ("nan value", "answer.recorded", {"value": float("nan")}, "not plain JSON"),
    ("infinite value", "answer.recorded", {"value": [float("inf")]}, "not plain JSON"),
    ("a set inside a value", "answer.recorded", {"value": {"a": {1}}}, "not plain JSON"),
    ("oversized", "note.added", {"text": "x" * MAX_DATA_BYTES}, "bytes; at most"),
]


@pytest.mark.parametrize(
    ("event_type", "change", "names"), [c[1:] for c in DATA_CASES], ids=[c[0] for c in DATA_CASES]
)
def test_broken_data_is_refused_naming_the_key(
    event_type: str, change: dict[str, Any], names: str
) -> None:
    raw = _raw(event_type)
    for key, value in change.items():
        if value is None:
            del raw["data"][key]
        else:
            raw["data"][key] = value
    message = _refused(raw)
    assert names in message
    assert event_type in message


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_required_data_key_is_required(event_type: str) -> None:
    for key, (_, required) in DATA_SPECS[event_type].items():
        data = dict(SAMPLE_DATA[event_type])
        data.pop(key, None)
        if required:
            with pytest.raises(InvalidEvent, match=repr(key)):
                check_data(event_type, data)
        else:
            check_data(event_type, data)


def test_data_just_under_the_limit_is_accepted() -> None:
    overhead = len(json.dumps({"text": ""}))
    check_data("note.added", {"text": "x" * (MAX_DATA_BYTES - overhead)})
    with pytest.raises(InvalidEvent, match="bytes"):
        check_data("note.added", {"text": "x" * (MAX_DATA_BYTES - overhead + 1)})


def test_the_size_limit_counts_utf8_bytes() -> None:
    overhead = len(json.dumps({"text": ""}))
    with pytest.raises(InvalidEvent, match="bytes"):
        check_data("note.added", {"text": "ã" * ((MAX_DATA_BYTES - overhead) // 2 + 1)})
