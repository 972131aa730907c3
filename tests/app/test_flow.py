"""The whole counter flow driven with Pilot, through the CLI's factory, on simulated devices."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, OptionList

from app.card_identity import identity_from_card
from app.counter.app import CounterpartApp
from app.counter.screens.finish import FinishScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.review import ReviewScreen
from app.counter.screens.services import ServicesScreen
from app.counter.screens.signin import SignInScreen
from app.counter.screens.steps import StepsScreen
from app.counter.screens.timeline import TimelineScreen
from app.widgets.qr_view import QrView
from devices.cards.simulated import SimulatedCardReader
from sync.domain.handoff import token_hash
from sync.domain.ids import format_reference
from sync.store.store import LocalStore
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    TOKEN,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


async def test_demo_operator_signs_in_and_a_wrong_pin_is_refused(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await sign_in(pilot, pin="9999")
        assert isinstance(app.screen, SignInScreen)
        assert app.desk.operator is None
        await pilot.press("1", "2", "3", "4", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.operator is not None and app.desk.operator.id == "demo"


async def test_whole_counter_flow(make_app: AppFactory, store: LocalStore, tmp_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("enter")  # the first demo card: Marie Peeters
        await settle(pilot)
        await pilot.press("ctrl+s")  # start the journey with the card's identity
        await settle(pilot)
        # consent: handle the requests, and a link to continue at home
        await pilot.press("space", "tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ServicesScreen)
        await pilot.press(*"change address")
        await pilot.pause()
        for service_id in (SS_MOVE, TAX_MOVE):
            results = screen.query_one("#results", OptionList)
            results.focus()
            results.highlighted = [s.id for s in screen.results].index(service_id)
            await pilot.press("enter")
            await settle(pilot)
        assert screen.state is not None and screen.state.services == (SS_MOVE, TAX_MOVE)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, StepsScreen)
        await pilot.press(*"12345678901", "enter")  # social security number
        await settle(pilot)
        await pilot.press(*"Rua Nova 5, 1000-001 Lisboa", "enter")  # shared: asked once
        await settle(pilot)
        await pilot.press(*"20/11/2026", "enter")  # shared too; the last field: next step
        await settle(pilot)
        await pilot.press("enter")  # national number, known from the card
        await settle(pilot)
        await pilot.press(*"123456789", "enter")  # tax number; on to the tax office's documents
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+f")
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert finish.handoff is not None and finish.handoff.url.endswith(f"/c/{TOKEN}")
        assert str(finish.query_one(QrView).render()).strip()  # the QR is on screen
        await pilot.press("down", "down", "down", "enter")  # 4 stars
        await pilot.press("tab", *"quick", "enter")
        await settle(pilot)
        journey_id = finish.journey_id

    events = store.events_of(journey_id)
    # The app's own events (the central store's clock.offset is the system's).
    assert {e.actor for e in events if e.device_id == store.device_id} == {"operator:demo"}
    kinds = [e.type for e in events]
    assert kinds[:2] == ["journey.started", "citizen.identified"]
    expected_order = [
        "consent.given",
        "service.added",
        "answer.recorded",
        "step.completed",
        "document.checked",
        "service.submitted",
        "handoff.issued",
        "receipt.printed",
        "feedback.given",
    ]
    firsts = [kinds.index(k, 7) for k in expected_order]  # after the 5 card answers
    assert firsts == sorted(firsts), kinds
    assert kinds.count("service.added") == 2 and kinds.count("service.submitted") == 2
    answers = [e.data for e in events if e.type == "answer.recorded"]
    card = {a["field"] for a in answers if a["source"] == "card"}
    assert card == {
        "citizen.name",
        "citizen.birth_date",
        "citizen.national_number",
        "citizen.nationality",
        "address.current",
    }
    typed = [a["field"] for a in answers if a["source"] == "typed"]
    assert typed.count("address.new") == 1  # shared by both services, asked once
    assert sorted(typed) == ["address.move_date", "address.new", "ss.number", "tax.number"]
    state = store.journey(journey_id)
    assert set(state.consents) == {"services", "handoff"}
    assert state.submitted == {SS_MOVE, TAX_MOVE}
    assert state.feedback == ((4, "quick"),)
    issued = next(e for e in events if e.type == "handoff.issued")
    assert issued.data["token_hash"] == token_hash(TOKEN)
    assert TOKEN not in str([e.data for e in events])
    ref = format_reference(state.ref or "")
    assert (tmp_path / "receipts" / f"receipt-{ref}.png").exists()
    text = (tmp_path / "receipts" / f"receipt-{ref}.txt").read_text()
    assert ref in text and "Marie" not in text


async def test_resume_by_reference_and_see_the_timeline(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)  # the newest row is the last answer, not a clock.offset
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.store.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("down")  # focus wanders off the field: typing still lands in it
        await pilot.press(*ref.lower().replace("-", ""), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.journey_id == journey_id
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)
        table = app.screen.query_one("#timeline", DataTable)
        assert table.row_count == len(app.desk.store.events_of(journey_id))
        first = [str(cell) for cell in table.get_row_at(0)]
        assert "Morada" not in first[2]  # newest first: the last answer
        assert "operador demo" in first[1] or "operator demo" in first[1]


async def test_resume_by_scanning_the_handoff_url(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    app.desk.operator = app.desk.store and None
    from sync.store.operators import get_operator

    app.desk.operator = get_operator(app.desk.store, "demo")
    handoff = app.desk.issue_handoff(journey_id)
    app.desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        home = app.screen
        home.query_one("#journeys").focus()  # the scanner types into whatever has focus
        await pilot.press(*handoff.url, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.journey_id == journey_id
        await pilot.press("f9")
        await settle(pilot)
        assert isinstance(app.screen, TimelineScreen)


async def test_unknown_reference_is_explained(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press(*"K7Q4M2XP0", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        message = str(app.screen.query_one("#home-message").render())
        assert "reference" in message.lower() or "referência" in message.lower()
        # The next scan replaces the failed text rather than being appended to it,
        # even when focus had wandered off the field.
        app.screen.query_one("#journeys").focus()
        await pilot.press(*ref_of(app, journey_id), "enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.screen.journey_id == journey_id


async def test_conflict_is_settled_by_choosing_one_value(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app, conflict=True)
    assert app.desk.store.journey(journey_id).conflicts == ("address.new",)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")
        await settle(pilot)
        await pilot.click("#keep-2")
        await settle(pilot)
    state = app.desk.store.journey(journey_id)
    assert state.conflicts == ()
    assert state.answers["address.new"].value["street"] == "Avenida da Liberdade 200"


async def test_sign_in_typed_in_one_burst_lands_in_the_right_fields(make_app: AppFactory) -> None:
    # tmux send-keys, a paste or a badge scanner: every key arrives before the app has
    # handled the first Enter; the PIN must not end up in the operator field.
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        for key in [*"demo", "enter", *"1234", "enter"]:
            event = events.Key(key, "\r" if key == "enter" else key)
            event.set_sender(app)
            driver.send_message(event)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.operator is not None and app.desk.operator.id == "demo"


async def test_search_typed_while_the_index_is_built_is_answered(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The index is built in a worker (seconds for a big catalogue); what is typed
    # meanwhile is searched when it is ready, and the UI answers keys all along.
    import threading

    import app.counter.screens.services as services
    from sync.catalogue.search import SearchIndex

    release = threading.Event()

    class SlowIndex(SearchIndex):
        def __init__(self, *args: object) -> None:
            release.wait(10)
            super().__init__(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(services, "SearchIndex", SlowIndex)
    app = make_app()
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        screen = ServicesScreen(journey_id)
        await app.push_screen(screen)
        while screen.state is None:  # the journey is read (the index worker still waits)
            await pilot.pause()
        await pilot.pause()
        await pilot.press(*"change address")
        assert screen.query_one("#search", Input).value == "change address"
        assert app.session.search_index is None and screen.results == []
        release.set()
        await settle(pilot)
        assert app.session.search_index is not None
        assert {SS_MOVE, TAX_MOVE} <= {s.id for s in screen.results}


def _journey_with_two_moves(app: CounterpartApp) -> str:
    from sync.store.operators import get_operator

    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    reader = SimulatedCardReader()
    reader.insert("marie-peeters")
    journey_id = desk.start_with_identity(identity_from_card(reader.read(), "test"), "pt")
    desk.give_consent(journey_id, ["services", "handoff"])
    desk.add_service(journey_id, SS_MOVE)
    desk.add_service(journey_id, TAX_MOVE)
    desk.operator = None
    return journey_id


async def test_answers_typed_ahead_in_one_burst_land_in_their_fields(
    make_app: AppFactory,
) -> None:
    # Every key arrives before the app has handled the first Enter (tmux, a scanner,
    # a fast typist): each answer still lands in its own field, and none conflicts.
    app = make_app()
    journey_id = _journey_with_two_moves(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        screen = StepsScreen(journey_id)
        await app.push_screen(screen)
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "input-ss-number"
        burst(app, [*"12345678901", "enter", *"Rua Nova 5, 1000-001 Lisboa", "enter"])
        burst(app, [*"20/11/2026", "enter"])
        await settle(pilot)
    state = app.desk.store.journey(journey_id)
    assert state.conflicts == ()
    assert state.answers["ss.number"].value == "12345678901"
    assert state.answers["address.new"].value["street"] == "Rua Nova 5"
    assert str(state.answers["address.move_date"].value) == "2026-11-20"


async def test_a_field_confirmed_twice_quickly_supersedes_itself(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = _journey_with_two_moves(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        screen = StepsScreen(journey_id)
        await app.push_screen(screen)
        await settle(pilot)
        for number in ("11111111111", "22222222222"):  # both before the screen reloads
            screen.save_answer("ss.number", number, "typed", [], None, SS_MOVE, None)
        await settle(pilot)
    state = app.desk.store.journey(journey_id)
    assert state.conflicts == ()
    assert state.answers["ss.number"].value == "22222222222"


def burst(app: CounterpartApp, keys: list[str]) -> None:
    """Post keys to the app as a terminal would, without waiting between them."""
    from textual import events

    driver = app._driver
    assert driver is not None
    for key in keys:
        char = {"enter": "\r", "space": " "}.get(key, key if len(key) == 1 else None)
        name = {" ": "space", ",": "comma", "/": "slash", "-": "minus"}.get(key, key)
        event = events.Key(name, char)
        event.set_sender(app)
        driver.send_message(event)


def ref_of(app: CounterpartApp, journey_id: str) -> str:
    """The journey's reference as printed."""
    ref = app.desk.store.journey(journey_id).ref
    assert ref is not None
    return format_reference(ref)


