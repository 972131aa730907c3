"""Dates typed in a field come back in the operator's way of writing them (issue 14,
item 19): ``20/11/2026`` stays ``20/11/2026`` in Portuguese, not ``2026-11-20``."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from app.counter.screens.steps import StepsScreen
from app.widgets.field_row import FieldRow
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(("lang", "shown"), [("pt", "20/11/2026"), ("es", "20/11/2026")])
async def test_a_typed_date_is_shown_back_as_typed(
    make_app: AppFactory, lang: str, shown: str
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        steps.query(FieldRow).last().query_one(Input).focus()
        await pilot.press(*"20/11/2026", "enter")
        await settle(pilot)
        assert app.desk.journey(journey_id).answers["address.move_date"].value == "2026-11-20"
        await steps.go_to(0)  # back to the step of the date
        await settle(pilot)
        row = steps.query(FieldRow).last()
        assert row.field.key == "address.move_date"
        assert row.query_one(Input).value == shown
