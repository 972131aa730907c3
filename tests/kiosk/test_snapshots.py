"""Snapshots of the kiosk at 120x38 in high contrast and large text: the attract screen,
the language, the services, a question with the on-screen keyboard, the idle countdown.

Update with ``pytest tests/kiosk/test_snapshots.py --snapshot-update`` and look at the SVGs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from app.kiosk.intents import JourneyOpened, ServicesChosen
from tests.app.conftest import settle
from tests.kiosk.conftest import SIZE, KioskFactory, seed_kiosk_journey, tap

LARGE = {"large_text": True, "theme": "high-contrast"}


def _kiosk(make_kiosk: KioskFactory) -> Any:
    return make_kiosk(kiosk=LARGE)


def test_attract(snap_compare: Any, make_kiosk: KioskFactory) -> None:
    assert snap_compare(_kiosk(make_kiosk), terminal_size=SIZE, run_before=settle)


def test_language(snap_compare: Any, make_kiosk: KioskFactory) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await tap(pilot, "#begin")

    assert snap_compare(_kiosk(make_kiosk), terminal_size=SIZE, run_before=before)


def test_services(snap_compare: Any, make_kiosk: KioskFactory) -> None:
    app = _kiosk(make_kiosk)

    async def before(pilot: Pilot[Any]) -> None:
        journey_id = seed_kiosk_journey(app, answered=False)
        app.session.choose_language("en")
        app.post_message(JourneyOpened(journey_id))
        await settle(pilot)
        await tap(pilot, "#group-0")

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


@pytest.mark.parametrize("lang", ["pt", "es"])
def test_question_with_the_keyboard(snap_compare: Any, make_kiosk: KioskFactory, lang: str) -> None:
    app = _kiosk(make_kiosk)

    async def before(pilot: Pilot[Any]) -> None:
        journey_id = seed_kiosk_journey(app, answered=False, lang=lang)
        app.session.journey_id = journey_id
        app.post_message(ServicesChosen(journey_id))
        await settle(pilot)
        field = app.screen.query_one("#answer-text", Input)
        field.cursor_blink = False  # a busy machine would catch the cursor on or off
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()  # focusing the field scrolls it into view

    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_idle_countdown(snap_compare: Any, make_kiosk: KioskFactory) -> None:
    app = _kiosk(make_kiosk)

    async def before(pilot: Pilot[Any]) -> None:
        await tap(pilot, "#begin")
        await tap(pilot, "#lang-en")
        app.monotonic.now += app.idle_seconds
        app.idle_tick()
        await settle(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=before)
