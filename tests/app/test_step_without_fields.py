"""A step that asks nothing (biometrics, a medical board) is ticked done at the counter."""

from __future__ import annotations

import pytest

from app.counter.screens.steps import StepsScreen
from app.widgets.tick import Tick
from sync.store.operators import get_operator
from tests.app.conftest import AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio

ID_CARD = "civil-registry.id-card"  # details (fields), then biometrics (nothing to ask)


async def test_the_mediator_ticks_a_step_that_asks_nothing(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    app.desk.operator = get_operator(app.desk.store, "demo")
    app.desk.add_service(journey_id, ID_CARD)
    app.desk.operator = None
    async with app.run_test(size=(120, 38)) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, StepsScreen)
        page = next(i for i, p in enumerate(screen.pages)
                    if p.step is not None and p.step.id == "biometrics")  # fmt: skip
        await screen.go_to(page)
        await settle(pilot)
        assert screen.current == page
        tick = screen.query_one("#step-done", Tick)
        assert not tick.value
        tick.value = True
        await settle(pilot)
        state = app.desk.store.journey(journey_id)
        assert (ID_CARD, "biometrics") in state.steps_done
        assert screen.query_one("#step-done", Tick).disabled
