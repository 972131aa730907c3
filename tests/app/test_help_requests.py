"""A citizen's call for help from home or a kiosk, with the service and step they were on,
shows on the journey's review and timeline in the help tone; a counter's own note does not."""

from __future__ import annotations

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from app.counter.screens.review import ReviewScreen
from app.counter.screens.timeline import TimelineScreen
from app.describe import when
from app.i18n import tr
from app.widgets.tones import tone_style
from tests.app.conftest import SIZE, TAX_MOVE, AppFactory, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_help_from_home_and_a_kiosk_shows_where_the_citizen_was(
    make_app: AppFactory,
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_journey(app)
        store = app.desk.store
        at_home = store.append(
            journey_id,
            "assistance.requested",
            {"service": TAX_MOVE, "step": "new-address", "screen": "step"},
            channel="web",
            actor="citizen",
        )
        at_kiosk = store.append(journey_id, "assistance.requested", {"reason": "call"},
                                channel="kiosk", actor="citizen")  # fmt: skip
        store.append(journey_id, "assistance.requested", {"reason": "noted"},
                     channel="counter", actor="operator:demo")  # fmt: skip
        await sign_in(pilot)
        app.push_screen(ReviewScreen(journey_id, via="list"))
        await settle(pilot)
        lang = app.session.ui_language
        catalogue = app.desk.catalogue
        service = catalogue.services[TAX_MOVE]
        place = f"{service.name.get(lang)} · {service.steps[0].title.get(lang)}"

        shown = app.screen.query_one("#review-help", Static).content
        assert isinstance(shown, Text)
        assert shown.plain.splitlines() == [
            f"{tr(lang, 'review.help.kiosk', when=when(at_kiosk.wall, lang))}: “call”",
            f"{tr(lang, 'review.help.web', when=when(at_home.wall, lang))}: {place}",
        ]
        assert shown.style == tone_style(app.screen, "help", bold=True)

        app.push_screen(TimelineScreen(journey_id))
        await settle(pilot)
        table = app.screen.query_one("#timeline", DataTable)
        told = [table.get_row_at(i)[2] for i in range(table.row_count)]
        help_tone = tone_style(app.screen, "help", bold=True)
        toned = {cell.plain: cell.style for cell in told if isinstance(cell, Text)}
        assert toned == {
            tr(lang, "event.assistance.requested.at", place=place): help_tone,
            tr(lang, "event.assistance.requested.at", place="“call”"): help_tone,
        }
        # At the counter, the mediator's own note: told plainly.
        assert tr(lang, "event.assistance.requested.at", place="“noted”") in told


async def test_the_review_shows_no_help_line_without_a_call(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_journey(app)
        await sign_in(pilot)
        app.push_screen(ReviewScreen(journey_id, via="list"))
        await settle(pilot)
        assert not app.screen.query_one("#review-help").display
