"""The kiosk forgets the citizen: after idle_seconds a countdown ("I'm still here" keeps
them), then every screen is popped and nothing of theirs is left on any screen or widget;
also when they pull their card out and choose to stop. The journey stays in the store."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from textual.widget import Widget
from textual.widgets import Input

from app.kiosk.app import KioskApp
from app.kiosk.intents import ServicesChosen
from app.kiosk.speech import personal_values
from sync.domain.ids import format_reference
from sync.store.store import LocalStore
from tests.app.conftest import settle
from tests.kiosk.conftest import SIZE, KioskFactory, screen_name, seed_kiosk_journey, tap, tap_keys

pytestmark = pytest.mark.anyio


def shown_text(app: KioskApp) -> str:
    """Everything every screen on the stack shows or holds in a widget."""
    parts: list[str] = []
    for screen in app.screen_stack:
        for widget in [screen, *screen.walk_children(Widget)]:
            if isinstance(widget, Input):
                parts.append(widget.value)
            with contextlib.suppress(Exception):  # a container renders nothing of its own
                parts.append(str(widget.render()))
            parts.extend(str(v) for v in vars(widget).values() if isinstance(v, str))
    return "\n".join(parts)


def personal(store: LocalStore, journey_id: str) -> list[str]:
    state = store.journey(journey_id)
    assert state.citizen is not None
    ref = state.ref or ""
    values = [state.citizen.name, state.citizen.birth_date, state.citizen.national_number or ""]
    values += [ref, format_reference(ref), journey_id]
    values += personal_values(a.value for a in state.answers.values())
    return [v for v in values if len(v) >= 4]


async def idle(pilot: Any, seconds: float) -> None:
    app: KioskApp = pilot.app
    app.monotonic.now += seconds  # type: ignore[attr-defined]
    app.idle_tick()
    await settle(pilot)


async def test_idle_countdown_then_everything_is_forgotten(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk(kiosk={"idle_seconds": 60, "countdown_seconds": 20})
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_kiosk_journey(app, answered=False)
        app.desk.record_answer(journey_id, "ss.number", "98765432109", service="x")
        app.session.choose_language("en")
        app.session.journey_id = journey_id
        app.post_message(ServicesChosen(journey_id))
        await settle(pilot)
        assert screen_name(app) == "QuestionsScreen"
        await tap_keys(pilot, "Rua Z 9")
        secrets = [*personal(store, journey_id), "Rua Z 9"]
        assert any(s in shown_text(app) for s in secrets)  # the check can see them

        await idle(pilot, 59)
        assert screen_name(app) == "QuestionsScreen"
        await idle(pilot, 2)
        assert screen_name(app) == "IdleScreen"
        await tap(pilot, "#still-here")
        assert screen_name(app) == "QuestionsScreen"

        await idle(pilot, 61)
        assert screen_name(app) == "IdleScreen"
        app.monotonic.now += 21  # type: ignore[attr-defined]
        app.screen.tick()  # type: ignore[attr-defined]
        await settle(pilot)
        assert screen_name(app) == "AttractScreen"
        assert len(app.screen_stack) == 2  # Textual's own empty screen and the attract
        text = shown_text(app)
        for secret in secrets:
            assert secret not in text, secret
        assert app.session.journey_id is None and not app.session._citizen_languages
        assert app.session.citizen_language == "pt"  # the site's first, for the next one
        assert app.desk._read == {}
        assert not app._notifications
        assert app.desk.card_reader.list_readers()[0].card_present is False  # type: ignore[union-attr]
    state = store.journey(journey_id)
    assert state.answers["ss.number"].value == "98765432109"  # the journey is kept


async def test_the_card_pulled_out_mid_journey_offers_to_go_on_or_stop(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await tap(pilot, "#begin")
        await tap(pilot, "#lang-es")
        await tap(pilot, "#new")
        await tap(pilot, "#demo-marie-peeters")
        await tap(pilot, "#start")
        assert screen_name(app) == "ConsentScreen"
        app.desk.card_reader.remove()  # type: ignore[union-attr]
        await settle(pilot)
        assert screen_name(app) == "CardGoneScreen"
        await tap(pilot, "#go-on")
        assert screen_name(app) == "ConsentScreen"
        app.desk.card_reader.insert("marie-peeters")  # type: ignore[union-attr]
        app.session.card_in_use = True
        app.desk.card_reader.remove()  # type: ignore[union-attr]
        await settle(pilot)
        await tap(pilot, "#stop")
        assert screen_name(app) == "AttractScreen"
        assert "Peeters" not in shown_text(app)
