"""Messages when there is news, agreed at the kiosk: the address typed on the on-screen
keyboard (with @), refused plainly when it is neither an e-mail nor a mobile number, kept
on the consent, and gone from the screen when the kiosk forgets the citizen."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input

from sync.store.store import LocalStore
from tests.kiosk.conftest import (
    SIZE,
    KioskFactory,
    erase,
    screen_name,
    start_with_card,
    tap,
    tap_keys,
)

pytestmark = pytest.mark.anyio


async def agree(pilot: Any) -> None:
    """Scroll down to "I agree" below the keyboard, as a finger would, and tap it."""
    pilot.app.screen.query_one("#agree").scroll_visible(animate=False)
    await pilot.pause()
    await tap(pilot, "#agree")


async def test_messages_need_an_address_typed_by_touch_in_portuguese(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await start_with_card(pilot, "pt")
        assert screen_name(app) == "ConsentScreen"
        assert not app.screen.query("#contact-address")
        await tap(pilot, "#purpose-contact")
        await tap_keys(pilot, "ana")
        await agree(pilot)
        error = str(app.screen.query_one("#consent-error").render())
        assert "e-mail (com @)" in error
        assert screen_name(app) == "ConsentScreen"  # nothing given yet
        journey_id = app.session.journey_id
        assert journey_id is not None
        assert store.journey(journey_id).consents == frozenset()
        await erase(pilot, 3)  # the error brought the field and its keyboard back in sight
        await tap_keys(pilot, "ana.silva@example.pt")
        assert app.screen.query_one("#contact-address", Input).value == "ana.silva@example.pt"
        await agree(pilot)
        assert screen_name(app) == "ServicesScreen"
        assert not app.screen.query("#contact-address")
    state = store.journey(journey_id)
    assert state.consents == frozenset({"services", "contact"})
    assert state.contact is not None
    assert (state.contact.channel, state.contact.address) == ("email", "ana.silva@example.pt")


async def test_unticking_messages_takes_the_address_away(make_kiosk: KioskFactory) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await start_with_card(pilot, "en")
        await tap(pilot, "#purpose-contact")
        await tap_keys(pilot, "+351912345678")
        app.screen.query_one("#purpose-contact").scroll_visible(animate=False)  # back up
        await pilot.pause()
        await tap(pilot, "#purpose-contact")
        assert not app.screen.query("#contact-address")
        assert "+351912345678" not in "".join(app.screen.typed())  # type: ignore[attr-defined]
