"""How many wrong dates of birth a journey's confirmation takes before it locks, and for how long.

Before a kiosk (or the citizen's pages) shows a journey found by its reference or
its link, the citizen confirms their date of birth (``identity.birth_date_confirmed``).
After ``CONFIRM_TRIES`` wrong tries within ``LOCK_SECONDS`` the journey's
confirmation is locked for ``LOCK_SECONDS``; a right answer clears the count.
The caller keeps the times of the wrong tries (the kiosk in its local store, so a
restart does not reset them) and asks ``confirm_lock`` what they add up to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

CONFIRM_TRIES: Final = 5
"""Wrong tries within ``LOCK_SECONDS`` that lock the confirmation (as on the web)."""
LOCK_SECONDS: Final = 15 * 60
"""How long a lock lasts, and the window the wrong tries are counted in."""


@dataclass(frozen=True, slots=True)
class ConfirmLock:
    """What the wrong tries so far add up to at a given moment.

    Attributes:
        locked_until: When the lock ends, if the confirmation is locked now.
        tries_left: Wrong tries left before it locks (0 while locked).
    """

    locked_until: dt.datetime | None
    tries_left: int

    @property
    def locked(self) -> bool:
        """Whether no date of birth may be checked now."""
        return self.locked_until is not None


def confirm_lock(
    failures: Iterable[dt.datetime],
    now: dt.datetime,
    *,
    tries: int = CONFIRM_TRIES,
    seconds: int = LOCK_SECONDS,
) -> ConfirmLock:
    """The lock that the wrong tries since the last right one make at ``now``.

    Args:
        failures: When each wrong try was made (aware), since the last right one.
        now: The time now (aware).
        tries: Wrong tries within the window that lock.
        seconds: The window, and how long a lock lasts.
    """
    window = dt.timedelta(seconds=seconds)
    start: dt.datetime | None = None
    count = 0
    until: dt.datetime | None = None
    for failure in sorted(failures):
        if until is not None and failure < until:
            continue  # a try during a lock is not checked, so it does not count
        if start is None or failure - start >= window:
            start, count = failure, 0
        count += 1
        if count >= tries:
            until, start, count = failure + window, None, 0
    if until is not None and now < until:
        return ConfirmLock(until, 0)
    if start is None or now - start >= window:
        return ConfirmLock(None, tries)
    return ConfirmLock(None, tries - count)
