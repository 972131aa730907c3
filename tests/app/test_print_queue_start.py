"""At start the app prints the receipts an earlier run left in the store's print queue."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from app.print_queue import PersistentPrintQueue
from devices.printing.diagnostics import test_receipt
from devices.printing.queue import PrintJob
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.store.store import LocalStore
from tests.app.conftest import SIZE, AppFactory, settle

pytestmark = pytest.mark.anyio

URL = "https://continuar.example.gov.pt/c/TOKEN-abcdefghijklmnop"


def queued_job(store: LocalStore) -> PersistentPrintQueue:
    page = test_receipt("pt", 42, "https://continuar.example.gov.pt",
                        now=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))  # fmt: skip
    receipt = dataclasses.replace(page, journey_ref="ABC-123-XYZ", kind="service")
    queue = PersistentPrintQueue.in_store(store)
    queue.enqueue(PrintJob.for_receipt(receipt.with_handoff(URL), job_id="left-over"))
    return queue


async def test_a_receipt_left_in_the_queue_prints_when_the_app_starts(
    make_app: AppFactory, store: LocalStore
) -> None:
    queue = queued_job(store)
    printer = SimulatedReceiptPrinter()
    app = make_app(printer=printer, print_queue=queue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert [r.handoff_url for r in printer.printed] == [URL]
    assert queue.pending() == []
    row = store.conn.execute("SELECT handoff_url, printed FROM print_jobs").fetchone()
    assert tuple(row) == (None, 1)


async def test_a_printer_still_out_at_start_keeps_the_receipt_and_tells_the_mediator(
    make_app: AppFactory, store: LocalStore
) -> None:
    queue = queued_job(store)
    printer = SimulatedReceiptPrinter()
    printer.state = "paper_out"
    app = make_app(printer=printer, print_queue=queue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [n.title for n in app._notifications]
    (waiting,) = queue.pending()
    assert (waiting.attempts, waiting.handoff_url) == (1, URL)
    assert "Printer out of paper" in titles
