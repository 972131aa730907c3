"""Going on with a receipt: by the reference typed on the on-screen keyboard (Portuguese) or
by the QR code, which a USB scanner types as a link (English); the date of birth is
checked, and five wrong ones lock the journey for 15 minutes, also across a restart."""

from __future__ import annotations

import datetime as dt

import pytest

from app.kiosk.intents import Resume
from app.kiosk.kiosk_desk import CONFIRM
from sync.domain.handoff import token_hash
from sync.domain.ids import format_reference
from sync.store.store import LocalStore
from tests.app.conftest import NOW, TOKEN, settle
from tests.kiosk.conftest import (
    SIZE,
    KioskFactory,
    begin,
    pick_date,
    screen_name,
    seed_kiosk_journey,
    tap,
    tap_keys,
)

pytestmark = pytest.mark.anyio

MARIE_BORN = dt.date(1987, 3, 7)


async def test_by_reference_with_the_lock_kept_across_a_restart_in_portuguese(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    journey_id = seed_kiosk_journey(app, answered=False)
    ref = format_reference(store.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "pt")
        await tap(pilot, "#go-on")
        await tap_keys(pilot, ref.lower())
        await tap(pilot, "#next")
        assert screen_name(app) == "BirthDateScreen"
        for left in (4, 3, 2, 1):
            await tap(pilot, "#confirm")  # 01/01/1970: not hers
            status = str(app.screen.query_one("#birth-status").render())
            assert f"mais {left} vezes" in status
        await tap(pilot, "#confirm")
        assert "Demasiadas tentativas" in str(app.screen.query_one("#birth-status").render())
        assert app.screen.query_one("#confirm").disabled
    tries = store.audit_entries(CONFIRM, journey_id=journey_id)
    assert [d.split(" ")[0] for _, _, _, d in tries] == ["wrong"] * 5

    again = make_kiosk()  # a restart over the same store: still locked
    async with again.run_test(size=SIZE) as pilot:
        again.post_message(Resume(journey_id, "reference"))
        await settle(pilot)
        assert again.screen.query_one("#confirm").disabled

    later = make_kiosk(clock=lambda: NOW + dt.timedelta(minutes=16))
    async with later.run_test(size=SIZE) as pilot:
        later.post_message(Resume(journey_id, "reference"))
        await settle(pilot)
        assert not later.screen.query_one("#confirm").disabled
        await pick_date(pilot, "birth-picker", MARIE_BORN)
        await tap(pilot, "#confirm")
        assert screen_name(later) == "ServicesScreen"
        assert later.session.journey_id == journey_id
    opened = store.audit_entries("journey.opened", journey_id=journey_id)
    assert [(actor, detail) for _, actor, _, detail in opened] == [("citizen", "reference")]


async def test_by_the_scanned_link_in_english(make_kiosk: KioskFactory, store: LocalStore) -> None:
    app = make_kiosk()
    journey_id = seed_kiosk_journey(app, answered=False)
    app.desk.public_url = "http://k"  # a short link: the scanner types every character
    handoff = app.desk.issue_handoff(journey_id)
    assert store.find_by_token_hash(token_hash(TOKEN)) is not None
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "en")
        await tap(pilot, "#go-on")
        await pilot.press(*handoff.url, "enter")  # the scanner is a keyboard
        await settle(pilot)
        assert screen_name(app) == "BirthDateScreen"
        await pick_date(pilot, "birth-picker", MARIE_BORN)
        await tap(pilot, "#confirm")
        assert screen_name(app) == "ServicesScreen"
        assert "What do you need?" in str(app.screen.query_one("#kiosk-title").render())
    opened = store.audit_entries("journey.opened", journey_id=journey_id)
    assert [detail for _, _, _, detail in opened] == ["handoff"]


async def test_an_unknown_reference_is_said_plainly(make_kiosk: KioskFactory) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "en")
        await tap(pilot, "#go-on")
        await tap_keys(pilot, "123")
        await tap(pilot, "#next")
        assert "not right" in str(app.screen.query_one("#find-status").render())
