"""The counter's navigation: which screen each intent shows, and whether it covers or replaces.

The one module that imports the counter's screens (besides the app, which
starts on the sign-in screen). Starting a journey runs identify → consent →
services → steps → review, each taking the place of the one before (``first``);
from the review, each screen covers it and Escape comes back.
"""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from app.counter import intents
from app.counter.screens.consent import ConsentScreen
from app.counter.screens.finish import FinishScreen
from app.counter.screens.help import HelpScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.identify import IdentifyScreen
from app.counter.screens.review import ReviewScreen
from app.counter.screens.services import ServicesScreen
from app.counter.screens.signin import SignInScreen
from app.counter.screens.steps import StepsScreen
from app.counter.screens.timeline import TimelineScreen
from app.session import Session

BASE_SCREENS = 2
"""Screens under every journey's screens: Textual's default screen and home."""


def first_screen() -> Screen[None]:
    """The screen the counter starts on."""
    return SignInScreen()


def is_sign_in(screen: Screen[object]) -> bool:
    """Whether ``screen`` is the sign-in or lock screen (nothing to lock there)."""
    return isinstance(screen, SignInScreen)


def screen_for(intent: intents.JourneyIntent) -> Screen[None]:
    """The screen that shows a journey intent."""
    jid = intent.journey_id
    match intent:
        case intents.AskConsent():
            return ConsentScreen(jid, first=intent.first)
        case intents.ChooseServices():
            return ServicesScreen(jid, first=intent.first)
        case intents.EditSteps():
            return StepsScreen(jid, first=intent.first)
        case intents.Review():
            return ReviewScreen(jid)
        case intents.Finish():
            return FinishScreen(jid)
        case intents.ShowTimeline():
            return TimelineScreen(jid, loaded=intent.loaded)
    raise TypeError(f"no screen for {type(intent).__name__}")


async def navigate(app: App[None], session: Session, intent: intents.Navigate) -> None:
    """Show what ``intent`` asks for.

    Args:
        app: The running counter app.
        session: Its shared state (the open journey is forgotten going home).
        intent: What a screen asked for.
    """
    match intent:
        case intents.ShowHome():
            await app.switch_screen(HomeScreen())
        case intents.Back() | intents.Unlocked():
            await app.pop_screen()
        case intents.GoHome():
            session.close_journey()
            while len(app.screen_stack) > BASE_SCREENS:
                await app.pop_screen()
        case intents.LockNow():
            operator = session.desk.operator
            if operator is not None and not is_sign_in(app.screen):
                await app.push_screen(SignInScreen(lock_for=operator))
        case intents.SignOut():
            session.close_journey()
            while len(app.screen_stack) > BASE_SCREENS:
                await app.pop_screen()
            await app.switch_screen(SignInScreen())
        case intents.StartJourney():
            await app.push_screen(IdentifyScreen(linked_to=intent.linked_to))
        case intents.OpenJourney():
            await app.push_screen(ReviewScreen(intent.journey_id, via=intent.via))
        case intents.ShowHelp():
            if not isinstance(app.screen, HelpScreen):
                await app.push_screen(HelpScreen(app.screen))
        case intents.JourneyIntent():
            screen = screen_for(intent)
            if intent.first:
                await app.switch_screen(screen)
            else:
                await app.push_screen(screen)
