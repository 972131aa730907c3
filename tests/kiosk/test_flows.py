"""The kiosk's flows by clicks alone, in two languages: start with a card or typed identity,
choose a service by life circumstance, answer its questions on the on-screen keyboard and
the date picker, print the receipt with its handoff, and be forgotten at the end."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from textual.widgets import Button, Input

from app.kiosk.app import KioskApp
from app.kiosk.intents import AnswersDone
from app.widgets.date_picker import DatePicker
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.store.store import LocalStore
from tests.app.conftest import TOKEN, settle
from tests.kiosk.conftest import (
    SIZE,
    SS_MOVE,
    KioskFactory,
    begin,
    pick_date,
    screen_name,
    seed_kiosk_journey,
    tap,
    tap_keys,
)

pytestmark = pytest.mark.anyio


async def choose_service(pilot: Any, circumstance: str, service: str) -> None:
    """On the services screen: the circumstance, the service, Next."""
    app: KioskApp = pilot.app
    assert screen_name(app) == "ServicesScreen"
    name = app.desk.catalogue.circumstances[circumstance].name.get(app.session.citizen_language)
    group = next(b for b in app.screen.query(".group") if str(b.label) == name)
    await tap(pilot, group)
    wanted = f"#service-{service.replace('.', '--')}"
    while not app.screen.query(wanted):
        await tap(pilot, "#more")
    await tap(pilot, wanted)
    await tap(pilot, "#next")


async def answer_ss_move(pilot: Any) -> None:
    """The three questions of the social security's change of address, by clicks."""
    app: KioskApp = pilot.app
    assert screen_name(app) == "QuestionsScreen"
    await tap_keys(pilot, "12345678901")
    await tap(pilot, "#next")
    await tap_keys(pilot, "Rua A 1, 1000-001 Faro")
    assert app.screen.query_one("#answer-text", Input).value == "Rua A 1, 1000-001 Faro"
    await tap(pilot, "#next")
    await pick_date(pilot, "answer-date", dt.date(2026, 11, 20))
    await tap(pilot, "#next")
    assert screen_name(app) == "FinishScreen"


async def test_start_with_the_card_answer_by_clicks_and_print_in_english(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "en")
        await tap(pilot, "#new")
        await tap(pilot, "#demo-marie-peeters")
        assert "Marie" in str(app.screen.query_one("#identify-status").render())
        await tap(pilot, "#start")
        assert screen_name(app) == "ConsentScreen"
        await tap(pilot, "#purpose-handoff")
        await tap(pilot, "#agree")
        await choose_service(pilot, "moving-house", SS_MOVE)
        await answer_ss_move(pilot)
        journey_id = app.session.journey_id
        assert journey_id is not None
        await tap(pilot, "#print")
        status = str(app.screen.query_one("#finish-status").render())
        assert "Take your receipt" in status
        await tap(pilot, "#done")
        assert screen_name(app) == "AttractScreen"
    state = store.journey(journey_id)
    assert state.citizen is not None and state.citizen.method == "card"
    assert state.services == (SS_MOVE,)
    assert state.answers["ss.number"].value == "12345678901"
    assert state.answers["address.new"].value == {
        "street": "Rua A 1",
        "postal_code": "1000-001",
        "municipality": "Faro",
    }
    assert state.answers["address.move_date"].value == "2026-11-20"
    assert SS_MOVE in state.submitted
    assert state.active_handoff is not None
    events = store.events_of(journey_id)
    assert {e.channel for e in events} == {"kiosk"}
    assert {e.actor for e in events} <= {"citizen", "system"}
    printed = [e for e in events if e.type == "receipt.printed"]
    assert printed and printed[0].data["language"] == "en"
    assert not app.desk.print_queue.pending()
    assert TOKEN not in "".join(str(e.data) for e in events)


