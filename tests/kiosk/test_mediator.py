"""Call a mediator: assistance.requested with the screen, service and step, a ticket on
screen; a counter at the same site sees the request after its next sync (two stores, one
embedded central store)."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.kiosk.intents import ServicesChosen
from sync.central.target import EmbeddedTarget
from sync.client import Backoff
from sync.link import SyncLink
from sync.store.store import LocalStore
from tests.app.conftest import settle
from tests.kiosk.conftest import SIZE, SS_MOVE, KioskFactory, screen_name, seed_kiosk_journey, tap

pytestmark = pytest.mark.anyio


def link(folder: Path, device: str) -> SyncLink:
    target = EmbeddedTarget(
        folder / "central.db", site_id="demo-lisboa", token_file=folder / f"{device}.token"
    )
    return SyncLink(target, interval_seconds=3600, backoff=Backoff.off())


async def test_the_counter_at_the_site_sees_the_call_after_a_sync(
    make_kiosk: KioskFactory, store: LocalStore, tmp_path: Path
) -> None:
    kiosk_link = link(tmp_path, "kiosk")
    app = make_kiosk(sync_link=kiosk_link)
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_kiosk_journey(app, answered=False)
        app.session.choose_language("en")
        app.session.journey_id = journey_id
        app.post_message(ServicesChosen(journey_id))
        await settle(pilot)
        assert screen_name(app) == "QuestionsScreen"
        await tap(pilot, "#bar-mediator")
        assert screen_name(app) == "MediatorScreen"
        assert "Your number is 001" in str(app.screen.query_one("#kiosk-question").render())
        await tap(pilot, "#ok")
        app.sync_now()
        await settle(pilot)
    assert store.backlog() == 0
    (request,) = store.journey(journey_id).help_requests
    assert (request.channel, request.screen, request.service) == ("kiosk", "questions", SS_MOVE)
    step = request.step
    assert step in {s.id for s in app.desk.catalogue.services[SS_MOVE].steps}

    counter_link = link(tmp_path, "counter")
    with LocalStore(tmp_path / "counter.db", site_id="demo-lisboa") as counter:
        counter_link.sync_round(counter)
        seen = counter.journey(journey_id)
        (request,) = seen.help_requests
        assert (request.channel, request.screen, request.service, request.step) == (
            "kiosk",
            "questions",
            SS_MOVE,
            step,
        )
    counter_link.close()


async def test_a_call_before_any_journey_still_gets_a_ticket(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#bar-mediator")
        assert "001" in str(app.screen.query_one("#ticket").render())
        await tap(pilot, "#ok")
        await pilot.press("f2")
        await settle(pilot)
        assert "002" in str(app.screen.query_one("#ticket").render())
    assert [d for _, _, _, d in store.audit_entries("kiosk.assistance")] == [
        "ticket=1 screen=attract",
        "ticket=2 screen=attract",
    ]
