"""What the network's measures mean, as journey rules: a crossing of channels, a step done
digitally, an answer prefilled or typed, a decision of an agency, a stalled journey and
the step it stalls at, a cell too small to show.

The central store's insight (``sync.central.insight``) counts journeys with these;
they are written once here so that every face that reports on journeys means the
same by them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, timedelta
from typing import Final

from sync.domain.events import Channel

CITIZEN_FACING: Final[frozenset[Channel]] = frozenset({"counter", "van", "kiosk", "web"})
"""The channels a citizen meets a journey through (the back office is not one)."""
DIGITAL: Final[frozenset[Channel]] = frozenset({"web", "kiosk"})
"""The channels a step is done on digitally (GOV.UK's digital take-up): without a mediator."""
DECISIONS: Final[frozenset[str]] = frozenset(
    {"accepted", "approved", "granted", "issued", "completed", "refused", "rejected", "closed"}
)
"""Statuses by which an agency has decided a service: the service is resolved."""
STALL_DAYS: Final = 14
"""A journey left open with nothing done on it for this many days has stalled."""
SMALLEST_CELL: Final = 5
"""A count of fewer journeys than this is never shown (it could single a citizen out)."""
DAY_MS: Final = 86_400_000


def crossed_channels(channels: Collection[str]) -> bool:
    """Whether a journey met its citizen through more than one channel (counter, then home)."""
    return len(CITIZEN_FACING.intersection(channels)) > 1


MEDIATED: Final[frozenset[Channel]] = frozenset({"counter", "van"})
"""The channels where a mediator's time is spent on a journey."""


def assisted_by_mediator(channel: str) -> bool:
    """Whether an event on ``channel`` took a mediator's time (its span counts as cost)."""
    return channel in MEDIATED


def done_digitally(channel: str) -> bool:
    """Whether a step completed on ``channel`` counts as done digitally."""
    return channel in DIGITAL


def prefilled(source: str) -> bool:
    """Whether an answer was offered from what was known (card, earlier journey) not typed."""
    return source != "typed"


def decided(status: str) -> bool:
    """Whether an agency's status says it decided the service (the service is resolved)."""
    return status.strip().lower() in DECISIONS


def stalled(*, closed: bool, last_day: date, today: date) -> bool:
    """Whether an open journey has had nothing done on it for ``STALL_DAYS`` days: its
    last event's day (UTC) is ``STALL_DAYS`` or more before today's."""
    return not closed and (today - last_day).days >= STALL_DAYS


def last_quiet_day(today: date) -> date:
    """The latest last day (UTC) of a journey that has stalled by ``today``."""
    return today - timedelta(days=STALL_DAYS)


def stalled_step(steps: Sequence[str], done: Collection[str]) -> str | None:
    """The step a service stalls at: its first step (in the catalogue's order) not done."""
    for step in steps:
        if step not in done:
            return step
    return None


def shown(count: int) -> bool:
    """Whether a cell counting ``count`` journeys may be shown (else it reads "< 5")."""
    return count >= SMALLEST_CELL
