"""The returning citizen: a card read finds their open journey; home finds one by name."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from app.card_identity import identity_from_card
from app.counter.screens.home import HomeScreen
from app.counter.screens.identify import IdentifyScreen
from app.counter.screens.review import ReviewScreen
from devices.cards.simulated import SimulatedCardReader
from sync.domain.ids import format_reference
from sync.store.operators import get_operator
from tests.app.conftest import SIZE, AppFactory, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


def start_for(app: object, card: str) -> str:
    desk = app.desk  # type: ignore[attr-defined]
    desk.operator = get_operator(desk.store, "demo")
    reader = SimulatedCardReader()
    reader.insert(card)
    journey_id = desk.start_with_identity(
        identity_from_card(reader.read(), reader.reader_name), "en"
    )
    desk.add_service(journey_id, "tax.change-of-address")
    desk.operator = None
    return str(journey_id)


async def test_reading_the_card_of_a_citizen_with_an_open_journey_offers_it(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # the first demo card: Marie Peeters
        await settle(pilot)
        identify = app.screen
        assert isinstance(identify, IdentifyScreen)
        said = str(identify.query_one("#returning", Static).render())
        assert said == (
            f"Marie has an open journey {ref} with 2 services: F7 continues it, "
            "Ctrl+S starts a new one."
        )
        await pilot.press("f7")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.journey_id == journey_id
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["HomeScreen", "ReviewScreen"]
    assert len(app.desk.store.journeys(limit=10)) == 1  # no second journey
    opened = app.desk.store.audit_entries("journey.opened", journey_id=journey_id)
    assert [detail for *_, detail in opened] == ["returning"]


async def test_a_closed_journey_or_another_citizen_is_not_offered(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    closed = seed_journey(app)
    app.desk.operator = get_operator(app.desk.store, "demo")
    app.desk.close(closed, "duplicate")
    app.desk.operator = None
    start_for(app, "jean-francois-dubois")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # Marie Peeters again
        await settle(pilot)
        assert str(app.screen.query_one("#returning", Static).render()) == ""
        assert app.screen.check_action("continue_journey", ()) is False


async def test_home_finds_a_journey_by_the_citizens_name_accents_and_case_ignored(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    jean = start_for(app, "jean-francois-dubois")
    start_for(app, "marie-peeters")
    start_for(app, "marie-peeters")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press(*"FRANCOIS dubois", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.journey_id == jean
        await pilot.press("escape")
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press(*"marie", "enter")  # two journeys: listed to pick one
        await settle(pilot)
        assert "2 journeys for that name" in str(home.query_one("#home-message").render())
        table = home.query_one("#journeys", DataTable)
        assert table.row_count == 2 and app.focused is table
        await pilot.press(*"zorro", "enter")  # typed from the list: goes to the field
        await settle(pilot)
        assert "No journey on this machine for that name" in str(
            home.query_one("#home-message").render()
        )
