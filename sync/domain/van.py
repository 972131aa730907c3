"""The van's rules: what waits, what is parked, when a link appeared, when a sync may start.

A van works for days offline, then syncs over whatever link it finds. These are
the rules its face applies (``app.counter.van``), written once here:

- *Waiting*: an event of this device whose ``seq`` is above the highest one the
  central store has acknowledged without gaps (``waiting``). A journey waits when
  one of its events does.
- *Parked*: an event of this device that the central store quarantined, with the
  store's reason; it counts as held, so it never waits, but it is shown until
  someone deals with it.
- *A link appeared*: a round reached the central store after the one before it
  did not (or before any round ran) (``link_appeared``).
- *Busy in a form*: the screen on top is a form (the steps of a service, the
  typed identity) and one of its fields holds an edit not saved yet — typed but
  not confirmed with Enter (``busy_in_form``). A sync that falls due then waits
  until the field is saved or the mediator leaves the screen (``may_sync``): a
  round must not steal the machine's two cores, nor redraw what they are typing,
  in the middle of a sentence.
- *Since the last sync*: the time from the last round that reached the central
  store to now, in days, hours and minutes (``since``); a clock set back reads
  as "just now", never as a negative time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Final

UP_STATES: Final = frozenset({"synced", "pending"})
"""Round outcomes after which the central store answered."""


def waiting(last_seq: int, acked_seq: int) -> int:
    """This device's events the central store has not acknowledged yet."""
    return max(last_seq - acked_seq, 0)


def link_appeared(before: str | None, after: str) -> bool:
    """Whether a round whose state is ``after`` found the central store that the one
    before it (state ``before``, None when none ran) did not reach."""
    return after in UP_STATES and (before is None or before not in UP_STATES)


@dataclass(frozen=True, slots=True)
class FormActivity:
    """What the mediator is doing on the screen on top.

    Attributes:
        on_form: The screen is a form (steps, typed identity).
        edited_fields: Fields on it holding an edit not saved yet.
    """

    on_form: bool = False
    edited_fields: int = 0


IDLE: Final = FormActivity()
"""No form on screen."""


def busy_in_form(activity: FormActivity) -> bool:
    """In the middle of a form: a form on screen with a field edited and not saved."""
    return activity.on_form and activity.edited_fields > 0


def may_sync(activity: FormActivity) -> bool:
    """Whether a round that is due may start now (else it waits for the form)."""
    return not busy_in_form(activity)


@dataclass(frozen=True, slots=True)
class Elapsed:
    """A stretch of time in whole days, hours and minutes (minutes rounded down)."""

    days: int
    hours: int
    minutes: int

    @property
    def just_now(self) -> bool:
        """Less than a minute."""
        return self.days == self.hours == self.minutes == 0


def elapsed(seconds: float) -> Elapsed:
    """``seconds`` as days, hours and minutes; a negative time is none."""
    minutes = max(int(seconds // 60), 0)
    return Elapsed(minutes // 1440, minutes % 1440 // 60, minutes % 60)


def since(now: datetime, last_sync: datetime | None) -> Elapsed | None:
    """The time since the last round that reached the central store; None if none did."""
    if last_sync is None:
        return None
    return elapsed((now - last_sync).total_seconds())
