"""A service goes to its agency only with the documents it asks for in hand: Ctrl+F on a
journey whose steps are done but a document never checked names it, and a second Ctrl+F
finishes without sending that service (``sync.domain.rules.waiting_for_documents``)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from app.counter.screens.finish import FinishScreen
from app.counter.screens.review import ReviewScreen
from app.i18n import tr
from app.receipts import build_receipt
from sync.store.operators import get_operator
from sync.store.store import LocalStore
from tests.app.conftest import (
    NOW,
    SIZE,
    SS_MOVE,
    TAX_MOVE,
    AppFactory,
    open_from_home,
    seed_journey,
    settle,
    sign_in,
)
from tests.app.test_finish_summary import finish_of

pytestmark = pytest.mark.anyio


def steps_done(app: object, journey_id: str) -> None:
    """Answer and complete every step of both services; check no document."""
    desk = app.desk  # type: ignore[attr-defined]
    desk.operator = get_operator(desk.store, "demo")
    for key, value in (("address.move_date", "2026-11-20"), ("tax.number", "123456789")):
        desk.record_answer(journey_id, key, value, complete_steps=True)
    for service in (SS_MOVE, TAX_MOVE):
        for step in desk.catalogue.services[service].steps:
            if (service, step.id) not in desk.journey(journey_id).steps_done:
                desk.complete_step(journey_id, service, step.id)
    desk.operator = None


async def test_ctrl_f_names_the_missing_document_then_finishes_without_that_service(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    steps_done(app, journey_id)
    catalogue = app.desk.catalogue
    assert catalogue.services[SS_MOVE].documents == ()  # nothing to bring: it can go
    proof = catalogue.documents["proof-of-address"]
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        lang = app.session.ui_language
        review = app.screen
        assert isinstance(review, ReviewScreen)
        table: DataTable[object] = review.query_one("#review-table", DataTable)
        assert tr(lang, "review.documents_missing") in str(table.get_row(TAX_MOVE)[2])
        assert tr(lang, "review.ready") in str(table.get_row(SS_MOVE)[2])

        await pilot.press("ctrl+f")
        await settle(pilot)
        assert app.screen is review  # not finished: first, what is missing
        tax = catalogue.services[TAX_MOVE].name.get(lang)
        what = f"{tax} ({proof.name.get(lang)})"
        warned = [n.message for n in app._notifications if n.severity == "warning"]
        assert tr(lang, "review.documents_first", what=what) in warned
        assert "service.submitted" not in [e.type for e in store.events_of(journey_id)]

        await pilot.press("ctrl+f")  # again: finish without sending it
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        summary = str(finish.query_one("#finish-summary", Static).render())
        missing = tr(lang, "finish.documents_at_home", documents=proof.name.get(lang))
        assert f"○ {tax}: {missing}" in summary
    state = store.journey(journey_id)
    assert state.submitted == {SS_MOVE}
    assert state.closed is None  # the tax service is still to send
    receipt = build_receipt(state, catalogue, site_name="Lisboa", issued_at=NOW,
                            language="en", url=None)  # fmt: skip
    (line,) = [s for s in receipt.services if s.service == catalogue.services[TAX_MOVE].name.en]
    assert line.bring == (proof.name.en,)


async def test_once_the_document_is_checked_ctrl_f_sends_the_service_at_once(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    steps_done(app, journey_id)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    desk.check_document(journey_id, "proof-of-address", True, TAX_MOVE)
    desk.operator = None
    async with app.run_test(size=SIZE) as pilot:
        await finish_of(pilot, journey_id)
        assert not [n for n in app._notifications if n.severity == "warning"]
    state = store.journey(journey_id)
    assert state.submitted == {SS_MOVE, TAX_MOVE}
    assert state.closed == "completed"


async def test_a_document_uploaded_at_home_counts_as_in_hand_at_the_counter(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    steps_done(app, journey_id)
    app.desk.store.append(journey_id, "document.uploaded", {
        "document": "proof-of-address", "filename": "4f2a.pdf", "sha256": "0" * 64,
        "size": 1200, "content_type": "application/pdf", "service": TAX_MOVE,
    }, channel="web", actor="citizen")  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await finish_of(pilot, journey_id)
    assert store.journey(journey_id).submitted == {SS_MOVE, TAX_MOVE}