async def test_without_consent_to_a_link_home_the_receipt_has_none(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    app.desk.store.append(
        journey_id,
        "consent.withdrawn",
        {"purposes": ["handoff"]},
        channel="counter",
        actor="operator:demo",
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await app.push_screen(FinishScreen(journey_id))
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert finish.handoff is None
        assert not str(finish.query_one(QrView).render()).strip()  # no QR on screen
        shown = str(finish.query_one("#handoff-url").render())
        assert shown == app.t("finish.no_handoff")
    kinds = [e.type for e in store.events_of(journey_id)]
    assert "handoff.issued" not in kinds
    assert "receipt.printed" in kinds  # the receipt still prints, with the reference
    ref = ref_of(app, journey_id)
    text = (tmp_path / "receipts" / f"receipt-{ref}.txt").read_text()
    assert ref in text and "/c/" not in text


async def test_down_from_the_search_goes_into_the_results(make_app: AppFactory) -> None:
    app = make_app()
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        screen = ServicesScreen(journey_id)
        await app.push_screen(screen)
        await settle(pilot)
        await pilot.press(*"mudar morada")
        await settle(pilot)
        assert screen.results and screen.results[0].id == "vehicles.address-change"
        await pilot.press("down")  # into the list, on the first result
        await settle(pilot)
        assert app.focused is screen.query_one("#results")
        await pilot.press("enter")
        await settle(pilot)
        assert screen.state is not None
        assert "vehicles.address-change" in screen.state.services


async def test_sign_in_typed_with_tab_in_one_burst_keeps_the_pin_out_of_sight(
    make_app: AppFactory,
) -> None:
    # A password manager types "demo", Tab, "1234", Enter before the app has moved on.
    from textual import events

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        driver = app._driver
        assert driver is not None
        for key in [*"demo", "tab", *"1234", "enter"]:
            character = {"enter": "\r", "tab": "\t"}.get(key, key)
            event = events.Key(key, character)
            event.set_sender(app)
            driver.send_message(event)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.desk.operator is not None and app.desk.operator.id == "demo"
