"""When a journey closes: abandoned before any service, done, or closed by the mediator.

A journey is closed by a ``journey.closed`` event with a reason, once; nothing
reopens it (the citizen who comes back with something new starts a new journey,
found from the old one by their card). A closed journey can still be read, and
one closed as done can have its receipt printed again (``receipt_possible``);
nothing in it changes (``is_open``). Three ways lead there (docs/journeys.md):

- ``abandoned``: the mediator left a journey that has no service (the citizen
  walked away at the consent screen, or before choosing anything). The
  identification was stored and may have synced; closing it takes it off every
  list of open journeys and off the returning-citizen offer.
- ``completed``: every service of the journey is submitted or resolved by its
  agency (a final status, ``FINAL_STATUSES``).
- a reason the mediator picks (``MEDIATOR_REASONS``).

The counter, the kiosk and the central store ask these functions; none decides
on its own when a journey is over.
"""

from __future__ import annotations

from typing import Final

from sync.domain.drafts import Draft
from sync.domain.fold import JourneyState

ABANDONED: Final = "abandoned"
"""The reason of a journey left before it had any service."""

COMPLETED: Final = "completed"
"""The reason of a journey whose services are all submitted or resolved."""

MEDIATOR_REASONS: Final = ("resolved", "withdrawn", "duplicate", "mistake")
"""The reasons a mediator can close a journey with (the counter's words for each are
``close.reason.<reason>``)."""

FINAL_STATUSES: Final = frozenset(
    {"approved", "granted", "issued", "completed", "resolved", "rejected", "refused", "closed"}
)
"""Agency statuses (lower case) after which the service needs nothing more from anyone."""


def is_open(state: JourneyState) -> bool:
    """Whether the journey has not been closed."""
    return state.closed is None


def receipt_possible(state: JourneyState) -> bool:
    """Whether the journey has a receipt to print: it has services, and it is open or
    closed as done (``completed``, or ``resolved`` by the mediator), when the citizen
    may need the receipt again to follow it. One closed otherwise (abandoned, withdrawn,
    a duplicate, a mistake) has nothing to hand over."""
    if not state.services:
        return False
    return state.closed in (None, COMPLETED, "resolved")


def resolved(state: JourneyState, service: str) -> bool:
    """Whether an agency's latest status for ``service`` is a final one."""
    status = state.status_of(service)
    return status is not None and status.status.strip().lower() in FINAL_STATUSES


def is_done(state: JourneyState) -> bool:
    """Whether the journey has services and every one is submitted or resolved."""
    return bool(state.services) and all(
        service in state.submitted or resolved(state, service) for service in state.services
    )


def closing_when_left(state: JourneyState) -> Draft | None:
    """The ``journey.closed`` a mediator leaving the journey causes: ``abandoned`` when
    it is open without any service; else None (it stays open for later)."""
    if not is_open(state) or state.services:
        return None
    return ("journey.closed", {"reason": ABANDONED})


def closing_when_done(state: JourneyState) -> Draft | None:
    """The ``journey.closed`` an open journey that is done gets (``completed``); else None."""
    if not is_open(state) or not is_done(state):
        return None
    return ("journey.closed", {"reason": COMPLETED})


def closing_by_mediator(state: JourneyState, reason: str) -> Draft:
    """The ``journey.closed`` a mediator asks for.

    Raises:
        ValueError: the journey is already closed, or ``reason`` is not one of
            ``MEDIATOR_REASONS`` (the message names it and what is allowed).
    """
    if not is_open(state):
        raise ValueError(f"the journey is already closed ({state.closed})")
    if reason not in MEDIATOR_REASONS:
        allowed = ", ".join(MEDIATOR_REASONS)
        raise ValueError(f"closing reason {reason!r} is not one of: {allowed}")
    return ("journey.closed", {"reason": reason})
