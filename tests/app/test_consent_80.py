"""At 80 columns each consent purpose is drawn whole (wrapped), never cut: the mediator
reads it to the citizen, and a purpose cut mid-sentence is not one they agreed to."""

from __future__ import annotations

import re

import pytest

from app.counter.screens.consent import ConsentScreen
from app.i18n import tr
from sync.domain.consent import PURPOSES
from tests.app.conftest import AppFactory, settle, sign_in
from tests.app.screen_text import screen_lines

pytestmark = pytest.mark.anyio


def screen_text(app: object) -> str:
    """The screen's words in reading order, the boxes' borders taken out."""
    lines = [re.sub(r"[▊▎▔▁]", " ", line) for line in screen_lines(app)]  # type: ignore[arg-type]
    return " ".join(" ".join(lines).split())


@pytest.mark.parametrize("width", [80, 120])
async def test_every_purpose_is_drawn_whole(make_app: AppFactory, width: int) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=(width, 40)) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # the first demo card
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConsentScreen)
        shown = screen_text(app)
        for purpose in PURPOSES:
            label = tr(app.session.citizen_language, f"consent.{purpose}")
            assert " ".join(label.split()) in shown, (purpose, shown)
