"""A receipt waiting for the printer prints when the printer answers again, unasked."""

from __future__ import annotations

import pytest
from textual.widgets import Static

from app.counter.screens.finish import FinishScreen
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.domain.ids import format_reference
from tests.app.conftest import SIZE, AppFactory, open_from_home, seed_journey, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_a_waiting_receipt_prints_when_the_printer_comes_back(make_app: AppFactory) -> None:
    printer = SimulatedReceiptPrinter()
    printer.state = "paper_out"
    app = make_app(printer=printer, sync_link=None)
    app.printer_probe_seconds = 0.2
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        status = str(finish.query_one("#print-status", Static).render())
        assert "..." not in status and ".." not in status.replace("…", "")
        assert "prints by itself when the printer answers" in status
        await pilot.pause(0.6)
        await settle(pilot)
        assert printer.printed == [] and app.desk.waiting_receipts() == [ref]  # still out
        printer.state = "ready"
        for _ in range(20):
            await pilot.pause(0.1)
            if printer.printed:
                break
        await settle(pilot)
        assert len(printer.printed) == 1
        assert app.desk.waiting_receipts() == []
        messages = [n.message for n in app._notifications]
        assert f"The printer is back: receipts printed for {ref}." in messages
        assert app.desk.journey(journey_id).receipts == 1
        status = str(finish.query_one("#print-status", Static).render())
        assert status.startswith("Receipt printed")  # the finish screen says so too


async def test_quitting_while_a_receipt_waits_asks_twice(make_app: AppFactory) -> None:
    printer = SimulatedReceiptPrinter()
    printer.state = "cover_open"
    app = make_app(printer=printer, sync_link=None)
    journey_id = seed_journey(app)
    ref = format_reference(app.desk.journey(journey_id).ref or "")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running
        messages = [n.message for n in app._notifications]
        assert any(f"waiting for the printer ({ref})" in m for m in messages)
        await pilot.press("ctrl+q")  # asked twice: it quits (the receipt stays queued)
        await pilot.pause()
        assert not app.is_running
    assert app.desk.waiting_receipts() == [ref]
