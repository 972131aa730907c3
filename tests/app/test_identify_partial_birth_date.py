"""A card that holds only the year of birth: the counter keeps what it read and asks the
mediator for the date before anyone is identified (Pilot, simulated reader)."""

from __future__ import annotations

import pytest
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from app.counter.screens.consent import ConsentScreen
from app.counter.screens.identify import IdentifyScreen
from sync.store.store import LocalStore
from tests.app.conftest import SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio

YEAR_ONLY = "amina-sesay"


def _text(static: Static) -> str:
    return str(static.render())


async def _pick(pilot: object, screen: IdentifyScreen, key: str) -> None:
    cards = screen.query_one("#demo-cards", OptionList)
    cards.focus()
    cards.highlighted = [cards.get_option_at_index(i).id for i in range(cards.option_count)].index(
        key
    )
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_a_card_with_only_the_year_asks_for_the_date_before_identifying(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, IdentifyScreen)
        birth = screen.query_one("#card-birth", Vertical)
        entry = screen.query_one("#card-birth_date", Input)
        error = screen.query_one("#error-card-birth_date", Static)

        await _pick(pilot, screen, "marie-peeters")  # a whole date: nothing to ask
        assert not birth.display

        await _pick(pilot, screen, YEAR_ONLY)
        identity = screen.identity
        assert identity is not None and identity.needs_birth_date
        assert identity.name == "Amina Sesay" and identity.national_number == "79000014856"
        assert identity.address["municipality"] == "Schaerbeek"
        english = _text(screen.query_one("#card-birth-hint", Static))
        assert birth.display and "1979" in english
        assert app.focused is entry

        await pilot.press("f2")  # another UI language: the question stays, in that language
        await settle(pilot)
        birth = screen.query_one("#card-birth", Vertical)
        hint = _text(screen.query_one("#card-birth-hint", Static))
        assert birth.display and "1979" in hint and hint != english
        entry = screen.query_one("#card-birth_date", Input)
        error = screen.query_one("#error-card-birth_date", Static)

        await pilot.press("ctrl+s")  # nothing typed yet
        await settle(pilot)
        assert app.screen is screen and _text(error)
        await pilot.press(*"12/05/1980", "enter")  # not the card's year
        await settle(pilot)
        assert app.screen is screen and "1979" in _text(error)
        assert store.journeys() == []  # nobody identified with half a date

        entry.value = ""
        await pilot.press(*"12/05/1979", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        journey_id = app.screen.journey_id

    events = store.events_of(journey_id)
    identified = [e.data for e in events if e.type == "citizen.identified"]
    assert identified == [
        {
            "method": "card",
            "name": "Amina Sesay",
            "birth_date": "1979-05-12",
            "national_number": "79000014856",
            "card_number": "592173604823",
            "nationality": "Sierra-léonaise",
        }
    ]
    sources = {e.data["field"]: e.data["source"] for e in events if e.type == "answer.recorded"}
    assert sources["citizen.birth_date"] == "typed" and sources["citizen.name"] == "card"
    state = store.journey(journey_id)
    assert state.citizen is not None and state.citizen.birth_date == "1979-05-12"
    assert state.answers["address.current"].value["street"] == "Rue de Brabant 77"
