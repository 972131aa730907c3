"""The mediator's session around the journeys: idle lock, sign-out, languages, typing an
identity by hand, and the help screen."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from app.counter.screens.consent import ConsentScreen
from app.counter.screens.help import HelpScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.identify import IdentifyScreen
from app.counter.screens.review import ReviewScreen
from app.counter.screens.signin import SignInScreen
from tests.app.conftest import (
    SIZE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


def _text(static: Static) -> str:
    return str(static.render())


async def test_an_idle_screen_locks_and_only_the_pin_opens_it(make_app: AppFactory) -> None:
    app = make_app(lock_after=60.0)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        assert isinstance(app.screen, ReviewScreen)

        app._check_idle()  # input a moment ago: no lock
        assert isinstance(app.screen, ReviewScreen)
        app._last_input -= 61  # a minute without a key
        app._check_idle()
        await settle(pilot)
        lock = app.screen
        assert isinstance(lock, SignInScreen) and lock.lock_for is not None
        assert lock.query_one("#operator", Input).disabled  # no one else slips in

        await pilot.press(*"9999", "enter")
        await settle(pilot)
        assert app.screen is lock
        assert "PIN" in _text(lock.query_one("#signin-error", Static))

        await pilot.press(*"1234", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)  # back where the mediator was
        assert app.screen.journey_id == journey_id


async def test_sign_out_forgets_the_operator(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert app.desk.operator is not None
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen) and app.screen.lock_for is None
        assert app.desk.operator is None
        assert app.session.journey_id is None


async def test_languages_switch_at_any_time_and_the_citizens_may_differ(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)  # the demo operator works in English
        assert app.session.ui_language == "en"
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, IdentifyScreen)
        assert app.session.citizen_language == "pt"  # the site's first language
        for _ in range(3):  # F3 goes round the site's languages; the citizen speaks Spanish
            if app.session.citizen_language == "es":
                break
            await pilot.press("f3")
            await settle(pilot)
        assert app.session.citizen_language == "es"
        await pilot.press("f2")  # the mediator switches the screen to Spanish too
        await settle(pilot)
        assert app.session.ui_language == "es"
        assert _text(app.screen.query_one(".title", Static)) == "¿Quién es el ciudadano?"
        await pilot.press("enter")  # the first demo card
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        journey_id = app.screen.journey_id
    state = app.desk.store.journey(journey_id)
    assert state.language == "es"


async def test_an_identity_typed_by_hand_is_checked_field_by_field(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IdentifyScreen)
        screen.query_one("#manual-name", Input).value = "Ana Maria Costa"
        screen.query_one("#manual-birth_date", Input).value = "31/02/1990"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen  # nothing started on a bad date
        assert _text(screen.query_one("#error-birth_date", Static))
        assert app.desk.store.journeys() == []

        screen.query_one("#manual-birth_date", Input).value = "28/02/1990"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        journey_id = app.screen.journey_id
    state = app.desk.store.journey(journey_id)
    assert state.citizen is not None
    assert state.citizen.name == "Ana Maria Costa"
    assert state.citizen.method == "manual"
    assert str(state.citizen.birth_date) == "1990-02-28"


async def test_help_lists_the_keys_of_the_screen_below(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("f1")
        await settle(pilot)
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(width=100, record=True)
        console.print(help_screen.query_one("#help-keys", Static).content)
        keys = console.export_text()
        assert "New journey" in keys and "Sign out" in keys
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
