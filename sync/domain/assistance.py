"""Calls for a person: which help requests the citizen made on their own (from home, at a
kiosk), the ones a counter shows beside the journey, newest first.

``assistance.requested`` may name the service, step and screen the citizen was on
(``sync.domain.events``); the fold keeps each as a ``HelpRequest``. A request recorded
at a counter or in a van is the mediator's own note, not a call to answer.
"""

from __future__ import annotations

from typing import Final

from sync.domain.events import Channel
from sync.domain.fold import HelpRequest, JourneyState

CITIZEN_CHANNELS: Final[frozenset[Channel]] = frozenset({"web", "kiosk"})
"""Where a citizen asks for help without a mediator beside them."""


def from_citizen(channel: Channel) -> bool:
    """Whether help asked for on ``channel`` is the citizen's own call for a person."""
    return channel in CITIZEN_CHANNELS


def citizen_help(state: JourneyState) -> tuple[HelpRequest, ...]:
    """The help requests the citizen made from home or at a kiosk, newest first."""
    return tuple(reversed([r for r in state.help_requests if from_citizen(r.channel)]))
