"""Opening a journey: the review reads it once, the timeline shows it from what the review
read and fills in the older events after its first frame, and both keep their content
through a language switch."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable

from app.counter.screens.review import ReviewScreen
from app.counter.screens.timeline import TimelineScreen
from app.desk import Desk
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


def _count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    reads: list[str] = []
    read = Desk.read_journey

    def counted(self: Desk, journey_id: str, via: str | None = None) -> Any:
        reads.append(journey_id)
        return read(self, journey_id, via)

    monkeypatch.setattr(Desk, "read_journey", counted)
    return reads


async def test_the_review_reads_the_journey_once_and_the_timeline_reuses_it(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    reads = _count_reads(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        assert isinstance(app.screen, ReviewScreen)
        assert reads == [journey_id]
        assert app.screen.query_one("#review-table", DataTable).row_count == 2

        await pilot.press("f9")
        await pilot.pause()
        timeline = app.screen
        assert isinstance(timeline, TimelineScreen)
        assert timeline.query_one("#timeline", DataTable).row_count == len(timeline.events)
        await settle(pilot)
        assert reads == [journey_id, journey_id]  # read again once it was drawn

        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert reads == [journey_id] * 3  # back on the review: read again


async def test_a_long_timeline_fills_in_newest_first(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)  # no round to bring a clock.offset in meanwhile
    journey_id = seed_journey(app)
    desk = app.desk
    for number in range(700):
        desk.store.append(
            journey_id,
            "answer.recorded",
            {
                "field": "ss.number",
                "value": f"{number:011d}",
                "source": "typed",
                "supersedes": [],
                "service": SS_MOVE,
            },
            channel="counter",
            actor="operator:demo",
        )
    events = desk.store.events_of(journey_id)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        app.push_screen(TimelineScreen(journey_id))
        await settle(pilot)
        table = app.screen.query_one("#timeline", DataTable)
        assert table.row_count == len(events)
        keys = [table.coordinate_to_cell_key((row, 0)).row_key.value for row in range(len(events))]
        assert keys == [event.id for event in reversed(events)]


async def test_review_and_timeline_keep_their_rows_through_a_language_switch(
    make_app: AppFactory,
) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        app.push_screen(ReviewScreen(journey_id))
        await settle(pilot)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one("#review-table", DataTable).row_count == 2
        await pilot.press("f9")
        await settle(pilot)
        count = len(app.screen.query_one("#timeline", DataTable).rows)
        await pilot.press("f2")
        await settle(pilot)
        assert app.screen.query_one("#timeline", DataTable).row_count == count > 0


def test_a_journey_read_again_is_read_from_the_log_only_when_it_changed(
    make_app: AppFactory,
) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    desk = app.desk
    state, events = desk.read_journey(journey_id)
    again, events_again = desk.read_journey(journey_id)
    assert again is state and events_again == events  # nothing new: the same reading
    desk.store.append(
        journey_id,
        "answer.recorded",
        {"field": "ss.number", "value": "98765432109", "source": "typed", "supersedes": []},
        channel="web",
        actor="citizen",
    )
    newer, newer_events = desk.read_journey(journey_id)
    assert newer is not state
    assert len(newer_events) == len(events) + 1
    assert newer_events[-1].data["value"] == "98765432109"
