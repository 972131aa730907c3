"""The envelope is said once: the Event, its JSON and parse_event's keys follow ``FIELDS``."""

from __future__ import annotations

import dataclasses
import re

from sync.domain.envelope import FIELDS, NAMES
from sync.domain.events import Event, parse_event
from tests.domain.factory import SimDevice


def test_the_event_has_the_envelopes_fields_in_its_order() -> None:
    assert tuple(f.name for f in dataclasses.fields(Event)) == NAMES
    assert NAMES[-1] == "data"  # the stores' row builders take every other field as it is


def test_an_events_json_has_the_envelopes_keys_in_its_order() -> None:
    event = SimDevice("van-1", channel="van").event("note.added")
    assert tuple(event.to_dict()) == NAMES
    assert parse_event(event.to_dict()) == event


def test_each_field_is_of_its_kind() -> None:
    event = SimDevice("van-1", channel="van").event("note.added").to_dict()
    for field in FIELDS:
        assert type(event[field.name]) is field.kind, field.name


def test_every_pattern_compiles_and_matches_a_real_event() -> None:
    event = SimDevice("van-1", channel="van").event("note.added").to_dict()
    for field in FIELDS:
        if field.pattern is not None:
            assert re.fullmatch(field.pattern, event[field.name], re.ASCII), field.name
