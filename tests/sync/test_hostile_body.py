"""Bodies a broken or hostile client sends: a 4xx that stores nothing, never a 5xx.

A 5xx is transient to the client, which would resend the batch for ever; a body
with two readings (a key twice, gzip with more after it) is refused rather than
read one way. On SQLite and PostgreSQL.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator

import pytest

from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker


def _push(event: dict[str, object]) -> bytes:
    return json.dumps({"events": [event]}).encode()


def _gzip(body: bytes) -> bytes:
    return gzip.compress(body, mtime=0)


def _refused_bodies(event: dict[str, object]) -> dict[str, tuple[bytes, dict[str, str], str]]:
    """Name -> (body, extra headers, words of the 400)."""
    plain = _push(event)
    text = plain.decode()
    deep = b'{"events": [' + b"[" * 100_000 + b"]" * 100_000 + b"]}"
    return {
        "nested 100,000 deep": (deep, {}, "nested more than 64 deep"),
        "nested deep inside the data": (
            text.replace('"a note"', "[" * 900 + "]" * 900).encode(),
            {},
            "nested more than 64 deep",
        ),
        "8 KB of gzip nested 8 MB deep": (
            _gzip(b"[" * 8_000_000),
            {"Content-Encoding": "gzip"},
            "nested more than 64 deep",
        ),
        "an integer of 5,000 digits": (
            text.replace(f'"seq": {event["seq"]}', '"seq": ' + "9" * 5000).encode(),
            {},
            "a number of 5000 characters",
        ),
        "a raw surrogate (CESU-8)": (
            text.replace("a note", "\udcff").encode("utf-8", "surrogatepass"),
            {},
            "not UTF-8",
        ),
        "UTF-16": (text.encode("utf-16"), {}, "not UTF-8"),
        "UTF-16 without a BOM": (text.encode("utf-16-le"), {}, "not valid JSON"),
        "NaN": (text.replace('"a note"', "NaN").encode(), {}, "NaN is not a JSON value"),
        "Infinity": (text.replace('"a note"', "-Infinity").encode(), {}, "is not a JSON value"),
        "1e999": (text.replace('"a note"', "1e999").encode(), {}, "past what a float holds"),
        "a key twice": (
            plain[:-1] + b', "events": []}',
            {},
            "the key 'events' appears twice",
        ),
        "a key twice in an event": (
            text.replace('"seq":', '"seq": 1, "seq":').encode(),
            {},
            "the key 'seq' appears twice",
        ),
        "gzip then garbage": (
            _gzip(plain) + b"garbage",
            {"Content-Encoding": "gzip"},
            "goes on past its end",
        ),
        "a second gzip member": (
            _gzip(plain) + _gzip(b'{"events": []}'),
            {"Content-Encoding": "gzip"},
            "goes on past its end",
        ),
    }


NAMES = list(_refused_bodies({"seq": 1, "text": "a note"}))


@pytest.fixture
def big_central(db_url: str) -> Iterator[Central]:
    """A store with the default 8 MB body limit (a gzip'd body inflates to 8 MB)."""
    central = make_central(db_url, max_body_bytes=8 * 1024 * 1024)
    yield central
    central.http.close()
    central.store.close()


@pytest.mark.parametrize("name", NAMES)
def test_a_body_with_no_one_plain_reading_is_400_and_stores_nothing(
    big_central: Central, name: str
) -> None:
    central = big_central
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    central.push(token, [dev.start().to_dict()])
    body, headers, words = _refused_bodies(dev.event_dict("note.added"))[name]
    before = central.counts()
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    answer = central.http.post("/api/v1/sync/push", content=body, headers={**auth, **headers})
    assert answer.status_code == 400, answer.text
    assert words in answer.json()["detail"]
    assert central.counts() == before
    # The same body at the door that needs no token.
    enrol = central.http.post("/api/v1/enrol", content=body, headers=headers)
    assert enrol.status_code == 400, enrol.text
    assert central.counts() == before


def test_the_same_id_and_seq_with_other_content_is_surfaced_not_a_duplicate(
    central: Central,
) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    sent = [dev.start().to_dict(), dev.event().to_dict()]
    central.push(token, sent)
    again = central.push(token, sent).json()
    assert [r["status"] for r in again["results"]] == ["duplicate", "duplicate"]

    restored = {**sent[1], "data": {"text": "another note"}}
    answer = central.push(token, [restored]).json()
    [only] = answer["results"]
    assert only["status"] == "quarantined"
    assert "is already held with other content (data differ)" in only["reason"]
    [parked] = central.store.quarantined("dev-1")
    assert parked["event_id"] == sent[1]["id"] and "other content" in parked["reason"]
    assert answer["acked_seq"] == 2
    assert central.store.count_events() == 2
