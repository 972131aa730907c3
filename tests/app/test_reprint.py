"""A reprint or a second finish revokes every earlier handoff: one link of a journey is live."""

from __future__ import annotations

import pytest

from app.counter.screens.finish import FinishScreen
from app.counter.screens.review import ReviewScreen
from app.desk import new_token
from sync.domain.handoff import state_of
from tests.app.conftest import NOW, SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


def live_handoffs(app: object, journey_id: str) -> list[str]:
    state = app.desk.journey(journey_id)  # type: ignore[attr-defined]
    return [h.handoff_id for h in state.handoffs.values() if state_of(h, NOW) == "live"]


async def test_a_reprint_and_a_second_finish_leave_one_live_link(make_app: AppFactory) -> None:
    app = make_app(token_factory=new_token, sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("f6")  # reprint
        await settle(pilot)
        await pilot.press("f6", "f6")  # twice more, the second before the first is done
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+f")  # finish again
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen) and finish.handoff is not None
        live = live_handoffs(app, journey_id)
        assert live == [finish.handoff.handoff_id]
        assert len(app.desk.journey(journey_id).handoffs) >= 4


def test_a_new_handoff_revokes_every_live_one_not_only_the_newest(make_app: AppFactory) -> None:
    # Two links live at once (issued on two machines before either synced): the next
    # issue revokes both.
    app = make_app(token_factory=new_token, sync_link=None)
    journey_id = seed_journey(app)
    desk = app.desk
    from sync.store.operators import get_operator

    desk.operator = get_operator(desk.store, "demo")
    desk.issue_handoff(journey_id)
    for other in ("a" * 64, "b" * 64):
        desk.store.append(
            journey_id,
            "handoff.issued",
            {
                "handoff_id": f"h-{other[:16]}",
                "token_hash": other,
                "expires": "2026-12-23T10:00:00Z",
            },
            channel="van",
            actor="operator:demo",
        )
    assert len(live_handoffs(app, journey_id)) == 3
    newest = desk.issue_handoff(journey_id)
    assert live_handoffs(app, journey_id) == [newest.handoff_id]
