"""The hybrid logical clock: monotonic under a bad machine clock, sortable as a string."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.domain.hlc import MAX_DRIFT_MS, HybridClock, Timestamp
from sync.errors import InvalidEvent
from tests.domain.factory import START_MS, FakeTime

SECOND = 1000
HOUR = 3600 * SECOND
DAY = 24 * HOUR
MAX_MS = (1 << 48) - 1

devices = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_.:", min_size=1, max_size=12)
timestamps = st.builds(Timestamp, st.integers(0, MAX_MS), st.integers(0, 0xFFFF), devices)

# How the machine clock moves between two readings: the usual small steps, repeats,
# and the jumps of a van whose clock was reset: back by days, forward by hours.
jumps = st.one_of(
    st.sampled_from([0, 0, 1, -1, -3 * DAY, -DAY, -HOUR, 2 * HOUR, 5 * HOUR, DAY]),
    st.integers(-3 * DAY, 6 * HOUR),
)
# A remote reading, relative to our machine clock: behind, level or ahead of it.
remote_offsets = st.one_of(
    st.sampled_from([0, 1, -1, -3 * DAY, 3 * DAY, 30 * DAY]),
    st.integers(-5 * DAY, 5 * DAY),
)
steps = st.one_of(
    st.tuples(st.just("now"), jumps),
    st.tuples(st.just("observe"), jumps, remote_offsets, st.integers(0, 0xFFFF), devices),
)


@settings(max_examples=300, deadline=None)
@given(timestamps, timestamps)
def test_string_order_is_clock_order(a: Timestamp, b: Timestamp) -> None:
    assert (a.encode() < b.encode()) == (a < b)
    assert (a.encode() == b.encode()) == (a == b)
    assert Timestamp.decode(a.encode()) == a


def test_the_encoding_is_fixed_width_hex() -> None:
    assert Timestamp(255, 1, "van-1").encode() == "0000000000ff.0001.van-1"
    assert Timestamp.decode("0000000000ff.0001.van.1") == Timestamp(255, 1, "van.1")


@pytest.mark.parametrize(
    "text",
    ["", "ff.0001.van", "0000000000ff.0001.", "0000000000ff.001.van", "0000000000FF.0001.van",
     "0000000000fg.0001.van", "0000000000ff-0001-van", "0000000000ff.0001"],
)  # fmt: skip
def test_decode_refuses_what_is_not_a_timestamp(text: str) -> None:
    with pytest.raises(InvalidEvent, match="hlc"):
        Timestamp.decode(text)


@settings(max_examples=500, deadline=None)
@given(st.integers(0, 2 * DAY), st.lists(steps, min_size=1, max_size=60))
def test_the_clock_is_monotonic_whatever_the_machine_clock_does(
    start_offset: int, script: list[tuple[Any, ...]]
) -> None:
    time = FakeTime(START_MS + start_offset)
    clock = HybridClock("van-1", time)
    issued: list[Timestamp] = []
    highest_input = time.ms
    for step in script:
        time.advance(step[1])
        highest_input = max(highest_input, time.ms)
        if step[0] == "observe":
            _, _, offset, counter, device = step
            remote = Timestamp(time.ms + offset, counter, device)
            clock.observe(remote)
            highest_input = max(highest_input, remote.ms + 1)
            assert clock.last > remote
            stamp = clock.now()
            assert stamp > remote
        else:
            stamp = clock.now()
        assert stamp.device == "van-1"
        assert stamp.ms >= time.ms, "an HLC never runs behind the machine clock"
        assert stamp.ms <= highest_input, "nor ahead of everything it has seen"
        if issued:
            assert stamp > issued[-1]
            assert stamp.encode() > issued[-1].encode()
        issued.append(stamp)
    assert sorted(s.encode() for s in issued) == [s.encode() for s in issued]


def test_a_clock_set_back_three_days_keeps_counting_from_where_it_was() -> None:
    time = FakeTime()
    clock = HybridClock("van-1", time)
    before = clock.now()
    assert before == Timestamp(START_MS, 0, "van-1")
    time.advance(-3 * DAY)
    stamps = [clock.now() for _ in range(1000)]
    assert stamps == [Timestamp(START_MS, i, "van-1") for i in range(1, 1001)]
    time.advance(3 * DAY + 1)
    assert clock.now() == Timestamp(START_MS + 1, 0, "van-1")


def test_a_restarted_clock_continues_after_its_last_timestamp() -> None:
    time = FakeTime()
    last = Timestamp(START_MS + DAY, 7, "van-1")
    clock = HybridClock("van-1", time, last=last)
    assert clock.last == last
    assert clock.now() == Timestamp(START_MS + DAY, 8, "van-1")


def test_the_counter_borrows_a_millisecond_instead_of_overflowing() -> None:
    time = FakeTime()
    clock = HybridClock("van-1", time, last=Timestamp(START_MS, 0xFFFE, "van-1"))
    assert clock.now() == Timestamp(START_MS, 0xFFFF, "van-1")
    assert clock.now() == Timestamp(START_MS + 1, 0, "van-1")
    clock.observe(Timestamp(START_MS + 5, 0xFFFF, "web-1"))
    assert clock.last == Timestamp(START_MS + 6, 0, "van-1")


def test_observing_a_remote_level_with_us_takes_the_higher_counter() -> None:
    time = FakeTime()
    clock = HybridClock("b", time)
    clock.now()
    clock.observe(Timestamp(START_MS, 40, "a"))
    assert clock.now() == Timestamp(START_MS, 42, "b")


def test_observing_an_old_remote_changes_nothing_when_we_are_ahead() -> None:
    time = FakeTime(START_MS - DAY)  # the machine is behind our last reading
    clock = HybridClock("b", time, last=Timestamp(START_MS, 3, "b"))
    clock.observe(Timestamp(START_MS - HOUR, 9, "a"))
    assert clock.last == Timestamp(START_MS, 3, "b")


def test_a_remote_more_than_a_year_ahead_is_refused_and_leaves_the_clock_alone() -> None:
    time = FakeTime()
    clock = HybridClock("b", time)
    clock.now()
    before = clock.last
    with pytest.raises(InvalidEvent, match="more than a year ahead"):
        clock.observe(Timestamp(START_MS + MAX_DRIFT_MS + 1, 0, "broken"))
    assert clock.last == before
    clock.observe(Timestamp(START_MS + MAX_DRIFT_MS, 0, "late-but-plausible"))
    assert clock.last == Timestamp(START_MS + MAX_DRIFT_MS, 1, "b")


def test_the_drift_guard_measures_from_our_own_clock_when_it_is_ahead() -> None:
    time = FakeTime()
    clock = HybridClock("b", time, last=Timestamp(START_MS + 10 * DAY, 0, "b"))
    clock.observe(Timestamp(START_MS + 10 * DAY + MAX_DRIFT_MS, 0, "a"))
    with pytest.raises(InvalidEvent, match="'a2'"):
        clock.observe(Timestamp(clock.last.ms + MAX_DRIFT_MS + 1, 0, "a2"))
