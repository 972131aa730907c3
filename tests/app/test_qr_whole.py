"""The finish screen's QR code is drawn whole with its 4-module quiet zone, or not at all
(F8 gives it the whole screen), at 120x38 and at 80x24."""

from __future__ import annotations

import pytest

from app.counter.screens.finish import FinishScreen
from app.i18n import tr
from app.widgets.qr_view import QrView
from devices import qr
from tests.app.conftest import AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


def drawn_whole(finish: FinishScreen) -> bool:
    view = finish.query_one("#qr", QrView)
    assert finish.handoff is not None
    expected = qr.terminal_lines(finish.handoff.url, border=4)
    if str(view.render()) != "\n".join(expected):
        return False
    region = view.region
    screen = finish.size
    on_screen = region.y >= 0 and region.bottom <= screen.height - 1  # above the footer
    return on_screen and region.height == len(expected) and region.width == len(expected[0])


@pytest.mark.parametrize("size", [(120, 38), (80, 24)])
async def test_the_code_is_whole_or_absent_and_f8_shows_it_whole(
    make_app: AppFactory, size: tuple[int, int]
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=size) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        view = finish.query_one("#qr", QrView)
        if size == (120, 38):
            assert drawn_whole(finish)
        else:
            shown = str(view.render())
            assert not set(shown) & set("▀▄█")  # no part of a code
            # In the citizen's panel, in the citizen's words (the mediator reads pt here).
            citizen = app.session.citizen_language
            assert citizen != app.session.ui_language
            assert " ".join(shown.split()) == tr(citizen, "finish.qr_too_small")
        await pilot.press("f8")
        await settle(pilot)
        assert drawn_whole(finish)
        await pilot.press("f8")
        await settle(pilot)
        assert not finish.has_class("qr-full")
