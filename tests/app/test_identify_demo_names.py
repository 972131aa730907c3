"""The demo card picker names each card's holder as the card writes it, diacritics and
all (Pilot, simulated reader over the committed demo cards)."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from app.counter.screens.identify import IdentifyScreen
from devices.cards.demo import load_citizens
from tests.app.conftest import SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_the_demo_cards_are_listed_by_the_names_they_hold(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IdentifyScreen)
        cards = screen.query_one("#demo-cards", OptionList)
        shown = {
            str(option.id): str(option.prompt)
            for option in (cards.get_option_at_index(i) for i in range(cards.option_count))
        }
    expected = {
        key: f"{record.given_names} {record.surname}" for key, record in load_citizens().items()
    }
    assert shown == expected
    assert shown["jean-francois-dubois"] == "Jean-François Léon Dubois"
