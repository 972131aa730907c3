"""Reminders at the counter: F8 from a journey's screens, schedule one, cancel it; and the
contact consent with its address on the consent screen."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import DataTable, Input, Static

from app.counter.intents import AskConsent
from app.counter.screens.consent import ConsentScreen
from app.counter.screens.reminders import RemindersScreen
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_schedule_and_cancel_a_reminder(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    day = (app.desk.clock() + dt.timedelta(days=10)).date().isoformat()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("f8")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RemindersScreen)
        assert "not agreed to messages" in str(
            screen.query_one("#reminders-no-contact", Static).render()
        )
        screen.query_one("#reminder-day", Input).value = "12 March"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is not a day" in str(screen.query_one("#reminder-error", Static).render())
        screen.query_one("#reminder-day", Input).value = day
        screen.query_one("#reminder-what", Input).value = "bring your rental contract"
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = app.desk.store.journey(journey_id)
        (reminder,) = state.reminders.values()
        assert reminder.what == "bring your rental contract" and not reminder.cancelled
        assert app.screen.query_one("#reminders", DataTable).row_count == 1
        app.screen.query_one("#reminders", DataTable).focus()
        await pilot.press("ctrl+d")
        await settle(pilot)
        assert app.desk.store.journey(journey_id).reminders[reminder.reminder_id].cancelled


def _written_here(app: Any, journey_id: str) -> int:
    """The journey's events but the central store's clock marks (the tests' fixed clock is
    days off the central store's, so a sync in the background may add one)."""
    return sum(1 for e in app.desk.store.events_of(journey_id) if e.type != "clock.offset")


async def test_a_past_day_is_refused_and_nothing_is_written(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    before = _written_here(app, journey_id)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("f8")
        await settle(pilot)
        app.screen.query_one("#reminder-day", Input).value = "2020-01-01"
        app.screen.query_one("#reminder-what", Input).value = "too late"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = str(app.screen.query_one("#reminder-error", Static).render())
        assert "has passed" in error
    assert _written_here(app, journey_id) == before


async def test_contact_consent_needs_an_address_and_keeps_it(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        app.screen.post_message(AskConsent(journey_id))
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ConsentScreen)
        screen.query_one("#purpose-contact").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "mobile number" in str(screen.query_one("#consent-error", Static).render())
        assert app.desk.store.journey(journey_id).contact is None
        screen.query_one("#contact-address", Input).value = "+351 912 345 678"
        await pilot.press("ctrl+s")
        await settle(pilot)
    contact = app.desk.store.journey(journey_id).contact
    assert contact is not None and (contact.channel, contact.address) == ("sms", "+351912345678")
