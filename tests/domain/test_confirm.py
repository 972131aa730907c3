"""The date-of-birth lock: five wrong tries within 15 minutes lock for 15 minutes."""

from __future__ import annotations

import datetime as dt

from sync.domain.confirm import CONFIRM_TRIES, LOCK_SECONDS, confirm_lock

T0 = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def at(seconds: float) -> dt.datetime:
    return T0 + dt.timedelta(seconds=seconds)


def test_tries_count_down_then_lock_for_fifteen_minutes() -> None:
    assert (CONFIRM_TRIES, LOCK_SECONDS) == (5, 900)
    assert confirm_lock([], T0).tries_left == 5
    four = [at(i) for i in range(4)]
    assert confirm_lock(four, at(5)) == confirm_lock(four, at(5))
    assert (confirm_lock(four, at(5)).locked, confirm_lock(four, at(5)).tries_left) == (False, 1)
    five = [*four, at(4)]
    lock = confirm_lock(five, at(5))
    assert lock.locked and lock.locked_until == at(904) and lock.tries_left == 0
    assert not confirm_lock(five, at(904)).locked
    assert confirm_lock(five, at(904)).tries_left == 5


def test_old_tries_fall_out_of_the_window_and_tries_during_a_lock_do_not_count() -> None:
    spread = [at(0), at(300), at(600), at(899), at(900)]  # the fifth is past the first's window
    assert not confirm_lock(spread, at(901)).locked
    locked = [at(i) for i in range(5)]
    during = [*locked, at(100), at(200), at(300), at(400), at(500)]
    assert confirm_lock(during, at(904)).tries_left == 5
