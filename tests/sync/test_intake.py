"""The central store's intake: its shortcut never accepts what ``parse_event`` refuses.

``event_row`` must give, for any pushed value, exactly what ``parse_event`` gives:
the same refusal in the same words, or the same row. Hypothesis breaks one or two
keys of valid events with values chosen to sit on the edges of each pattern
(trailing newlines, Unicode digits, upper-case hex, the separator the shortcut
joins on, booleans for integers, NaN in data, ...).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sync.central.intake import MAX_HLC, data_json, event_row
from sync.central.records import BIGINT_MAX
from sync.domain.events import parse_event
from sync.domain.ids import parse_reference
from sync.errors import InvalidEvent
from tests.sync.factory import Maker

NOW = "2026-11-23T09:30:00.000Z"


def _reference(raw: Any) -> tuple[Any, ...] | str:
    """What the store must make of ``raw``: parse_event's verdict and the central limits."""
    try:
        e = parse_event(raw)
    except InvalidEvent as exc:
        return str(exc)
    if e.seq > BIGINT_MAX:
        return f"event 'seq' {e.seq} is past the largest held, {BIGINT_MAX}"
    if len(e.hlc) > MAX_HLC:
        return f"event 'hlc' has {len(e.hlc)} characters; at most {MAX_HLC}"
    ref = parse_reference(e.data["ref"]) if e.type == "journey.started" else None
    return (e.id, e.journey_id, e.type, e.hlc, e.wall, e.device_id, e.seq, e.channel,
            e.site_id, e.actor, data_json(e.data), ref, NOW)  # fmt: skip


def _intake(raw: Any) -> tuple[Any, ...] | str:
    try:
        return event_row(raw, NOW)
    except InvalidEvent as exc:
        return str(exc)


def _valid_events() -> list[dict[str, Any]]:
    maker = Maker("dev-1")
    started, note = maker.start(), maker.event()
    answer = {"field": "f", "value": {"x": [1, 2.5, None]}, "source": "typed",
              "supersedes": [note.id]}  # fmt: skip
    events = [
        started.to_dict(),
        note.to_dict(),
        maker.event("answer.recorded", answer).to_dict(),
        maker.event("feedback.given", {"score": 5, "comment": "ção 😀"}).to_dict(),
    ]
    for actor in ("citizen", "system", "agency:town-hall"):
        events.append({**maker.event().to_dict(), "actor": actor})
    return events


VALID = _valid_events()

TRICKY = "\x1f\x00\n -.:_@٣Agz"  # the shortcut's separator, NUL, newline, a Unicode digit, ...


@st.composite
def near(draw: st.DrawFn, text: str) -> str:
    """``text`` with one small change: on the edge of whatever pattern it matched."""
    at = draw(st.integers(0, len(text)))
    char = draw(st.sampled_from(TRICKY))
    change = draw(st.sampled_from(["insert", "replace", "delete", "newline", "upper", "long"]))
    if change == "insert":
        return text[:at] + char + text[at:]
    if change == "replace":
        return text[:at] + char + text[at + 1 :]
    if change == "delete":
        return text[:at] + text[at + 1 :]
    if change == "newline":
        return text + "\n"
    if change == "upper":
        return text.upper()
    return text + "d" * draw(st.integers(1, 200))


others = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-2, max_value=2**64),
    st.sampled_from(
        [0, 1, 2**63 - 1, 2**63, True, False, None, 1.0, float("nan"), [], {}, ["x"], {"text": 1}]
    ),
)
KEYS = ["id", "journey_id", "type", "hlc", "wall", "device_id", "seq", "channel", "site_id",
        "actor", "data", "extra"]  # fmt: skip


@st.composite
def broken(draw: st.DrawFn) -> Any:
    raw = copy.deepcopy(draw(st.sampled_from(VALID)))
    for _ in range(draw(st.integers(1, 2))):
        key = draw(st.sampled_from(KEYS))
        value = raw.get(key)
        if draw(st.booleans()) and key in raw:
            del raw[key]
        elif isinstance(value, str) and draw(st.integers(0, 3)):
            raw[key] = draw(near(value))
        elif isinstance(value, dict) and draw(st.booleans()):
            name = draw(st.sampled_from([*value, "x"]))
            inner = value.get(name)
            raw[key] = {
                **value,
                name: draw(near(inner)) if isinstance(inner, str) else draw(others),
            }
        else:
            raw[key] = draw(others)
    return raw


NOTE = VALID[1]
UUID = NOTE["id"]
EDGES = {
    "wall with a letter": {"wall": "20A6-11-23T09:30:00Z"},
    "wall in other digits": {"wall": "٢٠٢٦-١١-٢٣T09:30:00Z"},
    "wall with a newline": {"wall": "2026-11-23T09:30:00Z\n"},
    "actor upper case": {"actor": "agency:Town"},
    "actor with a newline": {"actor": "citizen\n"},
    "device id with @": {"device_id": "dev@1"},
    "device id too long": {"device_id": "d" * 129},
    "site id with a newline": {"site_id": "site-1\n"},
    "id upper case": {"id": UUID.upper()},
    "id with a newline": {"id": UUID + "\n"},
    "hlc upper case": {"hlc": NOTE["hlc"].upper()},
    "hlc past its column": {"hlc": NOTE["hlc"] + "d" * 200},
    "hlc device with the separator": {"hlc": NOTE["hlc"] + "\x1fx"},
    "seq 0": {"seq": 0},
    "seq true": {"seq": True},
    "seq past 64 bits": {"seq": 2**63},
    "seq the largest held": {"seq": 2**63 - 1},
    "seq a float": {"seq": 1.0},
    "data NaN": {"data": {"text": float("nan")}},
    "data too big": {"data": {"text": "x" * 70_000}},
    # Every field one place to the left, the hlc's device part holding the separator:
    # the shortcut's pattern only lines up if no part can hold a \x1f.
    "fields shifted by a separator": {
        "id": f"{UUID}\x1f{UUID}",
        "journey_id": NOTE["wall"],
        "wall": NOTE["device_id"],
        "device_id": NOTE["site_id"],
        "site_id": NOTE["actor"],
        "actor": NOTE["hlc"],
        "hlc": NOTE["hlc"][:18] + "\x1fx",
    },
}


@pytest.mark.parametrize("change", EDGES.values(), ids=list(EDGES))
def test_edges_of_each_pattern(change: dict[str, Any]) -> None:
    raw = {**NOTE, **change}
    assert _intake(raw) == _reference(raw)


@pytest.mark.parametrize("raw", VALID, ids=[f"{e['type']} by {e['actor']}" for e in VALID])
def test_valid_events_make_the_rows_parse_event_makes(raw: dict[str, Any]) -> None:
    assert _intake(raw) == _reference(raw)
    assert isinstance(_intake(raw), tuple)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=broken() | others)
def test_the_intake_agrees_with_parse_event(raw: Any) -> None:
    assert _intake(raw) == _reference(raw)
