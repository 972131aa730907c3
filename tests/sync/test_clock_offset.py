"""The central store reads a device's clock at each push (Counterpart-Device-Wall) and marks
the times of a clock found more than 5 minutes off with a clock.offset on each journey."""

from __future__ import annotations

import time

import httpx
from sqlalchemy import select

from sync.central import schema
from sync.domain.clocks import WALL_HEADER, marks
from tests.sync.conftest import Central
from tests.sync.factory import Maker

DAY_MS = 86_400_000


def _push(
    central: Central, token: str, events: list[dict[str, object]], wall: str | None
) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"}
    if wall is not None:
        headers[WALL_HEADER] = wall
    return central.http.post("/api/v1/sync/push", json={"events": events}, headers=headers)


def _readings(central: Central) -> list[tuple[str, int, int | None, int | None]]:
    table = schema.clock_readings
    with central.store.read() as conn:
        rows = conn.execute(
            select(table.c.device_id, table.c.offset_ms, table.c.first_seq, table.c.last_seq)
            .order_by(table.c.pos)
        ).all()  # fmt: skip
    return [(str(r[0]), int(r[1]), r[2], r[3]) for r in rows]


def test_a_slow_clock_is_read_and_its_times_marked_per_journey(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    one = dev.start()
    one_notes = [dev.event() for _ in range(2)]
    two = dev.start()
    events = [one.to_dict(), *(e.to_dict() for e in one_notes), two.to_dict()]
    slow = str(time.time_ns() // 1_000_000 - 2 * DAY_MS)
    response = _push(central, token, events, slow)
    assert response.status_code == 200, response.text
    assert response.json()["acked_seq"] == 4
    ((device, offset, first, last),) = _readings(central)
    assert (device, first, last) == ("dev-1", 1, 4)
    assert -2 * DAY_MS - 60_000 < offset <= -2 * DAY_MS
    for journey_id, seqs in ((one.journey_id, (1, 3)), (two.journey_id, (4, 4))):
        held = central.store.journey_events(journey_id)
        (found,) = [e for e in held if e.type == "clock.offset"]
        assert (found.data["first_seq"], found.data["last_seq"]) == seqs
        assert found.device_id == "central" and found.data["device_id"] == "dev-1"
        marked = marks(held)
        assert set(marked) == {e.id for e in held if e.device_id == "dev-1"}


def test_a_right_clock_is_read_and_marks_nothing(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    right = str(time.time_ns() // 1_000_000 + 30_000)  # half a minute fast: not off
    assert _push(central, token, [started.to_dict()], right).status_code == 200
    ((_, offset, _, _),) = _readings(central)
    assert abs(offset) < 5 * 60_000
    held = central.store.journey_events(started.journey_id)
    assert [e.type for e in held] == ["journey.started"]


def test_without_the_header_or_with_a_broken_one_the_push_is_stored_unread(
    central: Central,
) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    first, second = dev.start(), dev.event("note.added")
    assert _push(central, token, [first.to_dict()], None).status_code == 200
    assert _push(central, token, [second.to_dict()], "yesterday").status_code == 200
    assert _readings(central) == []
    assert central.store.count_events() == 2


def test_a_device_may_not_write_a_clock_offset(central: Central) -> None:
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    forged = dev.event_dict(
        "clock.offset",
        {"device_id": "dev-2", "offset_ms": -DAY_MS, "first_seq": 1, "last_seq": 9},
    )
    answer = _push(central, token, [started.to_dict(), forged], None).json()
    assert [r["status"] for r in answer["results"]] == ["quarantined"]
    assert "written by the central store itself" in answer["results"][0]["reason"]
