"""The van's rules (sync.domain.van) and the clock rules (sync.domain.clocks)."""

from __future__ import annotations

import datetime as dt

from sync.domain.clocks import OFF_AFTER_MS, describe, is_off, marks, offset_ms, parse_wall_header
from sync.domain.merged import merged_timeline
from sync.domain.van import (
    Elapsed,
    FormActivity,
    busy_in_form,
    elapsed,
    link_appeared,
    may_sync,
    since,
    waiting,
)
from tests.domain.factory import SimDevice

NOW = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def test_waiting_is_what_is_above_the_acknowledgement() -> None:
    assert waiting(40, 3) == 37
    assert waiting(3, 3) == 0
    assert waiting(2, 3) == 0  # a store restored from an older copy: never negative


def test_a_link_appears_when_a_round_reaches_the_store_after_one_that_did_not() -> None:
    assert link_appeared("offline", "synced")
    assert link_appeared("not_enrolled", "pending")
    assert link_appeared(None, "synced")
    assert not link_appeared("synced", "pending")
    assert not link_appeared("offline", "offline")
    assert not link_appeared(None, "refused")


def test_busy_means_a_form_with_a_field_edited_and_not_saved() -> None:
    assert busy_in_form(FormActivity(on_form=True, edited_fields=1))
    assert not busy_in_form(FormActivity(on_form=True, edited_fields=0))
    assert not busy_in_form(FormActivity(on_form=False, edited_fields=2))
    assert may_sync(FormActivity()) and not may_sync(FormActivity(True, 3))


def test_since_the_last_sync_in_days_hours_and_minutes() -> None:
    assert since(NOW, None) is None
    assert since(NOW, NOW - dt.timedelta(hours=2, minutes=14, seconds=59)) == Elapsed(0, 2, 14)
    assert since(NOW, NOW - dt.timedelta(days=3, hours=1)) == Elapsed(3, 1, 0)
    assert since(NOW, NOW + dt.timedelta(hours=1)) == Elapsed(0, 0, 0)  # a clock set back
    assert elapsed(59).just_now and not elapsed(60).just_now


def test_a_clock_is_off_past_five_minutes_either_way() -> None:
    assert offset_ms(1_000, 4_000) == -3_000
    assert not is_off(OFF_AFTER_MS) and is_off(OFF_AFTER_MS + 1) and is_off(-OFF_AFTER_MS - 1)
    two_days_slow = describe(-2 * 86_400_000 - 1_234)
    assert (two_days_slow.direction, two_days_slow.amount) == ("slow", Elapsed(2, 0, 0))
    assert describe(6 * 60_000).direction == "fast"


def test_the_wall_header_is_read_or_ignored_never_an_error() -> None:
    assert parse_wall_header("1764650000000") == 1_764_650_000_000
    for broken in (None, "", "soon", "-5", "1" * 16, "12.5"):
        assert parse_wall_header(broken) is None


def test_marks_name_the_events_of_the_seqs_a_clock_offset_covers() -> None:
    van = SimDevice("van-1", channel="van", site_id="van.north", actor="operator:ana")
    counter = SimDevice("ctr-1", channel="counter", site_id="lisboa", actor="operator:bo")
    started = van.event("journey.started")
    jid = started.journey_id
    answer = van.event("note.added", data={"text": "x"}, journey_id=jid)
    later = van.event("note.added", data={"text": "y"}, journey_id=jid)
    theirs = counter.event("note.added", data={"text": "z"}, journey_id=jid)
    central = counter.event(
        "clock.offset",
        data={"device_id": "van-1", "offset_ms": -172_800_000,
              "first_seq": started.seq, "last_seq": answer.seq},
        journey_id=jid,
    )  # fmt: skip
    found = marks([started, answer, later, theirs, central])
    assert found == {started.id: -172_800_000, answer.id: -172_800_000}
    assert marks([started, answer]) == {}


def test_a_merged_timeline_holds_each_event_once_in_hlc_order() -> None:
    a = SimDevice("van-1", channel="van", site_id="van.north", actor="operator:ana")
    b = SimDevice("ctr-1", channel="counter", site_id="lisboa", actor="operator:bo")
    one = [a.event("journey.started"), a.event("journey.started")]
    other = [b.event("journey.started"), b.event("journey.started")]
    merged = merged_timeline([one, other, one[:1]])
    assert [e.id for e in merged] == [e.id for e in sorted(one + other, key=lambda e: e.hlc)]
