"""What a citizen did online through one handoff link: when they confirmed it, which steps
they did and which answers they gave there.

Assisted digital ("learn it here"): at the finish screen the citizen opens the QR on their
own phone with the mediator beside them, and the counter shows what reached the journey
from there. A link counts as opened and confirmed at the first ``handoff.redeemed`` of its
handoff on the web; what the citizen did with it is every ``step.completed`` and
``answer.recorded`` on the web after that, in clock order. The finish screen and anything
else that tells this story use ``done_online``; none decides it on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from sync.domain.events import Channel, Event
from sync.domain.fold import JourneyState, order
from sync.domain.handoff import HandoffState, handoff_state

ONLINE: Final[Channel] = "web"
"""The channel of the citizen's own pages, where a handoff link is redeemed."""

STILL_USABLE: Final[frozenset[HandoffState]] = frozenset({"live", "redeemed"})
"""What a handoff may be worth while the citizen can still use it (a redeemed link lets
the same citizen back in)."""


@dataclass(frozen=True, slots=True)
class DoneOnline:
    """What reached the journey through one handoff link.

    Attributes:
        handoff_id: The handoff.
        confirmed_wall: When the citizen opened the link and confirmed who they are
            (the wall time of its first ``handoff.redeemed`` on the web), if they have.
        steps: ``(service, step)`` completed online since, in the order first done.
        answers: Field keys answered online since, in the order first answered.
    """

    handoff_id: str
    confirmed_wall: str | None = None
    steps: tuple[tuple[str, str], ...] = ()
    answers: tuple[str, ...] = ()

    @property
    def confirmed(self) -> bool:
        """Whether the citizen has opened the link and confirmed who they are."""
        return self.confirmed_wall is not None


def done_online(events: Iterable[Event], handoff_id: str) -> DoneOnline:
    """What the citizen did online through the handoff ``handoff_id``, from the journey's events.

    Events may come in any order and with duplicates (as ``fold`` takes them).
    """
    confirmed: str | None = None
    steps: list[tuple[str, str]] = []
    answers: list[str] = []
    for event in order(events):
        if event.channel != ONLINE:
            continue
        if confirmed is None:
            if event.type == "handoff.redeemed" and event.data["handoff_id"] == handoff_id:
                confirmed = event.wall
            continue
        if event.type == "step.completed":
            step = (str(event.data["service"]), str(event.data["step"]))
            if step not in steps:
                steps.append(step)
        elif event.type == "answer.recorded" and event.data["field"] not in answers:
            answers.append(str(event.data["field"]))
    return DoneOnline(handoff_id, confirmed, tuple(steps), tuple(answers))


def still_usable(state: JourneyState, handoff_id: str, now: dt.datetime) -> bool:
    """Whether the citizen can still use this handoff's link at ``now`` (aware): neither
    revoked nor expired. While it is, a screen that watches for them syncs often."""
    handoff = state.handoffs.get(handoff_id)
    if handoff is None:
        return False
    return handoff_state(state, handoff.token_hash, now) in STILL_USABLE
