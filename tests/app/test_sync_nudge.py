"""A save while online nudges the sync: a journey finished at the counter, and the feedback
given after it, are in the (embedded, real) central store within two seconds, with no
interval round to carry them."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from app.counter.screens.finish import FinishScreen
from sync.store.store import LocalStore
from tests.app.conftest import SIZE, AppFactory, embedded_link, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio

DEADLINE_SECONDS = 2.0


async def test_a_journey_finished_online_is_in_the_central_store_within_two_seconds(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    link = embedded_link(tmp_path, interval_seconds=3600.0)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)  # the round on mount starts the embedded central store
            central = link.target.central  # type: ignore[attr-defined]
            assert central is not None and app.session.sync_outcome is not None
            assert app.session.sync_outcome.state == "synced"
            journey_id = seed_journey(app)
            await sign_in(pilot)
            app.push_screen(FinishScreen(journey_id))
            await settle(pilot)  # handed off, receipt printed
            await pilot.press("down", "down", "down", "enter", "tab", *"quick")
            deadline = time.monotonic() + DEADLINE_SECONDS
            await pilot.press("enter")  # feedback.given: no screen asks for a round after it

            local: set[str] = set()
            held: set[str] = set()
            kinds: set[str] = set()
            while time.monotonic() < deadline:
                events = store.events_of(journey_id)
                local, kinds = {e.id for e in events}, {e.type for e in events}
                with central.store.engine.connect() as conn:
                    rows = conn.execute(
                        text("SELECT id FROM events WHERE journey_id = :j"), {"j": journey_id}
                    )
                    held = {row[0] for row in rows}
                if "feedback.given" in kinds and held == local:
                    break
                await asyncio.sleep(0.05)
            assert {"handoff.issued", "receipt.printed", "feedback.given"} <= kinds
            assert held == local, f"not in the central store yet: {len(local - held)} events"
    finally:
        link.close()
