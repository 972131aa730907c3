"""The finish screen's feedback (issue 14, item 13): the digit keys pick the score, a second
Ctrl+S records nothing more, and what the citizen reads is in the citizen's language."""

from __future__ import annotations

import pytest
from textual.widgets import Input, Label, RadioSet, Static

from app.counter.screens.finish import FinishScreen
from app.counter.screens.review import ReviewScreen
from app.i18n import tr
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


def feedback_events(app: object, journey_id: str) -> list[dict[str, object]]:
    events = app.desk.store.events_of(journey_id)  # type: ignore[attr-defined]
    return [dict(e.data) for e in events if e.type == "feedback.given"]


async def finish(pilot: object, journey_id: str) -> FinishScreen:
    await sign_in(pilot)
    await open_from_home(pilot, journey_id)
    app = pilot.app  # type: ignore[attr-defined]
    assert isinstance(app.screen, ReviewScreen)
    await pilot.press("ctrl+f")  # type: ignore[attr-defined]
    await settle(pilot)
    assert isinstance(app.screen, FinishScreen)
    return app.screen


async def test_a_digit_picks_the_score_and_a_second_ctrl_s_records_nothing(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish(pilot, journey_id)
        await pilot.press("4")
        await settle(pilot)
        radio = screen.query_one("#score", RadioSet)
        assert radio.pressed_button is not None and radio.pressed_button.id == "score-4"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert feedback_events(app, journey_id) == [{"score": 4}]
        status = str(screen.query_one("#feedback-status", Static).render())
        assert status == tr(app.session.citizen_language, "finish.thanks")


async def test_digits_typed_in_the_comment_stay_in_the_comment(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish(pilot, journey_id)
        await pilot.press("5")
        screen.query_one("#comment", Input).focus()
        await pilot.press("2", " ", "m", "i", "n")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one("#comment", Input).value == "2 min"
        assert feedback_events(app, journey_id) == [{"score": 5, "comment": "2 min"}]


async def test_the_feedback_prompt_is_in_the_citizens_language(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)  # the citizen speaks Portuguese
    async with app.run_test(size=SIZE) as pilot:
        screen = await finish(pilot, journey_id)
        citizen, operator = app.session.citizen_language, app.session.ui_language
        assert citizen != operator
        prompt = screen.query_one("#finish-left Label.section", Label)
        assert str(prompt.render()) == tr(citizen, "finish.feedback")
        comment = screen.query_one("#comment", Input)
        assert comment.placeholder == tr(citizen, "finish.comment")
        await pilot.press("ctrl+s")  # no score yet
        await settle(pilot)
        status = str(screen.query_one("#feedback-status", Static).render())
        assert status == tr(citizen, "finish.pick_score")