async def test_a_card_with_only_the_year_of_birth_asks_for_the_rest_in_spanish(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "es")
        await tap(pilot, "#new")
        await tap(pilot, "#demo-amina-sesay")
        status = str(app.screen.query_one("#identify-status").render())
        assert "Amina Sesay" in status and "solo da 1979" in status
        picker = app.screen.query_one("#birth-picker", DatePicker)
        assert (picker.value, picker.first_year, picker.last_year) == (
            dt.date(1979, 1, 1),
            1979,
            1979,
        )
        await pick_date(pilot, "birth-picker", dt.date(1979, 7, 14))
        await tap(pilot, "#start")
        assert screen_name(app) == "ConsentScreen"
        journey_id = app.session.journey_id
        assert journey_id is not None
        assert not app.screen.query("#birth-picker")
    state = store.journey(journey_id)
    assert state.citizen is not None
    assert (state.citizen.name, state.citizen.birth_date) == ("Amina Sesay", "1979-07-14")
    assert state.citizen.method == "card" and state.language == "es"
    assert state.answers["citizen.birth_date"].value == "1979-07-14"


async def test_typed_identity_by_clicks_alone_in_portuguese(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "pt")
        await tap(pilot, "#new")
        await tap(pilot, "#type")
        assert screen_name(app) == "TypedIdentityScreen"
        assert app.screen.query_one("#kiosk-title").render().plain == "O seu nome"  # type: ignore[attr-defined]
        await tap_keys(pilot, "Zé Ñu")
        await tap(pilot, "#next")
        await pick_date(pilot, "birth-picker", dt.date(1948, 2, 29))
        await tap(pilot, "#next")
        assert screen_name(app) == "ConsentScreen"
        await tap(pilot, "#agree")
        await choose_service(pilot, "moving-house", SS_MOVE)
        assert screen_name(app) == "QuestionsScreen"
        await tap_keys(pilot, "123")
        await tap(pilot, "#next")  # the pattern wants 11 digits: the validator's words
        status = str(app.screen.query_one("#question-status").render())
        assert "11 algarismos; escreveu 3" in status
        journey_id = app.session.journey_id
    assert journey_id is not None
    state = store.journey(journey_id)
    assert state.citizen is not None
    assert (state.citizen.name, state.citizen.birth_date) == ("Zé Ñu", "1948-02-29")
    assert state.citizen.method == "manual" and state.language == "pt"
    assert "ss.number" not in state.answers
    assert state.consents == frozenset({"services"})


async def test_a_printer_without_paper_keeps_the_receipt_and_calls_a_mediator(
    make_kiosk: KioskFactory, store: LocalStore
) -> None:
    printer = SimulatedReceiptPrinter()
    printer.state = "paper_out"
    app = make_kiosk(printer=printer)
    async with app.run_test(size=SIZE) as pilot:
        journey_id = seed_kiosk_journey(app)
        app.session.choose_language("en")
        app.session.journey_id = journey_id
        app.post_message(AnswersDone(journey_id))
        await settle(pilot)
        assert screen_name(app) == "FinishScreen"
        await tap(pilot, "#print")
        assert screen_name(app) == "MediatorScreen"
        assert "001" in str(app.screen.query_one("#ticket").render())
        await tap(pilot, "#ok")
        status = str(app.screen.query_one("#finish-status").render())
        assert "waits in the queue" in status
    assert journey_id is not None
    assert len(app.desk.print_queue.pending()) == 1
    state = store.journey(journey_id)
    assert [(h.screen, h.reason) for h in state.help_requests] == [("finish", "printer")]
    assert SS_MOVE in state.submitted


async def test_every_target_is_three_rows_high_or_more(make_kiosk: KioskFactory) -> None:
    app = make_kiosk()
    async with app.run_test(size=SIZE) as pilot:
        await begin(pilot, "es")
        await tap(pilot, "#go-on")
        heights = {b.id or str(b.label): b.outer_size.height for b in app.screen.query(Button)}
        assert heights and min(heights.values()) >= 3, heights
