"""Editing keys typed in a burst act where they were typed: Backspace, the arrows and
Home between characters edit the text as the person typing meant, in a step's field,
the home screen's resume field and the consent's address (``app.widgets.entry``; the
trial's ``BSpace``×6 then a new number in one burst kept the old digits and cut six
characters off the end of what followed)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.counter.screens.home import HomeScreen
from tests.app.conftest import SIZE, AppFactory, sign_in
from tests.app.test_consent_typed_ahead import on_consent
from tests.app.test_steps_leaving import burst, rows, two_services, typed_into
from tests.app.test_steps_next import open_steps

pytestmark = pytest.mark.anyio


async def test_backspaces_typed_ahead_delete_before_what_follows(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        number = rows(steps)["ss.number"]
        await burst(pilot, "12345", "backspace", "backspace", "9")
        assert number.entry.value == "1239"


async def test_a_wrong_answer_corrected_in_one_burst_is_saved(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = two_services(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        await burst(pilot, "12345", "enter", *["backspace"] * 5, "12345678901", "enter")
        assert app.desk.journey(journey_id).answers["ss.number"].value == "12345678901"
        assert app.focused is rows(steps)["address.new"].entry


async def test_arrows_and_home_typed_ahead_move_before_the_next_character(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        field = home.query_one("#resume", Input)
        await typed_into(pilot, field, "ac", "left", "b", "home", "x", "end", "d")
        assert field.value == "xabcd"


async def test_the_contact_address_corrected_in_one_burst(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        consent = await on_consent(pilot)
        field = consent.query_one("#contact-address", Input)
        await typed_into(pilot, field, "a@b.pt", "backspace", "backspace", "org")
        assert field.value == "a@b.org"
