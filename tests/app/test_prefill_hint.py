"""A known answer offered from an earlier journey names that journey by the reference the
citizen has on their receipt (ABC-DEF-GHJ, with its dashes)."""

from __future__ import annotations

import pytest

from app.counter.screens.steps import StepsScreen
from app.widgets.field_row import FieldRow
from sync.domain.ids import format_reference
from sync.store.operators import get_operator
from tests.app.conftest import SIZE, SS_MOVE, AppFactory, open_from_home, settle, sign_in
from tests.app.test_field_errors import fresh_journey

pytestmark = pytest.mark.anyio


async def test_the_prefill_hint_shows_the_reference_as_printed(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    desk = app.desk
    earlier = fresh_journey(app, service=SS_MOVE)
    desk.operator = get_operator(desk.store, "demo")
    desk.record_answer(earlier, "ss.number", "12345678901", complete_steps=True)
    journey_id = fresh_journey(app, service=SS_MOVE)
    desk.operator = get_operator(desk.store, "demo")
    desk.give_consent(journey_id, ["services", "prefill"])
    desk.operator = None
    ref = desk.journey(earlier).ref
    assert ref is not None and "-" not in ref
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        steps = app.screen
        assert isinstance(steps, StepsScreen)
        row = next(r for r in steps.query(FieldRow) if r.field.key == "ss.number")
        assert row.entry.value == "12345678901"
        status = str(row.query_one(".field-status").render())
        assert f"known from journey {format_reference(ref)}: Enter confirms" in status
