"""The steps screen (issue 14, item 15): its footer shows the next-step key while a field
has the focus, and Enter on a step's last field moves on to the next step."""

from __future__ import annotations

import pytest
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from app.counter.screens.steps import StepsScreen
from app.i18n import tr
from app.widgets.field_row import FieldRow
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


async def open_steps(pilot: object, journey_id: str) -> StepsScreen:
    await sign_in(pilot)
    await open_from_home(pilot, journey_id)
    await pilot.press("ctrl+e")  # type: ignore[attr-defined]
    await settle(pilot)
    steps = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(steps, StepsScreen)
    return steps


async def test_the_footer_shows_the_next_step_key_while_a_field_has_the_focus(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        assert isinstance(app.focused, Input)
        shown = {key.description for key in steps.query(FooterKey)}
        assert tr(app.session.ui_language, "key.next_step") in shown
        await pilot.press("pagedown")  # and the key does what it says, from a field
        await settle(pilot)
        assert steps.current == 1


async def test_enter_on_the_last_field_of_a_step_moves_to_the_next_step(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)  # the number and the new address answered
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        rows = list(steps.query(FieldRow))
        last = rows[-1]
        assert last.field.key == "address.move_date"
        last.query_one(Input).focus()
        await pilot.press(*"2026-11-20", "enter")
        await settle(pilot)
        assert app.desk.journey(journey_id).answers["address.move_date"].value == "2026-11-20"
        assert steps.current == 1
        assert isinstance(app.focused, Input)
        assert app.focused in steps.query_one("#step-form").query(Input)


async def test_enter_on_a_last_field_in_error_stays_on_it(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        steps = await open_steps(pilot, journey_id)
        last = list(steps.query(FieldRow))[-1]
        last.query_one(Input).focus()
        await pilot.press(*"nope", "enter")
        await settle(pilot)
        assert steps.current == 0
        assert last.error
        assert app.focused is last.query_one(Input)
