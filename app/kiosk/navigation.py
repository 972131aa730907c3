"""The kiosk's navigation: which screen each intent shows. The one module that imports the
kiosk's screens (the App imports it); screens post intents and never know each other.

Each step of a journey covers the one before, so Back goes back; forgetting the
citizen pops every screen and starts again on a fresh attract screen.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from app.kiosk import intents
from app.kiosk.kiosk_session import KioskSession
from app.kiosk.screens.attract import AttractScreen
from app.kiosk.screens.birth_date import BirthDateScreen
from app.kiosk.screens.card_gone import CardGoneScreen
from app.kiosk.screens.consent import ConsentScreen
from app.kiosk.screens.find import FindScreen
from app.kiosk.screens.finish import FinishScreen
from app.kiosk.screens.identify import IdentifyScreen
from app.kiosk.screens.idle import IdleScreen, Monotonic
from app.kiosk.screens.language import LanguageScreen
from app.kiosk.screens.mediator import MediatorScreen
from app.kiosk.screens.operator_exit import OperatorExitScreen
from app.kiosk.screens.questions import QuestionsScreen
from app.kiosk.screens.services import ServicesScreen
from app.kiosk.screens.start import StartScreen
from app.kiosk.screens.typed_identity import TypedIdentityScreen


def first_screen() -> Screen[None]:
    """The screen the kiosk starts on, and comes back to."""
    return AttractScreen()


def is_attract(screen: Screen[object]) -> bool:
    """Whether nobody is using the kiosk (nothing to forget)."""
    return isinstance(screen, AttractScreen)


def is_counting_down(screen: Screen[object]) -> bool:
    """Whether ``screen`` is the countdown (idle time is not counted while it is up)."""
    return isinstance(screen, IdleScreen)


def is_asking_pin(screen: Screen[object]) -> bool:
    """Whether ``screen`` is the operator's PIN field."""
    return isinstance(screen, OperatorExitScreen)


def idle_screen(seconds: float, monotonic: Monotonic) -> Screen[None]:
    """The countdown before the kiosk forgets the citizen."""
    return IdleScreen(seconds, monotonic)


def mediator_screen(ticket: int, message: str | None) -> Screen[None]:
    """The calm message with the ticket number."""
    return MediatorScreen(ticket, message)


def card_gone_screen() -> Screen[None]:
    """The card was pulled out: go on or stop."""
    return CardGoneScreen()


def exit_screen() -> OperatorExitScreen:
    """The operator's PIN."""
    return OperatorExitScreen()


def card_removed(screen: Screen[object]) -> None:
    """Tell a screen showing a card's identity that the card is gone."""
    if isinstance(screen, IdentifyScreen):
        screen.card_removed()


def screen_for(intent: intents.Navigate) -> Screen[None] | None:
    """The screen a forward intent shows (None: not a forward intent)."""
    match intent:
        case intents.Begin():
            return LanguageScreen()
        case intents.LanguageChosen():
            return StartScreen()
        case intents.StartNew():
            return IdentifyScreen()
        case intents.TypeIdentity():
            return TypedIdentityScreen()
        case intents.GoOn():
            return FindScreen()
        case intents.Resume():
            return BirthDateScreen(intent.journey_id, intent.via)
        case intents.JourneyOpened():
            if intent.ask_consent:
                return ConsentScreen(intent.journey_id)
            return ServicesScreen(intent.journey_id)
        case intents.ServicesChosen():
            return QuestionsScreen(intent.journey_id)
        case intents.AnswersDone():
            return FinishScreen(intent.journey_id)
    return None


async def navigate(app: App[None], session: KioskSession, intent: intents.Navigate) -> None:
    """Show what ``intent`` asks for.

    Args:
        app: The running kiosk.
        session: Its shared state (the open journey is noted on opening it).
        intent: What a screen asked for.
    """
    if isinstance(intent, intents.Back):
        if len(app.screen_stack) > 2:
            await app.pop_screen()
        return
    if isinstance(intent, intents.JourneyOpened):
        session.journey_id = intent.journey_id
    screen = screen_for(intent)
    if screen is None:
        return
    if isinstance(intent, intents.AnswersDone | intents.JourneyOpened):
        await app.switch_screen(screen)  # no way back into a step that is over
    else:
        await app.push_screen(screen)


async def start_again(app: App[None]) -> None:
    """Pop every screen (overlays too) and show a fresh attract screen."""
    while len(app.screen_stack) > 1:
        await app.pop_screen()
    await app.push_screen(first_screen())
