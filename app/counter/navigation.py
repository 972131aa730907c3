"""The counter's navigation: which screen each intent shows, and whether it covers or replaces.

The one module that imports the counter's screens (besides the app, which
starts on the sign-in screen). Starting a journey runs identify → consent →
services → steps → review, each taking the place of the one before (``first``);
from the review, each screen covers it and Escape comes back.

Only the sign-in screen is imported with this module: the others are imported
when first shown (``_Deferred``), or ahead of that by ``warm_up`` in the app's
start-up worker, so that the process reaches its first frame without them (tens
of milliseconds). ``tests/unit/test_import_hygiene.py`` imports every screen
module alone, so a circle cannot hide behind the deferred import.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from app.counter import intents
from app.counter.screens.signin import SignInScreen
from app.session import Session

SCREEN_MODULES = (
    "consent",
    "day",
    "finish",
    "help",
    "home",
    "identify",
    "reminders",
    "review",
    "services",
    "steps",
    "timeline",
)
"""The counter's screen modules under ``app.counter.screens`` besides the sign-in."""


class _Deferred:
    """A screen module, imported when one of its names is first used."""

    def __init__(self, name: str) -> None:
        self._name = f"app.counter.screens.{name}"
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


if TYPE_CHECKING:  # the type checker sees the modules themselves
    from app.counter.screens import (
        consent,
        day,
        finish,
        home,
        identify,
        reminders,
        review,
        services,
        steps,
        timeline,
    )
    from app.counter.screens import help as help_screen
else:
    (
        consent,
        day,
        finish,
        help_screen,
        home,
        identify,
        reminders,
        review,
        services,
        steps,
        timeline,
    ) = (_Deferred(name) for name in SCREEN_MODULES)

BASE_SCREENS = 2
"""Screens under every journey's screens: Textual's default screen and home."""


def warm_up() -> None:
    """Import every screen module now (blocks tens of ms: call it from a worker)."""
    for name in SCREEN_MODULES:
        importlib.import_module(f"app.counter.screens.{name}")


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
            return consent.ConsentScreen(jid, first=intent.first)
        case intents.ChooseServices():
            return services.ServicesScreen(jid, first=intent.first)
        case intents.EditSteps():
            return steps.StepsScreen(jid, first=intent.first)
        case intents.Review():
            return review.ReviewScreen(jid)
        case intents.Finish():
            return finish.FinishScreen(jid)
        case intents.ShowTimeline():
            return timeline.TimelineScreen(jid, loaded=intent.loaded)
        case intents.ShowReminders():
            return reminders.RemindersScreen(jid)
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
            await app.switch_screen(home.HomeScreen())
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
            session.take_left()  # the app's sign-out closes it if it was abandoned
            while len(app.screen_stack) > BASE_SCREENS:
                await app.pop_screen()
            await app.switch_screen(SignInScreen())
        case intents.StartJourney():
            await app.push_screen(identify.IdentifyScreen(linked_to=intent.linked_to))
        case intents.OpenJourney():
            await app.push_screen(review.ReviewScreen(intent.journey_id, via=intent.via))
        case intents.ShowDay():
            if not isinstance(app.screen, day.DayScreen):
                await app.push_screen(day.DayScreen())
        case intents.ShowHelp():
            if not isinstance(app.screen, help_screen.HelpScreen):
                await app.push_screen(help_screen.HelpScreen(app.screen))
        case intents.JourneyIntent():
            screen = screen_for(intent)
            if intent.first:
                await app.switch_screen(screen)
            else:
                await app.push_screen(screen)
