"""What one device can make the central store keep or do: bounded.

The quarantine keeps at most so much of one event and of one device (the caps
are ``[central]`` settings); fetch by reference is throttled per device and per
operator, and a miss is audited. On SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from sync.central import schema
from sync.central.records import Limits
from sync.central.store.quarantine import MAX_REASON_CHARS
from sync.domain.ids import format_reference
from tests.sync.conftest import Central, make_central
from tests.sync.factory import Maker

LIMITS = Limits(quarantine_event_chars=4096, quarantine_device_chars=64 * 1024,
                fetch_burst=6, fetch_per_second=0.01)  # fmt: skip


@pytest.fixture
def capped(db_url: str) -> Iterator[Central]:
    central = make_central(db_url, max_body_bytes=8 * 1024 * 1024, limits=LIMITS)
    yield central
    central.http.close()
    central.store.close()


def _kept(central: Central) -> list[tuple[int | None, int]]:
    q = schema.quarantine.c
    with central.store.read() as conn:
        rows = conn.execute(select(q.seq, func.length(q.raw)).order_by(q.pos)).all()
    return [(seq, int(size)) for seq, size in rows]


def test_the_quarantine_keeps_so_much_of_an_event_and_of_a_device(capped: Central) -> None:
    central = capped
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start().to_dict()
    huge = dev.event_dict("x" * 2_000_000)  # a 2 MB type, quoted in the reason
    answer = central.push(token, [started, huge]).json()
    [parked] = answer["results"]
    assert parked["status"] == "quarantined"
    assert len(parked["reason"]) <= MAX_REASON_CHARS
    assert central.store.quarantined("dev-1")[0]["reason"] == parked["reason"]
    [(seq, size)] = _kept(central)
    assert seq == 2 and LIMITS.quarantine_event_chars - 100 < size <= LIMITS.quarantine_event_chars

    # 60 more events of 3 KB each: past 64 KB, only id, seq and reason are kept.
    bad = [dev.event_dict("form.teleported", {"blob": f"{n:04}" * 750}) for n in range(60)]
    answer = central.push(token, bad).json()
    assert [r["status"] for r in answer["results"]] == ["quarantined"] * 60
    assert answer["acked_seq"] == 62  # every one of them held
    kept = _kept(central)
    assert [seq for seq, _ in kept] == list(range(2, 63))
    assert sum(size for _, size in kept) <= LIMITS.quarantine_device_chars
    assert kept[-1][1] == 0
    # The same seq again with other content adds nothing once the cap is reached.
    again = dev.event_dict("form.teleported", {"blob": "y" * 3000}, seq=62)
    assert central.push(token, [again]).json()["results"][0]["status"] == "quarantined"
    assert len(_kept(central)) == 61


def test_fetch_by_reference_is_throttled_and_misses_are_audited(capped: Central) -> None:
    central = capped
    token = central.enrol("dev-1")
    dev = Maker("dev-1")
    started = dev.start()
    central.push(token, [started.to_dict()])
    auth = {"Authorization": f"Bearer {token}"}
    ref = format_reference(started.data["ref"])
    missing = format_reference(Maker("dev-2").start().data["ref"])

    def fetch(reference: str, operator: str) -> int:
        answer = central.http.get(
            f"/api/v1/journeys/{reference}", params={"operator": operator}, headers=auth
        )
        if answer.status_code == 429:
            assert int(answer.headers["Retry-After"]) >= 1
        return answer.status_code

    # An operator gets half the device's burst; the device the rest with another.
    assert [fetch(missing, "op1") for _ in range(4)] == [404, 404, 404, 429]
    assert [fetch(ref, "op2") for _ in range(4)] == [200, 200, 200, 429]
    assert fetch(ref, "op3") == 429  # the device's own allowance is spent
    actions = [(a["action"], a["actor"]) for a in central.store.audit_entries()]
    assert actions.count(("journey.fetch_missed", "device:dev-1 operator:op1")) == 3
    assert actions.count(("journey.fetched", "device:dev-1 operator:op2")) == 3
