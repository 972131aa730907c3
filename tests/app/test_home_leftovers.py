"""What Home must not keep (issue 14, item 16): the demo operator's hint after the start
that created it, and a QR or reference error once the screen was left and came back."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Static

from app.counter.intents import LockNow
from app.counter.screens.home import HomeScreen
from app.counter.screens.signin import SignInScreen
from app.i18n import tr
from tests.app.conftest import (
    PUBLIC_URL,
    SIZE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


def hints(app: object) -> list[str]:
    screen = app.screen  # type: ignore[attr-defined]
    return [str(hint.render()) for hint in screen.query("Static.hint").results(Static)]


def message(app: object) -> str:
    return str(app.screen.query_one("#home-message", Static).render())  # type: ignore[attr-defined]


async def test_the_demo_hint_shows_on_the_start_that_created_the_operator_only(
    make_app: AppFactory,
) -> None:
    demo = tr("en", "signin.demo", id="demo", pin="1234")
    first = make_app(sync_link=None)
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(first.screen, SignInScreen)
        first.session.ui_language = "en"
        await first.screen.relabel()
        assert demo in hints(first)
    again = make_app(sync_link=None)  # the next start, on the same store
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, SignInScreen)
        again.session.ui_language = "en"
        await again.screen.relabel()
        assert not any("demo" in hint for hint in hints(again))
        await sign_in(pilot)  # the operator is still there
        assert isinstance(again.screen, HomeScreen)


async def bad_reference(pilot: object) -> None:
    await pilot.press(*"ZZZ-ZZZ-ZZZ", "enter")  # type: ignore[attr-defined]
    await settle(pilot)
    assert message(pilot.app)  # type: ignore[attr-defined]


async def test_a_home_error_is_gone_after_lock_and_unlock(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await bad_reference(pilot)
        app.post_message(LockNow())
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
        await pilot.press(*"1234", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert message(app) == ""


async def test_a_home_error_is_gone_after_a_journey_opened_and_closed(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await bad_reference(pilot)
        await open_from_home(pilot, journey_id)
        assert not isinstance(app.screen, HomeScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert message(app) == ""


async def test_the_abandoned_note_is_gone_once_another_journey_was_opened(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # the first demo card
        await settle(pilot)
        await pilot.press("ctrl+s")  # on to consent
        await settle(pilot)
        await pilot.press("escape")  # the citizen walks away
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "closed as abandoned" in message(app)
        await open_from_home(pilot, journey_id)  # the next citizen's journey
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert message(app) == ""


async def test_a_scanned_link_error_is_gone_after_lock_and_unlock(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        # A receipt's QR this machine does not know, as a USB scanner types it.
        await pilot.press(*f"{PUBLIC_URL}/c/UnknownTokenUnknownTokenUnknown0", "enter")
        await settle(pilot)
        assert message(app)
        home = app.screen
        assert isinstance(home, HomeScreen)
        app.post_message(LockNow())
        await settle(pilot)
        await pilot.press(*"1234", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert message(app) == ""
        assert app.screen.query_one("#resume", Input).value == ""  # nor what was scanned
