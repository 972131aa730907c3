"""The counter's services screen (issue 14, item 14): removing from "In this journey"
at once, a search that finds nothing says so and tolerates a typo, typing in the
results goes to the search field, and a life circumstance lists its core services first."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static

from app.counter.screens.services import ServicesScreen
from app.messages import LanguageSwitched
from app.session import session_of
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


async def _services(pilot: Pilot[Any], journey_id: str) -> ServicesScreen:
    await sign_in(pilot)
    await open_from_home(pilot, journey_id)
    await pilot.press("ctrl+a")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ServicesScreen)
    return screen


def _ids(options: OptionList) -> list[str | None]:
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def test_delete_removes_the_first_chosen_service_as_soon_as_the_list_has_focus(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)  # social security's and tax's change of address
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)
        chosen = screen.query_one("#chosen", OptionList)
        while screen.focused is not chosen:  # Tab, as the operator gets there
            await pilot.press("tab")
        await pilot.press("delete")
        await settle(pilot)
        assert app.desk.journey(journey_id).services == (TAX_MOVE,)
        assert _ids(chosen) == [TAX_MOVE]
        await pilot.press("delete")  # the next one is highlighted in turn
        await settle(pilot)
        assert app.desk.journey(journey_id).services == ()


async def test_typing_in_the_results_goes_to_the_search_field(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)
        search = screen.query_one("#search", Input)
        await pilot.press(*"morada", "enter")
        await settle(pilot)
        results = screen.query_one("#results", OptionList)
        assert screen.focused is results
        await pilot.press(*" nova")
        await settle(pilot)
        assert search.value == "morada nova"
        assert screen.focused is search
        assert search.cursor_position == len(search.value)


async def test_a_search_without_results_says_so_in_the_operators_language(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)  # the demo operator works in English
        await pilot.press(*"xyzzyq")
        await settle(pilot)
        assert screen.query_one("#results", OptionList).option_count == 0
        assert str(screen.query_one("#no-results", Static).render()) == (
            "No service matches 'xyzzyq'"
        )
        session_of(screen).ui_language = "pt"  # the operator switches to Portuguese
        app.post_message(LanguageSwitched())
        await settle(pilot)
        empty = screen.query_one("#no-results", Static)
        assert empty.display
        assert str(empty.render()) == "Nenhum serviço corresponde a «xyzzyq»"
        await pilot.press("ctrl+u")  # cleared: no message
        await settle(pilot)
        assert not empty.display


async def test_a_typo_still_finds_the_address_changes(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)
        await pilot.press(*"adress")  # English "address" with one letter missing
        await settle(pilot)
        found = _ids(screen.query_one("#results", OptionList))
        assert {SS_MOVE, TAX_MOVE} <= set(found)
        assert not screen.query_one("#no-results", Static).display


async def test_moving_house_lists_its_core_services_first(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)
        circumstances = screen.query_one("#circumstances", OptionList)
        circumstances.focus()
        await pilot.pause()
        circumstances.highlighted = _ids(circumstances).index("moving-house")
        await pilot.press("enter")
        await settle(pilot)
        listed = _ids(screen.query_one("#results", OptionList))
        address_changes = [SS_MOVE, TAX_MOVE, "vehicles.address-change"]
        last_change = max(listed.index(s) for s in address_changes)
        assert listed.index("civil-registry.id-card") > last_change
        assert listed.index("education.school-enrolment") > last_change
        core = app.desk.catalogue.circumstances["moving-house"].core
        assert listed[: len(core)] == list(core)  # in the order the catalogue names them


async def test_a_search_and_its_pick_typed_in_one_burst_add_the_service(
    make_app: AppFactory,
) -> None:
    # tmux send-keys or a fast typist: the letters, Down and Enter all arrive before the
    # app has handled the first; Down must move into the results at once, so that the
    # Enter after it picks the service instead of landing in the search field.
    from tests.app.test_flow import burst

    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _services(pilot, journey_id)
        assert screen.focused is screen.query_one("#search", Input)
        burst(app, [*"resident", "down", "down", "enter"])  # the second result
        await settle(pilot)
        results = screen.query_one("#results", OptionList)
        assert _ids(results)[:2] == [
            "municipality.resident-parking",
            "municipality.residence-registration",
        ]
        assert app.desk.journey(journey_id).services == (
            SS_MOVE, TAX_MOVE, "municipality.residence-registration"
        )  # fmt: skip
