"""Every receipt that comes out is recorded on its own journey, once, whoever drained it."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from typing import Any

import pytest

from app.counter.app import CounterpartApp
from app.desk import Desk
from app.outcomes import Handoff, Printed
from app.print_queue import PersistentPrintQueue
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.domain.events import Event
from sync.domain.ids import format_reference
from sync.store.operators import get_operator
from sync.store.store import LocalStore
from tests.app.conftest import SIZE, AppFactory, seed_journey, settle
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PAPER_OUT, READY, PrinterListener

pytestmark = pytest.mark.anyio


def counting_tokens() -> Callable[[], str]:
    numbers = itertools.count(1)
    return lambda: f"TestToken{next(numbers):023d}"


def receipts_printed(desk: Desk, journey_id: str) -> list[Event]:
    return [e for e in desk.events(journey_id) if e.type == "receipt.printed"]


def ref_of(desk: Desk, journey_id: str) -> str:
    ref = desk.journey(journey_id).ref
    assert ref is not None
    return format_reference(ref)


def refs_printed(listener: PrinterListener, count: int, refs: set[str]) -> list[str]:
    """The references on the receipts the listener received (status-only connections skipped)."""
    found = []
    for connection in listener.wait_for(count):
        found.extend(line for line in decode(bytes(connection.data)).lines if line in refs)
    return found


def finishing(app: CounterpartApp) -> tuple[Desk, str, str]:
    """Two journeys of the demo operator, signed in at the desk."""
    first, second = seed_journey(app), seed_journey(app)
    desk = app.desk
    desk.operator = get_operator(desk.store, "demo")
    return desk, first, second


def network(listener: PrinterListener) -> NetworkReceiptPrinter:
    return NetworkReceiptPrinter("127.0.0.1", listener.port, timeout=10.0)


def test_a_receipt_queued_in_an_outage_is_recorded_on_its_journey_when_another_finishes(
    make_app: AppFactory,
) -> None:
    desk, first, second = finishing(make_app(token_factory=counting_tokens()))
    with PrinterListener(PAPER_OUT) as listener:
        desk.printer = network(listener)
        handoff_a = desk.issue_handoff(first)
        outage = desk.print_receipt(first, handoff_a, "en")
        assert outage.result.error is not None
        assert receipts_printed(desk, first) == []

        listener.status = dict(READY)
        handoff_b = desk.issue_handoff(second)
        back = desk.print_receipt(second, handoff_b, "es")
        refs = {ref_of(desk, first), ref_of(desk, second)}
        printed = refs_printed(listener, 3, refs)

    assert back.result.error is None
    assert printed == [ref_of(desk, first), ref_of(desk, second)]
    (on_a,) = receipts_printed(desk, first)
    assert dict(on_a.data) == {"language": "en", "handoff_id": handoff_a.handoff_id}
    assert on_a.actor == "operator:demo"
    (on_b,) = receipts_printed(desk, second)
    assert dict(on_b.data) == {"language": "es", "handoff_id": handoff_b.handoff_id}
    assert desk.journey(first).receipts == 1 and desk.journey(second).receipts == 1


def test_the_start_up_drain_and_a_finish_at_once_print_and_record_each_receipt_once(
    make_app: AppFactory, store: LocalStore
) -> None:
    app = make_app(
        token_factory=counting_tokens(), print_queue=PersistentPrintQueue.in_store(store)
    )
    desk, first, second = finishing(app)
    waiting = SimulatedReceiptPrinter()
    waiting.state = "unreachable"
    desk.printer = waiting
    handoff_a = desk.issue_handoff(first)
    desk.print_receipt(first, handoff_a, "pt")
    handoff_b = desk.issue_handoff(second)

    with PrinterListener() as listener:
        desk.printer = network(listener)
        start = threading.Barrier(2)
        outcomes: list[Printed | BaseException] = []

        def run(call: Callable[[], Printed]) -> None:
            start.wait()
            try:
                outcomes.append(call())
            except BaseException as exc:
                outcomes.append(exc)

        calls: list[Callable[[], Any]] = [
            desk.drain_printer,  # what the app runs at start-up
            lambda: desk.print_receipt(second, handoff_b, "en"),  # the finish screen
        ]
        threads = [threading.Thread(target=run, args=(call,)) for call in calls]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        refs = {ref_of(desk, first), ref_of(desk, second)}
        printed = refs_printed(listener, 2, refs)

    assert all(isinstance(o, Printed) and o.result.error is None for o in outcomes)
    assert sorted(printed) == sorted(refs)
    (on_a,) = receipts_printed(desk, first)
    assert dict(on_a.data) == {"language": "pt", "handoff_id": handoff_a.handoff_id}
    (on_b,) = receipts_printed(desk, second)
    assert dict(on_b.data) == {"language": "en", "handoff_id": handoff_b.handoff_id}
    assert desk.print_queue.pending() == []


async def test_a_receipt_printed_at_start_up_is_recorded_on_its_journey(
    make_app: AppFactory, store: LocalStore
) -> None:
    queue = PersistentPrintQueue.in_store(store)
    printer = SimulatedReceiptPrinter()
    printer.state = "paper_out"
    earlier = make_app(printer=printer, print_queue=queue)
    desk, journey_id, _ = finishing(earlier)
    handoff: Handoff = desk.issue_handoff(journey_id)
    desk.print_receipt(journey_id, handoff, "es")
    assert receipts_printed(desk, journey_id) == []

    printer.state = "ready"  # the roll was changed while the app was off
    app = make_app(printer=printer, print_queue=queue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert [r.handoff_url for r in printer.printed] == [handoff.url]
    (printed,) = receipts_printed(app.desk, journey_id)
    assert dict(printed.data) == {"language": "es", "handoff_id": handoff.handoff_id}
    assert printed.actor == "system"  # nobody is signed in yet
    assert queue.pending() == []
