"""Snapshots of the main screens at 120x36, in English and Portuguese.

Deterministic by construction: a fixed clock, a seeded store, a fixed token.
Update with ``pytest tests/app/test_snapshots.py --snapshot-update`` and look at
the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from app.i18n import as_lang
from app.messages import LanguageSwitched
from app.session import session_of
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

LANGS = ("en", "pt")


async def _signed_in(pilot: Pilot[Any], lang: str) -> None:
    await sign_in(pilot)
    session = session_of(pilot.app.screen)
    if session.ui_language != lang:
        session.ui_language = as_lang(lang)
        pilot.app.post_message(LanguageSwitched())
    # Home's table is filled by a worker and sizes its columns on the refresh after:
    # on a loaded machine the picture was once taken between the two.
    await settle(pilot)
    await pilot.pause(0.1)
    _no_blink(pilot)


def _no_blink(pilot: Pilot[Any]) -> None:
    """A focused input's cursor shows or not by the time of the picture: keep it shown."""
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def _compare(snap_compare: Any, app: Any, before: Callable[[Pilot[Any]], Awaitable[None]]) -> None:
    async def then_hold_the_cursor(pilot: Pilot[Any]) -> None:
        await before(pilot)
        # A blinking cursor is drawn or not by when the picture is taken (a loaded machine
        # takes it half a second later): held on, as the snapshots show it.
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False

    assert snap_compare(app, terminal_size=SIZE, run_before=then_hold_the_cursor)


@pytest.mark.parametrize("lang", LANGS)
def test_home(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran
    seed_journey(app)

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)

    _compare(snap_compare, app, before)


@pytest.mark.parametrize("lang", LANGS)
def test_identify_after_card_read(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")
        await settle(pilot)

    _compare(snap_compare, app, before)


@pytest.mark.parametrize("lang", LANGS)
def test_service_search(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran
    journey_id = seed_journey(app)

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+a")
        await settle(pilot)
        await pilot.press(*("mudar casa" if lang == "pt" else "moving"))
        await settle(pilot)

    _compare(snap_compare, app, before)


@pytest.mark.parametrize("lang", LANGS)
def test_step_with_error_and_conflict(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran
    journey_id = seed_journey(app, conflict=True)

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        pilot.app.screen.query_one("#input-address-move_date", Input).focus()
        await pilot.press(*"31/02/2026", "enter")
        await settle(pilot)

    _compare(snap_compare, app, before)


@pytest.mark.parametrize("lang", LANGS)
def test_review(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran
    journey_id = seed_journey(app)

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)
        await open_from_home(pilot, journey_id)

    _compare(snap_compare, app, before)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline(snap_compare: Any, make_app: AppFactory, lang: str) -> None:
    app = make_app(sync_link=None)  # the header shows when the last round ran
    journey_id = seed_journey(app, conflict=True)

    async def before(pilot: Pilot[Any]) -> None:
        await _signed_in(pilot, lang)
        await open_from_home(pilot, journey_id)
        await pilot.press("f9")
        await settle(pilot)

    _compare(snap_compare, app, before)
