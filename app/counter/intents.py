"""What a counter screen asks for instead of opening another screen: intent messages.

Screens post these; they bubble up to the app, whose navigation
(``app.counter.navigation``) decides which screen that is and whether it covers
the current one or takes its place. So no screen imports another, and the
order of the journey's screens is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from sync.domain.events import Event
from sync.domain.fold import JourneyState


class Navigate(Message):
    """Base of every intent; the app's one handler receives them all."""


@dataclass
class ShowHome(Navigate):
    """Today's journeys, in place of the screen asking (after signing in)."""


@dataclass
class GoHome(Navigate):
    """Close the journey's screens and show today's journeys."""


@dataclass
class Back(Navigate):
    """Back to the screen before."""


@dataclass
class Unlocked(Navigate):
    """The lock screen's PIN was right: show what it covered."""


@dataclass
class LockNow(Navigate):
    """Cover the screen until the operator's PIN is typed again."""


@dataclass
class SignOut(Navigate):
    """End the operator's session and show the sign-in."""


@dataclass
class StartJourney(Navigate):
    """Start a journey: first, who is the citizen.

    Attributes:
        linked_to: The canonical reference the new journey continues, when that
            journey could not be fetched (a linked journey).
    """

    linked_to: str | None = None


@dataclass
class OpenJourney(Navigate):
    """Show a journey's overview.

    Attributes:
        journey_id: The journey.
        via: How it was found (``list``, ``reference``, ``handoff``, ``fetched``,
            ``fetched_by_link``); the reading is audited with it.
    """

    journey_id: str
    via: str


@dataclass
class JourneyIntent(Navigate):
    """An intent about the open journey.

    Attributes:
        journey_id: The journey.
        first: Part of starting the journey: the next screen takes the place of
            this one (the journey goes on from there) rather than covering it.
    """

    journey_id: str
    first: bool = False


@dataclass
class AskConsent(JourneyIntent):
    """The consent purposes, explained in the citizen's language."""


@dataclass
class ChooseServices(JourneyIntent):
    """Search and choose the journey's services."""


@dataclass
class EditSteps(JourneyIntent):
    """The steps of the journey's services."""


@dataclass
class Review(JourneyIntent):
    """What is done and left; finish from there."""


@dataclass
class Finish(JourneyIntent):
    """Submit what is complete, hand off, print, feedback."""


@dataclass
class ShowTimeline(JourneyIntent):
    """The journey's whole history.

    Attributes:
        loaded: The journey as the asking screen has just read it, shown at once.
    """

    loaded: tuple[JourneyState, list[Event]] | None = None


@dataclass
class ShowDay(Navigate):
    """The van's day: today's journeys, what waits to sync, what is parked, receipts."""


@dataclass
class ShowReminders(JourneyIntent):
    """The reminders scheduled on the journey: schedule, see, cancel."""


@dataclass
class ShowHelp(Navigate):
    """The keys and a paragraph about the screen on top."""
