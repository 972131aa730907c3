"""At 80x24 the footer keeps Quit, Help and Language (issue 14, item 19): the keys that do
not fit go first (Esc, the timeline, the citizen's language), never those three."""

from __future__ import annotations

import pytest

from app.i18n import tr
from tests.app.conftest import AppFactory, open_from_home, seed_journey, settle, sign_in
from tests.app.screen_text import screen_lines

pytestmark = pytest.mark.anyio


def footer(app: object) -> str:
    return screen_lines(app)[-1]  # type: ignore[arg-type]


@pytest.mark.parametrize("lang", ["en", "pt", "es"])
async def test_quit_help_and_language_stay_at_80_columns(make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        seen = [footer(app)]  # home
        for words in ("key.quit", "key.help", "key.language"):
            assert f" {tr(lang, words)} " in seen[0] + " ", seen
        await open_from_home(pilot, journey_id)
        for key in ("", "ctrl+e", "escape", "ctrl+f"):  # review, steps, review, finish
            if key:
                await pilot.press(key)
                await settle(pilot)
            line = footer(app)
            seen.append(line)
            for words in ("key.quit", "key.help", "key.language"):
                assert f" {tr(lang, words)} " in line + " ", seen


@pytest.mark.parametrize("lang", ["en", "pt"])
async def test_the_header_says_the_sync_state_in_words_at_80(
    make_app: AppFactory, lang: str
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        await open_from_home(pilot, journey_id)
        header = screen_lines(app)[0]
        waiting = tr(lang, "status.waiting", count=app.session.events_waiting)
        assert f"⇅ {waiting} · 10:00" in header, header


@pytest.mark.parametrize("lang", ["en", "pt", "es"])
async def test_the_finish_screen_keeps_the_way_home_at_80(make_app: AppFactory, lang: str) -> None:
    # Ctrl+G is how the mediator leaves the finish screen; F8 shows the code whole, which
    # at 80 columns is cut. The feedback's key is named by its prompt, a reprint is rare.
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        line = footer(app)
        for words in ("key.home", "key.qr_full", "key.quit", "key.help", "key.language"):
            assert f" {tr(lang, words)} " in line + " ", line
