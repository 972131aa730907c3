"""Textual's own texts in the operator's language (issue 14, item 17): the keys it binds
(listed in help) and the toast of Ctrl+C."""

from __future__ import annotations

import pytest
from rich.console import Console
from textual.widgets import Static

from app.counter.screens.help import HelpScreen
from app.i18n import tr
from tests.app.conftest import SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio

TEXTUAL_ENGLISH = ("Focus Next", "Focus Previous", "Copy selected text")


@pytest.mark.parametrize("lang", ["pt", "es"])
async def test_help_lists_textuals_keys_in_the_operators_language(
    make_app: AppFactory, lang: str
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True)
        console.print(app.screen.query_one("#help-keys", Static).content)
        keys = console.export_text()
        for english in TEXTUAL_ENGLISH:
            assert english not in keys
        assert tr(lang, "key.focus_next") in keys
        assert tr(lang, "key.copy") in keys


@pytest.mark.parametrize("lang", ["pt", "es"])
async def test_the_ctrl_c_toast_is_in_the_operators_language(
    make_app: AppFactory, lang: str
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        while app.session.ui_language != lang:
            await pilot.press("f2")
            await settle(pilot)
        app.action_help_quit()
        await settle(pilot)
        toast = list(app._notifications)[-1]
        assert toast.title == tr(lang, "app.quit_title")
        assert toast.message == tr(lang, "app.quit_hint", quit_key="Ctrl+Q")
        assert "Press" not in toast.message
