"""Wrong PINs wait longer each time, then lock (``sync.domain.pin_tries``)."""

from __future__ import annotations

import datetime as dt

from sync.domain.pin_tries import delay_after, pin_gate

T0 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_the_delay_grows_from_the_second_wrong_pin() -> None:
    assert [delay_after(n) for n in range(0, 9)] == [0, 0, 1, 2, 4, 8, 16, 16, 16]


def test_one_wrong_pin_costs_nothing_the_next_ones_wait() -> None:
    assert pin_gate([at(0)], at(0)).open
    gate = pin_gate([at(0), at(0.5)], at(0.5))
    assert (gate.wait_until, gate.locked, gate.tries_left) == (at(1.5), False, 3)
    assert pin_gate([at(0), at(0.5)], at(1.5)).open


def test_five_wrong_pins_lock_for_the_window_then_it_opens() -> None:
    failures = [at(s) for s in (0, 1, 3, 6, 11)]
    gate = pin_gate(failures, at(12))
    assert (gate.wait_until, gate.locked, gate.tries_left) == (at(11 + 900), True, 0)
    assert pin_gate(failures, at(11 + 900)).open
    assert pin_gate(failures, at(11 + 900)).tries_left == 5


def test_tries_and_window_are_the_callers() -> None:
    gate = pin_gate([at(0), at(1), at(2)], at(3), tries=3, lock_seconds=60)
    assert gate.locked and gate.wait_until == at(62)
