"""The print queue keeps receipts through printer outages and forgets the token once printed."""

from __future__ import annotations

import dataclasses

import pytest

from devices.printing.errors import CoverOpen, PaperOut, PrinterUnreachable
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.queue import MemoryPrintQueue, PrintJob, PrintQueueStore, drain
from devices.printing.receipt import Receipt
from devices.printing.simulated import SimulatedReceiptPrinter
from tests.printing.conftest import HANDOFF_URL, make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PAPER_OUT, READY, PrinterListener
from tests.printing.scan import qr_texts


def queue_with(*refs: str) -> MemoryPrintQueue:
    queue = MemoryPrintQueue()
    for number, ref in enumerate(refs):
        receipt = dataclasses.replace(make_receipt(), journey_ref=ref)
        queue.enqueue(PrintJob.for_receipt(receipt, job_id=f"job-{number}"))
    return queue


def test_the_stored_receipt_never_holds_the_handoff_url() -> None:
    job = PrintJob.for_receipt(make_receipt())
    assert HANDOFF_URL not in job.receipt_json
    assert job.handoff_url == HANDOFF_URL
    assert job.receipt() == make_receipt()


def test_memory_queue_is_a_print_queue_store() -> None:
    queue: PrintQueueStore = MemoryPrintQueue()
    queue.enqueue(PrintJob.for_receipt(make_receipt(), job_id="a"))
    with pytest.raises(ValueError, match="already queued"):
        queue.enqueue(PrintJob.for_receipt(make_receipt(), job_id="a"))


def test_outage_keeps_the_job_and_the_printer_coming_back_prints_it() -> None:
    queue = MemoryPrintQueue()
    queue.enqueue(PrintJob.for_receipt(make_receipt("pt"), job_id="job-1"))
    with PrinterListener(PAPER_OUT) as listener:
        printer = NetworkReceiptPrinter("127.0.0.1", listener.port, timeout=0.5, columns=32)

        first = drain(queue, printer)
        assert first.printed == [] and isinstance(first.error, PaperOut)
        (waiting,) = queue.pending()
        assert waiting.handoff_url == HANDOFF_URL
        assert (waiting.attempts, waiting.last_error) == (1, str(first.error))

        listener.status = dict(READY)
        second = drain(queue, printer)
        _, job = listener.wait_for(2)

    assert second.error is None
    assert [done.job_id for done in second.printed] == ["job-1"]
    assert queue.pending() == []
    printed = queue.get("job-1")
    assert printed is not None and printed.printed and printed.handoff_url is None
    (image,) = decode(bytes(job.data)).images
    assert qr_texts(image) == [HANDOFF_URL]


def test_unreachable_printer_keeps_every_job() -> None:
    queue = queue_with("AAA-AAA-AAA", "BBB-BBB-BBB")
    printer = SimulatedReceiptPrinter()
    printer.state = "unreachable"
    result = drain(queue, printer)
    assert isinstance(result.error, PrinterUnreachable)
    assert [job.attempts for job in queue.pending()] == [1, 0]  # stopped at the first


class CoverOpensAfter(SimulatedReceiptPrinter):
    """A simulated printer whose cover opens after ``count`` receipts."""

    def __init__(self, count: int) -> None:
        super().__init__()
        self.count = count

    def print_receipt(self, receipt: Receipt) -> None:
        if len(self.printed) == self.count:
            self.state = "cover_open"
        super().print_receipt(receipt)


def test_drain_prints_in_order_and_stops_at_the_first_error() -> None:
    queue = queue_with("AAA-AAA-AAA", "BBB-BBB-BBB", "CCC-CCC-CCC")
    printer = CoverOpensAfter(1)

    result = drain(queue, printer)
    assert [job.journey_ref for job in result.printed] == ["AAA-AAA-AAA"]
    assert isinstance(result.error, CoverOpen)
    assert [job.journey_ref for job in queue.pending()] == ["BBB-BBB-BBB", "CCC-CCC-CCC"]

    printer.state, printer.count = "ready", 99  # the cover is closed again
    result = drain(queue, printer)
    assert [job.journey_ref for job in result.printed] == ["BBB-BBB-BBB", "CCC-CCC-CCC"]
    assert [receipt.journey_ref for receipt in printer.printed] == [
        "AAA-AAA-AAA",
        "BBB-BBB-BBB",
        "CCC-CCC-CCC",
    ]
    assert queue.pending() == []


def test_unreadable_job_is_skipped_not_blocking() -> None:
    queue = MemoryPrintQueue()
    queue.enqueue(PrintJob("bad", "AAA-AAA-AAA", "{not json", None))
    queue.enqueue(PrintJob.for_receipt(make_receipt(), job_id="good"))
    printer = SimulatedReceiptPrinter()
    result = drain(queue, printer)
    assert result.unprintable == ["bad"] and [j.job_id for j in result.printed] == ["good"]
    (left,) = queue.pending()
    assert left.job_id == "bad" and left.last_error is not None


def test_mark_printed_of_unknown_job_does_nothing() -> None:
    queue = MemoryPrintQueue()
    queue.mark_printed("nope")
    queue.mark_failed("nope", "reason")
    assert queue.pending() == []
