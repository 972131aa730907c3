"""Any request body, on SQLite and PostgreSQL: never a 5xx, and nothing stored from a refusal.

Hypothesis starts from bodies the store accepts (a push, an enrolment, a status)
and breaks them where hostile or broken clients do: bytes spliced in (deep
nesting, huge or non-finite numbers, raw surrogates, NUL, a second key, a BOM),
other encodings, gzip with garbage after it, cut short, or events with one key
replaced by any JSON. Every table is counted before and after each refused
request: a 4xx stores nothing (``test_fuzz_api.py`` checks the answers' shapes).
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker

SPLICES = [
    b"[" * 3000, b"{" * 70, b"]" * 70, b"[" * 64 + b"]" * 64, b"NaN", b"-Infinity", b"1e999",
    b"9" * 5000, b"0." + b"1" * 80, b"\xed\xa0\x80", b"\xed\xb0\x80", b"\xc0\x80", b"\xff",
    b"\x00", b'"\\u0000"', b'"\\ud800"', b'"\\ud83d\\ude00"', b'"events": [],', b'"seq": 1,',
    b"\xef\xbb\xbf", b'"', b",", b"\\", b"null", b"true", b"-0", b"2e308", b'"a\x00b"',
]  # fmt: skip
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=8,
)  # fmt: skip
FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@dataclass
class Target:
    central: Central
    device: str
    agency: str
    events: list[dict[str, Any]]
    ref: str


@pytest.fixture
def target(db_url: str) -> Iterator[Target]:
    central = make_central(db_url)
    device = central.enrol("fuzz-1")
    maker = Maker("fuzz-1")
    started = maker.start()
    central.push(device, [started.to_dict()])
    # Made once: a body drawn again (as hypothesis replays) must be the same bytes.
    events = [maker.event_dict("note.added", actor="operator:op1") for _ in range(2)]
    agency = central.store.issue_agency_token("tax")
    yield Target(central, device, agency, events, str(started.data["ref"]))
    central.http.close()
    central.store.close()


@st.composite
def requests(draw: st.DrawFn, t: Target) -> tuple[str, bytes, dict[str, str]]:
    """A path, a body and its headers: a good body of that path, then broken."""
    door = draw(st.sampled_from(["push", "enrol", "status"]))
    headers = {"Content-Type": "application/json"}
    base: Any
    if door == "push":
        path, headers["Authorization"] = "/api/v1/sync/push", f"Bearer {t.device}"
        events = [dict(e) for e in t.events]
        if draw(st.booleans()):
            key = draw(st.sampled_from(sorted(events[0])))
            events[0][key] = draw(json_values)
        base = {"events": events}
    elif door == "enrol":
        path, base = "/api/v1/enrol", {"code": "ABCD-EFGH-JKMN", "device_id": "fuzz-2"}
    else:
        path, headers["Authorization"] = f"/api/v1/journeys/{t.ref}/status", f"Bearer {t.agency}"
        base = {"service": "tax.x", "status": "accepted"}
    body = json.dumps(base, ensure_ascii=draw(st.booleans())).encode()
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(body)))
        cut = draw(st.integers(0, 8))
        splice = draw(st.sampled_from(SPLICES) | st.binary(max_size=6))
        body = body[:at] + splice + body[at + cut :]
    how = draw(st.sampled_from(["plain", "plain", "utf-16", "gzip", "gzip+more", "cut"]))
    if how == "utf-16":
        body = body.decode("utf-8", "replace").encode(
            draw(st.sampled_from(["utf-16", "utf-16-le"]))
        )
    elif how.startswith("gzip"):
        body = gzip.compress(body, mtime=0)
        headers["Content-Encoding"] = "gzip"
        if how == "gzip+more":
            body += draw(st.sampled_from([gzip.compress(b"{}"), b"\x00", b"garbage"]))
    elif how == "cut":
        body = body[: draw(st.integers(0, len(body)))]
    return path, body, headers


@FUZZ
@given(data=st.data())
def test_no_body_gets_a_5xx_and_a_refused_one_stores_nothing(
    target: Target, data: st.DataObject
) -> None:
    path, body, headers = data.draw(requests(target))
    before = target.central.counts()
    answer = target.central.http.post(path, content=body, headers=headers)
    assert answer.status_code < 500, (answer.status_code, answer.text, body[:300])
    if answer.status_code >= 400:
        assert isinstance(answer.json()["detail"], str), answer.text
        assert target.central.counts() == before, (answer.status_code, answer.text)
