"""What a kiosk screen asks for instead of opening another screen: intent messages.

Screens post these; the kiosk App hands the ones that change the screen to
``app.kiosk.navigation`` and handles the rest itself (listen, call a mediator,
text size, contrast, forget the citizen). No screen imports another.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


class KioskIntent(Message):
    """Base of every kiosk intent."""


class Navigate(KioskIntent):
    """An intent that changes the screen (``app.kiosk.navigation``)."""


@dataclass
class Begin(Navigate):
    """Someone touched the attract screen: ask their language."""


@dataclass
class LanguageChosen(Navigate):
    """The citizen chose their language: start something or go on with a receipt."""

    lang: str


@dataclass
class StartNew(Navigate):
    """Start a journey: who is the citizen (card or typed)."""


@dataclass
class TypeIdentity(Navigate):
    """The citizen types their name and date of birth."""


@dataclass
class GoOn(Navigate):
    """Go on with a journey: scan the receipt or type its reference."""


@dataclass
class Resume(Navigate):
    """A journey was found by reference or link: confirm the date of birth."""

    journey_id: str
    via: str


@dataclass
class JourneyOpened(Navigate):
    """The citizen is who they said (or just started the journey): choose services.

    Attributes:
        journey_id: The journey.
        ask_consent: A new journey: ask the consent purposes first.
    """

    journey_id: str
    ask_consent: bool = False


@dataclass
class ServicesChosen(Navigate):
    """The journey's services are chosen: answer their questions."""

    journey_id: str


@dataclass
class AnswersDone(Navigate):
    """No question left here: finish and print."""

    journey_id: str


@dataclass
class Back(Navigate):
    """Back to the screen before."""


@dataclass
class Forget(KioskIntent):
    """Clear every screen and forget the citizen (the journey stays stored)."""


@dataclass
class Listen(KioskIntent):
    """Read the screen on top aloud."""


@dataclass
class CallMediator(KioskIntent):
    """Ask for a person, saying where the citizen is.

    Attributes:
        reason: Why, when the kiosk calls by itself (``printer``, ``offline``, ``fault``).
    """

    reason: str | None = None


@dataclass
class ToggleLargeText(KioskIntent):
    """Larger or ordinary text."""


@dataclass
class ToggleContrast(KioskIntent):
    """High contrast or ordinary colours."""
