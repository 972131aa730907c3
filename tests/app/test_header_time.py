"""The header (issue 14, item 19): the time once, not again as the time of the last sync
when that was this same minute."""

from __future__ import annotations

import datetime as dt

import pytest

from app.i18n import tr
from app.widgets.status_bar import StatusBar
from sync.link import SyncOutcome
from tests.app.conftest import NOW, SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio


def header(app: object) -> str:
    return str(app.screen.query_one(StatusBar).render())  # type: ignore[attr-defined]


async def test_a_sync_this_minute_does_not_repeat_the_time(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        lang = app.session.ui_language
        app.session.sync_state(0, SyncOutcome(state="synced", waiting=0, last_sync=NOW))
        await settle(pilot)
        shown = header(app)
        assert shown.count("10:00") == 1, shown
        assert tr(lang, "status.synced") in shown
        earlier = NOW - dt.timedelta(minutes=7)
        app.session.sync_state(0, SyncOutcome(state="synced", waiting=0, last_sync=earlier))
        await settle(pilot)
        shown = header(app)
        assert tr(lang, "status.synced_at", time="09:53") in shown and "10:00" in shown
