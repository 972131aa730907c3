"""Keys typed in one burst on the consent screen land where the focus ends: ticking the
contact consent, Tab and the address typed at once put the whole address in its field
(issue 14, trial: ``Space Tab 'citizen@example.org'`` left ``ample.org``)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.counter.screens.consent import ConsentScreen
from app.widgets.tick import Tick
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in
from tests.app.test_steps_leaving import typed_into

pytestmark = pytest.mark.anyio


async def on_consent(pilot: object) -> ConsentScreen:
    app = pilot.app  # type: ignore[attr-defined]
    await sign_in(pilot)
    await open_from_home(pilot, seed_journey(app))
    await pilot.press("ctrl+k")  # type: ignore[attr-defined]
    await settle(pilot)
    consent = app.screen
    assert isinstance(consent, ConsentScreen)
    return consent


async def test_tick_tab_and_an_address_typed_at_once_fill_the_address(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        consent = await on_consent(pilot)
        await typed_into(
            pilot, consent.query_one("#purpose-contact", Tick), " ", "tab", "citizen@example.org"
        )
        assert consent.query_one("#purpose-contact", Tick).value
        field = consent.query_one("#contact-address", Input)
        assert app.focused is field
        assert field.value == "citizen@example.org"


async def test_shift_tab_typed_ahead_goes_back_before_the_next_key(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        consent = await on_consent(pilot)
        field = consent.query_one("#contact-address", Input)
        assert not consent.query_one("#purpose-contact", Tick).value
        await typed_into(pilot, field, "a@b.pt", "shift+tab", " ")
        assert field.value == "a@b.pt"
        assert app.focused is consent.query_one("#purpose-contact", Tick)
        assert consent.query_one("#purpose-contact", Tick).value  # the space ticked it


async def test_a_space_typed_in_the_address_field_is_typed_there(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        consent = await on_consent(pilot)
        field = consent.query_one("#contact-address", Input)
        await typed_into(pilot, field, "+351 912", "tab")
        assert field.value == "+351 912"
        assert not consent.query_one("#purpose-contact", Tick).value
