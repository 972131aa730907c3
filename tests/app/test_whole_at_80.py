"""At 80 columns what the mediator reads out is drawn whole (wrapped), never cut: each
consent purpose (a purpose cut mid-sentence is not one the citizen agreed to), and the
steps' service, agency and where a step can be done."""

from __future__ import annotations

import re

import pytest
from textual.app import App
from textual.geometry import Region

from app.counter.screens.consent import ConsentScreen
from app.i18n import tr
from sync.domain.consent import PURPOSES
from tests.app.conftest import SS_MOVE, AppFactory, open_from_home, seed_journey, settle, sign_in
from tests.app.screen_text import screen_lines

pytestmark = pytest.mark.anyio


def screen_text(app: App[object], region: Region | None = None) -> str:
    """The words of the screen (or of a region of it) in reading order, the boxes' borders
    taken out."""
    lines = screen_lines(app)
    if region is not None:
        lines = [line[region.x : region.right] for line in lines[region.y : region.bottom]]
    return " ".join(" ".join(re.sub(r"[▊▎▔▁]", " ", line) for line in lines).split())


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


async def test_the_steps_heading_is_drawn_whole_at_80(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")  # the steps
        await settle(pilot)
        shown = screen_text(app, app.screen.query_one("#step-form").content_region)
        catalogue = app.desk.catalogue
        lang = app.session.ui_language
        service = catalogue.services[SS_MOVE]  # the first added: its first step shows
        agency = catalogue.agencies[service.agency_id]
        heading = f"{service.name.get(lang)} — {agency.name.get(lang)}"
        assert " ".join(heading.split()) in shown, shown
        step = service.steps[0]
        channels = ", ".join(tr(lang, f"channel.{c}") for c in step.channels)
        where = tr(lang, "steps.channels", channels=channels)
        assert " ".join(f"{step.title.get(lang)} · {where}".split()) in shown, shown


async def test_the_services_panels_titles_are_drawn_whole_at_80(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+a")  # the services
        await settle(pilot)
        lang = app.session.ui_language
        for panel, key in (("#circumstance-panel", "services.circumstances"),
                           ("#chosen-panel", "services.chosen")):  # fmt: skip
            shown = screen_text(app, app.screen.query_one(panel).content_region)
            assert " ".join(tr(lang, key).split()) in shown, (panel, shown)
