"""A pulled batch stored at once: valid events once each, journeys projected, bad ones reported."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.errors import InvalidEvent
from sync.store.store import JourneyRow, LocalStore


def _store(path: Path, device: str, start_ms: int, seed: int) -> LocalStore:
    ticks = itertools.count()
    rng = random.Random(seed)
    return LocalStore(
        path,
        site_id=f"site-{device}",
        device_id=device,
        physical_ms=lambda: start_ms + 1000 * next(ticks),
        random_bytes=rng.randbytes,
    )


@pytest.fixture
def here(tmp_path: Path) -> Iterator[LocalStore]:
    with _store(tmp_path / "here.db", "dev-a", 1_790_000_000_000, 1) as s:
        yield s


@pytest.fixture
def there(tmp_path: Path) -> Iterator[LocalStore]:
    with _store(tmp_path / "there.db", "dev-b", 1_790_000_500_000, 2) as s:
        yield s


def _journey(store: LocalStore, name: str, *, closed: bool) -> str:
    jid = store.start_journey(language="en", channel="van", actor="operator:b").journey_id

    def add(event_type: Any, data: dict[str, Any]) -> None:
        store.append(jid, event_type, data, channel="van", actor="operator:b")

    add("citizen.identified", {"method": "manual", "name": name, "birth_date": "1980-05-06"})
    add("service.added", {"service": "tax.x"})
    add("service.added", {"service": "health.y"})
    add("service.removed", {"service": "tax.x"})
    add("handoff.issued", {"handoff_id": f"h-{name[0]}", "token_hash": name[0] * 64,
                           "expires": "2026-12-01T00:00:00Z"})  # fmt: skip
    if closed:
        add("journey.closed", {"reason": "done"})
    return jid


def _rows(store: LocalStore) -> list[JourneyRow]:
    return sorted(store.journeys(limit=1000), key=lambda r: r.journey_id)


def test_a_pulled_batch_stores_each_valid_event_once_and_reports_the_bad_one(
    here: LocalStore, there: LocalStore
) -> None:
    first = _journey(there, "Ana Sousa", closed=True)
    second = _journey(there, "Rui Costa", closed=False)
    third = _journey(there, "Eva Lima", closed=True)
    # The first journey is partly here already, and has an event of this device.
    earlier = [e.to_dict() for e in there.events_of(first)][:3]
    assert here.insert_pulled(earlier).added == 3
    here.append(first, "note.added", {"text": "seen here"}, channel="counter", actor="system")

    pulled = [e.to_dict() for e in there.iter_events()]
    bad = {**pulled[4], "id": "01900000-0000-7000-8000-00000000beef", "type": "form.teleported"}
    batch = [*pulled[:9], bad, *pulled[9:], pulled[0], pulled[12]]  # duplicates too

    result = here.insert_pulled(batch)

    assert result.added == len(pulled) - 3
    assert [event_id for event_id, _ in result.rejected] == [bad["id"]]
    assert "form.teleported" in result.rejected[0][1]
    assert here.count_events() == len(pulled) + 1
    assert here.insert_pulled(batch).added == 0
    incremental = _rows(here)
    assert len(incremental) == 3
    assert here.rebuild_projection() == 3
    assert _rows(here) == incremental
    by_id = {r.journey_id: r for r in incremental}
    assert (by_id[first].citizen_name, by_id[first].closed, by_id[first].event_count) == (
        "Ana Sousa", "done", 8,
    )  # fmt: skip
    assert (by_id[second].service_count, by_id[second].closed) == (1, None)
    assert [r.journey_id for r in here.search("eva")] == [third]
    assert here.find_by_token_hash("R" * 64) == by_id[second]
    mine = here.append(second, "note.added", {"text": "x"}, channel="counter", actor="system")
    assert mine.hlc > max(e["hlc"] for e in pulled)


def test_an_event_reusing_a_seq_is_refused_and_the_rest_stored(
    here: LocalStore, there: LocalStore
) -> None:
    jid = _journey(there, "Ana Sousa", closed=False)
    pulled = [e.to_dict() for e in there.events_of(jid)]
    forged = {**pulled[1], "id": "01900000-0000-7000-8000-00000000f00d"}

    result = here.insert_pulled([*pulled, forged])

    assert result.added == len(pulled)
    assert result.rejected == ((forged["id"], "device dev-b already has another event with seq 2"),)
    with pytest.raises(InvalidEvent, match="seq 2"):
        here.insert_remote([forged])


def test_an_event_from_the_far_future_is_refused_without_dragging_the_clock(
    here: LocalStore, there: LocalStore
) -> None:
    jid = _journey(there, "Ana Sousa", closed=False)
    pulled = [e.to_dict() for e in there.events_of(jid)]
    future = {**pulled[-1], "id": "01900000-0000-7000-8000-00000000abcd", "seq": 99,
              "hlc": "ffffffffffff.0000.dev-b"}  # fmt: skip

    result = here.insert_pulled([future, *pulled])

    assert result.added == len(pulled)
    assert [event_id for event_id, _ in result.rejected] == [future["id"]]
    assert here.clock.last.ms < 0xFFFFFFFFFFFF
