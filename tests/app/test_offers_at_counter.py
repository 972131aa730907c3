"""Proactive: adding a service of a life circumstance offers the circumstance's other
services, each one key to add, none added unasked."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList

from app.counter.screens.services import ServicesScreen
from sync.store.operators import get_operator
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    AppFactory,
    open_from_home,
    settle,
    sign_in,
)
from tests.app.screen_text import screen_lines
from tests.app.test_field_errors import fresh_journey

pytestmark = pytest.mark.anyio

VEHICLES_MOVE = "vehicles.address-change"


async def offers_of(pilot: object, journey_id: str) -> OptionList:
    """Signed in, on the journey's services screen (Ctrl+A): its list of offers."""
    await sign_in(pilot)
    await open_from_home(pilot, journey_id)
    await pilot.press("ctrl+a")  # type: ignore[attr-defined]
    await settle(pilot)
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ServicesScreen)
    return screen.query_one("#offers", OptionList)


async def test_adding_a_moving_house_service_offers_the_others(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = fresh_journey(app)  # social security's change of address only
    catalogue = app.desk.catalogue
    moving = [s.id for s in catalogue.services_for_circumstance(
        catalogue.services[SS_MOVE].circumstances[0])]  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        offered = await offers_of(pilot, journey_id)
        ids = [offered.get_option_at_index(i).id for i in range(offered.option_count)]
        assert ids and SS_MOVE not in ids
        assert set(ids) <= set(moving) | {
            s.id for c in catalogue.services[SS_MOVE].circumstances
            for s in catalogue.services_for_circumstance(c)
        }  # fmt: skip
        assert app.desk.journey(journey_id).services == (SS_MOVE,)  # none added unasked
        offered.focus()
        offered.highlighted = 0
        await pilot.press("enter")  # one key adds it
        await settle(pilot)
        assert app.desk.journey(journey_id).services == (SS_MOVE, ids[0])
        after = [offered.get_option_at_index(i).id for i in range(offered.option_count)]
        assert ids[0] not in after
    assert get_operator(app.desk.store, "demo") is not None


def _earlier_journey(app: object, card: str, service: str) -> str:
    """A journey of the citizen on ``card`` in which ``service`` was submitted."""
    journey_id = fresh_journey(app, card, service)
    desk = app.desk  # type: ignore[attr-defined]
    desk.operator = get_operator(desk.store, "demo")
    desk.submit(journey_id, [service])
    desk.operator = None
    return journey_id


async def test_what_the_citizen_submitted_in_an_earlier_journey_is_not_offered_again(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    _earlier_journey(app, "marie-peeters", TAX_MOVE)  # Marie changed her tax address already
    _earlier_journey(app, "jean-francois-dubois", VEHICLES_MOVE)  # someone else did this one
    journey_id = fresh_journey(app)  # Marie again: social security's change of address
    assert app.desk.journey(journey_id).closed is None
    async with app.run_test(size=SIZE) as pilot:
        offered = await offers_of(pilot, journey_id)
        ids = [offered.get_option_at_index(i).id for i in range(offered.option_count)]
        assert TAX_MOVE not in ids  # done in her earlier journey
        assert VEHICLES_MOVE in ids  # done by another citizen: still hers to do
        assert "municipality.residence-registration" in ids


@pytest.mark.parametrize("size", [(80, 24), (120, 38)])
async def test_the_offers_are_on_screen_at_80x24_too(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    # At 80x24 the list of offers had no row left under the chosen services and the
    # hint (the trial: "Also for Moving house (Enter adds):" over an empty box).
    app = make_app(sync_link=None)
    journey_id = fresh_journey(app)
    async with app.run_test(size=size) as pilot:
        offered = await offers_of(pilot, journey_id)
        assert offered.option_count >= 3
        shown = offered.content_region
        assert shown.height >= 4, shown  # the first offers, wrapped, can be read
        assert shown.bottom <= app.screen.size.height - 1  # above the footer
        first = str(offered.get_option_at_index(0).prompt).split("(")[0].split()[1]
        lines = screen_lines(app)[shown.y : shown.bottom]
        assert any(first in line for line in lines), (first, lines)


async def test_enter_on_the_offers_just_reached_adds_the_first(make_app: AppFactory) -> None:
    # Tabbed into, the list highlighted nothing, and Enter added nothing (the trial).
    app = make_app(sync_link=None)
    journey_id = fresh_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        offered = await offers_of(pilot, journey_id)
        first = offered.get_option_at_index(0).id
        offered.focus()
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)
        assert app.desk.journey(journey_id).services == (SS_MOVE, first)
