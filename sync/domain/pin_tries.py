"""How wrong PINs slow down and then lock an operator's sign-in (and the lock screen).

A 4-digit PIN can be guessed: after the first wrong try each next one waits longer
(``delay_after``: 1, 2, 4, 8, 16 s), and ``tries`` wrong ones within ``lock_seconds``
lock that operator's sign-in for ``lock_seconds`` (counted as
``sync.domain.confirm`` counts wrong dates of birth). A right PIN clears the
count. The caller keeps the times of the wrong tries (the counter in its audit
table, so a restart does not reset them) and asks ``pin_gate`` what they add up to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from sync.domain.confirm import confirm_lock

PIN_TRIES: Final = 5
"""Wrong PINs within ``PIN_LOCK_SECONDS`` that lock the operator's sign-in."""
PIN_LOCK_SECONDS: Final = 15 * 60
"""How long that lock lasts, and the window the wrong PINs are counted in."""
MAX_DELAY_SECONDS: Final = 16
"""The longest wait between two tries before the lock."""


def delay_after(wrong: int) -> int:
    """Seconds the next try waits after ``wrong`` wrong PINs in a row (0 after one)."""
    if wrong <= 1:
        return 0
    return int(min(2 ** (wrong - 2), MAX_DELAY_SECONDS))


@dataclass(frozen=True, slots=True)
class PinGate:
    """Whether a PIN may be checked now.

    Attributes:
        wait_until: When the next try may be checked, if not now.
        locked: Whether that wait is the lock (else it is the growing delay).
        tries_left: Wrong tries left before the lock.
    """

    wait_until: dt.datetime | None
    locked: bool
    tries_left: int

    @property
    def open(self) -> bool:
        """Whether a PIN may be checked now."""
        return self.wait_until is None


def pin_gate(
    failures: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    tries: int = PIN_TRIES,
    lock_seconds: int = PIN_LOCK_SECONDS,
) -> PinGate:
    """What the wrong PINs since the last right one make at ``now`` (all aware)."""
    failures = sorted(failures)
    lock = confirm_lock(failures, now, tries=tries, seconds=lock_seconds)
    if lock.locked_until is not None:
        return PinGate(lock.locked_until, True, 0)
    wrong = tries - lock.tries_left
    if wrong and failures:
        until = failures[-1] + dt.timedelta(seconds=delay_after(wrong))
        if now < until:
            return PinGate(until, False, lock.tries_left)
    return PinGate(None, False, lock.tries_left)
