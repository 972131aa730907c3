"""The finish screen's summary says of each service only what is true: "can be finished
at home" needs the citizen's consent to the link home; without it the same service is
"left" (issue 14, item 9, as the receipt does)."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from app.counter.screens.finish import FinishScreen
from app.i18n import tr
from sync.store.operators import get_operator
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


def marie(app: object, *, handoff: bool) -> str:
    """Marie's journey (both services left, allowed at home), without the link-home
    consent unless ``handoff``."""
    journey_id = seed_journey(app)  # type: ignore[arg-type]
    if not handoff:
        desk = app.desk  # type: ignore[attr-defined]
        desk.operator = get_operator(desk.store, "demo")
        desk.withdraw_consent(journey_id, ["handoff"])
        desk.operator = None
    return journey_id


async def finish_of(pilot: object, journey_id: str) -> FinishScreen:
    """Signed in, the journey opened and Ctrl+F: its finish screen."""
    await sign_in(pilot)
    await open_from_home(pilot, journey_id)
    await pilot.press("ctrl+f")  # type: ignore[attr-defined]
    await settle(pilot)
    finish = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(finish, FinishScreen)
    return finish


async def summary_of(make_app: AppFactory, *, handoff: bool) -> tuple[str, str, str]:
    """The finish summary of Marie's journey, the name of its first service and the
    operator's language."""
    app = make_app(sync_link=None)
    journey_id = marie(app, handoff=handoff)
    async with app.run_test(size=SIZE) as pilot:
        finish = await finish_of(pilot, journey_id)
        lang = app.session.ui_language
        name = app.desk.catalogue.services[SS_MOVE].name.get(lang)
        return str(finish.query_one("#finish-summary", Static).render()), name, lang


async def test_with_the_link_home_a_service_left_can_be_finished_at_home(
    make_app: AppFactory,
) -> None:
    summary, name, lang = await summary_of(make_app, handoff=True)
    assert f"⌂ {name}: {tr(lang, 'finish.at_home')}" in summary


async def test_without_the_link_home_the_same_service_is_left(make_app: AppFactory) -> None:
    summary, name, lang = await summary_of(make_app, handoff=False)
    assert f"○ {name}: {tr(lang, 'finish.left')}" in summary
    assert tr(lang, "finish.at_home") not in summary


async def test_above_the_code_continue_at_home_only_while_something_can_be_done_there(
    make_app: AppFactory,
) -> None:
    from textual.widgets import Label

    from tests.app.test_documents_first import steps_done

    app = make_app(sync_link=None)
    left = seed_journey(app)
    done = seed_journey(app)
    steps_done(app, done)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    desk.check_document(done, "proof-of-address", True, "tax.change-of-address")
    desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        citizen = app.session.citizen_language
        seen = []
        for journey_id in (left, done):
            await open_from_home(pilot, journey_id)
            await pilot.press("ctrl+f")
            await settle(pilot)
            finish = app.screen
            assert isinstance(finish, FinishScreen)
            seen.append(str(finish.query_one("#scan-label", Label).render()))
            await pilot.press("ctrl+g")  # home
            await settle(pilot)
    # Both services sent: the code now follows the request, as the receipt says.
    assert seen == [tr(citizen, "finish.scan"), tr(citizen, "finish.follow")]


async def test_without_the_link_home_f8_is_neither_offered_nor_acted_on(
    make_app: AppFactory,
) -> None:
    from tests.app.screen_text import screen_lines

    app = make_app(sync_link=None)
    journey_id = marie(app, handoff=False)
    async with app.run_test(size=SIZE) as pilot:
        finish = await finish_of(pilot, journey_id)
        footer = screen_lines(app)[-1]
        assert tr(app.session.ui_language, "key.qr_full") not in footer, footer
        await pilot.press("f8")
        await settle(pilot)
        assert not finish.has_class("qr-full")
