"""Learn it here: the citizen opens the finish screen's QR on their own phone at the counter;
what they do there (written by the central store as the citizen's pages write it: channel
web, actor citizen, device central) shows on the finish screen after the next round, which
the screen asks for by itself every few seconds while the link can be used."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot

from app.counter.screens import finish
from app.counter.screens.finish import FinishScreen
from app.describe import when
from app.i18n import tr
from sync.domain.drafts import answer_recorded
from sync.store.store import LocalStore
from tests.app.conftest import SIZE, SS_MOVE, AppFactory, embedded_link, seed_journey, settle
from tests.app.conftest import sign_in as sign_in_demo

pytestmark = pytest.mark.anyio


def online_text(app: object) -> str:
    return str(app.screen.query_one("#online").render())  # type: ignore[attr-defined]


async def wait_for(pilot: Pilot[None], shown: str, seconds: float = 20.0) -> str:
    """Pause until the finish screen's online panel shows ``shown`` (no sync asked for here)."""
    deadline = time.monotonic() + seconds
    while shown not in online_text(pilot.app) and time.monotonic() < deadline:
        await pilot.pause(0.1)
    return online_text(pilot.app)


async def test_what_the_citizen_does_online_shows_on_the_finish_screen(
    make_app: AppFactory, store: LocalStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finish, "ONLINE_POLL_SECONDS", 0.3)
    link = embedded_link(tmp_path)  # interval rounds every 30 s: only the screen's polls
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            journey_id = seed_journey(app)
            await sign_in_demo(pilot)
            app.push_screen(FinishScreen(journey_id))
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, FinishScreen) and screen.handoff is not None
            lang = app.session.citizen_language
            assert online_text(app) == tr(lang, "finish.online_try")
            central = link.target.central  # type: ignore[attr-defined]
            assert central is not None
            hashed = store.journey(journey_id).handoffs[screen.handoff.handoff_id].token_hash
            deadline = time.monotonic() + 20
            while central.store.journey_for_link(hashed) is None:
                assert time.monotonic() < deadline, "the handoff never reached the central store"
                await pilot.pause(0.1)  # the finish's round, then the polls, push it

            # The citizen confirms on their phone, answers the move date and ends the step.
            made = central.store.record_for_citizen(
                journey_id,
                [
                    ("handoff.redeemed", {"handoff_id": screen.handoff.handoff_id}),
                    answer_recorded(
                        "address.move_date", "2026-12-01", source="typed", service=SS_MOVE
                    ),
                    ("step.completed", {"service": SS_MOVE, "step": "new-address"}),
                ],
            )
            assert {(e.channel, e.actor, e.device_id) for e in made} == {
                ("web", "citizen", "central")
            }

            confirmed = tr(lang, "finish.online_confirmed", time=when(made[0].wall, lang))
            shown = await wait_for(pilot, confirmed)
            catalogue = app.desk.catalogue
            service = catalogue.services[SS_MOVE]
            step = tr(lang, "finish.online_step", step=service.steps[0].title.get(lang),
                      service=service.name.get(lang))  # fmt: skip
            label = catalogue.fields["address.move_date"].label.get(lang)
            assert shown.splitlines() == [
                confirmed,
                step,
                tr(lang, "finish.online_answers", fields=label),
            ]
            assert store.journey(journey_id).steps_done >= {(SS_MOVE, "new-address")}
            online = app.screen.query_one("#online").region
            assert online.bottom <= app.screen.query_one("#finish-right").region.bottom
    finally:
        link.close()


async def test_without_a_link_the_screen_does_not_poll(
    make_app: AppFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(finish, "ONLINE_POLL_SECONDS", 0.1)
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    asked: list[object] = []
    try:
        async with app.run_test(size=SIZE, message_hook=asked.append) as pilot:
            journey_id = seed_journey(app)
            app.desk.store.append(journey_id, "consent.withdrawn", {"purposes": ["handoff"]},
                                  channel="counter", actor="operator:demo")  # fmt: skip
            await sign_in_demo(pilot)
            app.push_screen(FinishScreen(journey_id))
            await settle(pilot)
            assert isinstance(app.screen, FinishScreen) and app.screen.handoff is None
            await pilot.pause(0.5)
            assert online_text(app) == ""
            polls = [m for m in asked if type(m).__name__ == "SyncWanted" and m.poll]  # type: ignore[attr-defined]
            assert polls == []
    finally:
        link.close()
