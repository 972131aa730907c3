"""Journeys close: abandoned before any service, completed when all is submitted, or by
the mediator with a reason (``sync.domain.closing``; docs/journeys.md)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from app.card_identity import identity_from_card
from app.counter.intents import SignOut
from app.counter.screens.consent import ConsentScreen
from app.counter.screens.finish import FinishScreen
from app.counter.screens.home import HomeScreen
from app.counter.screens.review import ReviewScreen
from app.counter.screens.signin import SignInScreen
from app.i18n import tr
from devices.cards.simulated import SimulatedCardReader
from sync.domain.ids import format_reference
from sync.store.operators import get_operator
from sync.store.store import LocalStore
from tests.app.conftest import (
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)

pytestmark = pytest.mark.anyio


async def start_with_card(pilot: object) -> None:
    await pilot.press("ctrl+n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.press("enter")  # type: ignore[attr-defined]  # the first demo card
    await settle(pilot)
    await pilot.press("ctrl+s")  # type: ignore[attr-defined]
    await settle(pilot)


async def test_a_citizen_who_walks_away_at_consent_leaves_a_closed_journey(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_with_card(pilot)
        consent = app.screen
        assert isinstance(consent, ConsentScreen)
        journey_id = consent.journey_id
        await pilot.press("escape")  # the citizen walks away
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        said = str(app.screen.query_one("#home-message", Static).render())
        assert "closed as abandoned" in said
        assert store.journey(journey_id).closed == "abandoned"
        row = next(r for r in store.journeys(limit=10) if r.journey_id == journey_id)
        assert row.closed == "abandoned"


async def test_signing_out_with_a_journey_without_services_closes_it(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_with_card(pilot)
        journey_id = app.screen.journey_id  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # consent: only what is required
        await settle(pilot)
        app.post_message(SignOut())  # as the lock screen's "sign out" does
        await settle(pilot)
        assert isinstance(app.screen, SignInScreen)
    assert store.journey(journey_id).closed == "abandoned"
    assert [e.type for e in store.events_of(journey_id)].count("journey.closed") == 1


async def test_quitting_on_the_services_screen_without_a_service_closes_the_journey(
    make_app: AppFactory, store: LocalStore
) -> None:
    """Ctrl+Q with a journey of no service on screen closes it as abandoned, as leaving
    it for Home or signing out does: it must not stay open until someone finds it."""
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_with_card(pilot)
        journey_id = app.screen.journey_id  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")  # consent: only what is required; services screen
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert store.journey(journey_id).closed == "abandoned"
    assert [e.type for e in store.events_of(journey_id)].count("journey.closed") == 1


async def test_quitting_with_a_journey_that_has_a_service_leaves_it_open(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        journey_id = seed_journey(app)
        await open_from_home(pilot, journey_id)
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert store.journey(journey_id).closed is None


async def test_journeys_left_without_a_service_by_a_killed_app_close_at_the_next_home(
    make_app: AppFactory, store: LocalStore
) -> None:
    """A process killed (or a terminal closed) on the consent or services screen leaves a
    journey without a service open; the next Home, with no journey on screen, closes it
    (and any other such journey of this site) and says so. One with a service stays open."""

    app = make_app(sync_link=None)
    kept = seed_journey(app)
    app.desk.operator = get_operator(store, "demo")
    walked_away = []
    for card in ("jurgen-muller", "fatima-el-amrani"):
        reader = SimulatedCardReader()
        reader.insert(card)
        identity = identity_from_card(reader.read(), reader.reader_name)
        walked_away.append(app.desk.start_with_identity(identity, "pt"))
    app.desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        said = ""
        for _ in range(100):  # Home's worker closes them, then says so
            said = str(app.screen.query_one("#home-message", Static).render())
            if "closed as abandoned" in said:
                break
            await pilot.pause(0.05)
        assert "closed as abandoned" in said, said
        for journey_id in walked_away:
            assert format_reference(store.journey(journey_id).ref or "") in said
    assert [store.journey(j).closed for j in walked_away] == ["abandoned", "abandoned"]
    assert store.journey(kept).closed is None


async def test_a_journey_with_a_service_stays_open_when_left(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.journey(journey_id).closed is None


async def test_a_journey_closes_when_every_service_is_submitted(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    for key, value in (("address.move_date", "2026-11-20"), ("tax.number", "123456789")):
        desk.record_answer(journey_id, key, value, complete_steps=True)
    for service in (SS_MOVE, TAX_MOVE):
        for step in app.desk.catalogue.services[service].steps:
            if (service, step.id) not in desk.journey(journey_id).steps_done:
                desk.complete_step(journey_id, service, step.id)
        for document in app.desk.catalogue.services[service].documents:
            desk.check_document(journey_id, document, True, service)
    desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FinishScreen)
    state = store.journey(journey_id)
    assert state.submitted == {SS_MOVE, TAX_MOVE}
    assert state.closed == "completed"
    kinds = [e.type for e in store.events_of(journey_id)]
    assert kinds.index("journey.closed") == kinds.index("service.submitted") + 2


async def test_a_service_left_to_do_keeps_the_journey_open_after_finish(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
    assert store.journey(journey_id).closed is None


async def test_the_mediator_closes_a_journey_with_a_reason(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press("escape")  # changed my mind: nothing written
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert store.journey(journey_id).closed is None
        await pilot.press("ctrl+w")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second reason: the citizen withdrew
        await settle(pilot)
        assert store.journey(journey_id).closed == "withdrawn"
        assert "Closed: the citizen withdrew" in str(review.query_one("#review-who").render())
        assert review.check_action("close_journey", ()) is False


async def test_a_journey_closed_as_abandoned_opens_read_only_without_a_receipt(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await start_with_card(pilot)
        journey_id = app.screen.journey_id  # type: ignore[attr-defined]
        await pilot.press("escape")  # walked away at consent: closed as abandoned
        await settle(pilot)
        assert store.journey(journey_id).closed == "abandoned"
        await open_from_home(pilot, journey_id)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        none = str(review.query_one("#review-none", Static).render())
        assert none == tr(app.session.ui_language, "review.none_closed")  # no "Ctrl+A to choose"
        before = len(store.events_of(journey_id))
        for key in ("ctrl+f", "ctrl+e", "ctrl+a", "ctrl+k"):
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is review, key
        notes = [n.message for n in app._notifications]
        assert any("closed (abandoned) with nothing to hand over" in n for n in notes), notes
        assert any("closed (abandoned): nothing in it changes" in n for n in notes), notes
    kinds = [e.type for e in store.events_of(journey_id)]
    assert len(kinds) == before
    assert "handoff.issued" not in kinds and "receipt.printed" not in kinds


async def test_a_journey_closed_as_done_still_prints_its_receipt_again(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    desk.close(journey_id, "resolved")
    desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+e")  # no more answers
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        printed = [e for e in store.events_of(journey_id) if e.type == "receipt.printed"]
        await pilot.press("ctrl+f")  # but the citizen may need the receipt again
        await settle(pilot)
        assert isinstance(app.screen, FinishScreen)
    again = [e for e in store.events_of(journey_id) if e.type == "receipt.printed"]
    assert len(again) == len(printed) + 1
    # Nothing else changed: no service went, no journey reopened, no second close.
    kinds = [e.type for e in store.events_of(journey_id)]
    assert "service.submitted" not in kinds and kinds.count("journey.closed") == 1


async def test_home_lists_a_closed_journey_as_closed_and_an_open_one_as_open(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    done = seed_journey(app)
    going = seed_journey(app)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    for service in (SS_MOVE, TAX_MOVE):
        desk.store.append(done, "service.submitted", {"service": service},
                          channel="counter", actor="operator:demo")  # fmt: skip
    desk.store.append(done, "journey.closed", {"reason": "completed"},
                      channel="counter", actor="operator:demo")  # fmt: skip
    desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        table: DataTable[object] = home.query_one("#journeys", DataTable)
        lang = app.session.ui_language
        assert str(table.get_row(done)[-1]) == tr(lang, "state.closed")
        assert str(table.get_row(going)[-1]) == tr(lang, "state.open")
