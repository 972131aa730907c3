"""Two drains at once never print a receipt twice: claims in memory and in the local store."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from app.print_queue import PersistentPrintQueue
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.queue import DrainResult, MemoryPrintQueue, PrintJob, PrintQueueStore, drain
from devices.printing.receipt import Receipt
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.store.migrations import APPLICATION_ID, MIGRATIONS
from sync.store.print_queue import SqlitePrintQueue
from sync.store.store import LocalStore
from tests.printing.conftest import make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PrinterListener

REFS = tuple(
    f"{letter * 3}-{n}{n}{n}-{letter * 3}" for letter, n in zip("ABCDEF", "123456", strict=True)
)
SITE = "demo-lisboa"


def receipt_for(ref: str) -> Receipt:
    return dataclasses.replace(make_receipt("pt"), journey_ref=ref)


def fill(queue: PrintQueueStore) -> None:
    for ref in REFS:
        queue.enqueue(PrintJob.for_receipt(receipt_for(ref), job_id=f"job-{ref}"))


def printed_refs(listener: PrinterListener, count: int) -> list[str]:
    """The references on the receipts the listener received, in arrival order."""
    refs = []
    for connection in listener.wait_for(count):
        lines = decode(bytes(connection.data)).lines
        refs.extend(line for line in lines if line in REFS)
    return refs


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def race(*drains: Callable[[], DrainResult]) -> list[DrainResult]:
    """Run the drains in threads released at the same instant; return their results."""
    start = threading.Barrier(len(drains))
    results: list[DrainResult | BaseException] = [RuntimeError("not run")] * len(drains)

    def run(index: int) -> None:
        start.wait()
        try:
            results[index] = drains[index]()
        except BaseException as exc:  # handed to the test thread below
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(drains))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    done = []
    for result in results:
        if isinstance(result, BaseException):
            raise result
        done.append(result)
    return done


def network(listener: PrinterListener) -> NetworkReceiptPrinter:
    # A generous timeout: the listener serves one connection at a time, so one
    # printer's connection waits while the other prints.
    return NetworkReceiptPrinter("127.0.0.1", listener.port, timeout=10.0, columns=32)


def test_a_claimed_job_is_not_claimed_again_until_marked() -> None:
    queue = MemoryPrintQueue()
    queue.enqueue(PrintJob.for_receipt(make_receipt(), job_id="a"))
    assert queue.claim("a")
    assert not queue.claim("a")
    queue.mark_failed("a", "paper out")
    assert queue.claim("a")
    queue.mark_printed("a")
    assert not queue.claim("a") and not queue.claim("unknown")


def test_a_claim_whose_drain_died_lapses() -> None:
    clock = Clock()
    queue = MemoryPrintQueue(claim_seconds=120, clock=clock)
    queue.enqueue(PrintJob.for_receipt(make_receipt(), job_id="a"))
    assert queue.claim("a")
    clock.now += 119
    assert not queue.claim("a")
    clock.now += 1
    assert queue.claim("a")


def test_a_drain_skips_a_job_another_drain_holds() -> None:
    queue = MemoryPrintQueue()
    fill(queue)
    assert queue.claim(f"job-{REFS[0]}")  # another drain is printing it
    printer = SimulatedReceiptPrinter()
    result = drain(queue, printer)
    assert result.busy == [f"job-{REFS[0]}"]
    assert [r.journey_ref for r in printer.printed] == list(REFS[1:])
    assert [job.job_id for job in queue.pending()] == [f"job-{REFS[0]}"]


def test_two_threads_draining_one_memory_queue_print_each_receipt_once() -> None:
    queue = MemoryPrintQueue()
    fill(queue)
    with PrinterListener() as listener:
        first, second = network(listener), network(listener)
        results = race(lambda: drain(queue, first), lambda: drain(queue, second))
        refs = printed_refs(listener, len(REFS))
    assert sorted(refs) == sorted(REFS)
    assert all(result.error is None for result in results)
    assert sorted(job.journey_ref for r in results for job in r.printed) == sorted(REFS)
    assert queue.pending() == []


@pytest.fixture
def two_stores(tmp_path: Path) -> Iterator[tuple[LocalStore, LocalStore]]:
    """Two connections to one store file, as two processes on one machine would have."""
    path = tmp_path / "counterpart.db"
    with LocalStore(path, site_id=SITE) as one, LocalStore(path, site_id=SITE) as other:
        yield one, other


def test_two_processes_on_one_store_print_each_receipt_once(
    two_stores: tuple[LocalStore, LocalStore],
) -> None:
    one = PersistentPrintQueue.in_store(two_stores[0])
    other = PersistentPrintQueue.in_store(two_stores[1])
    fill(one)
    with PrinterListener() as listener:
        first, second = network(listener), network(listener)
        results = race(lambda: drain(one, first), lambda: drain(other, second))
        refs = printed_refs(listener, len(REFS))
    assert sorted(refs) == sorted(REFS)
    assert sorted(job.journey_ref for r in results for job in r.printed) == sorted(REFS)
    assert one.pending() == [] and other.pending() == []
    for ref in REFS:
        job = other.get(f"job-{ref}")
        assert job is not None and job.printed and job.handoff_url is None


def test_a_store_claim_holds_across_connections_and_lapses(
    two_stores: tuple[LocalStore, LocalStore],
) -> None:
    now = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    one = PersistentPrintQueue(
        SqlitePrintQueue(two_stores[0], claim_seconds=120, clock=lambda: now)
    )
    later = now + timedelta(seconds=119)
    other = PersistentPrintQueue(
        SqlitePrintQueue(two_stores[1], claim_seconds=120, clock=lambda: later)
    )
    one.enqueue(PrintJob.for_receipt(make_receipt(), job_id="a"))

    assert one.claim("a")
    assert not other.claim("a") and not one.claim("a")
    later = now + timedelta(seconds=120)  # the first drain died two minutes ago
    assert other.claim("a")
    other.mark_failed("a", "paper out")
    assert one.claim("a")
    one.mark_printed("a")
    later = now + timedelta(days=1)
    assert not other.claim("a")
    row = two_stores[0].conn.execute("SELECT claimed_until FROM print_jobs").fetchone()
    assert row[0] is None


def test_the_journey_and_handoff_of_a_job_survive_the_store(
    two_stores: tuple[LocalStore, LocalStore],
) -> None:
    queue = PersistentPrintQueue.in_store(two_stores[0])
    job = PrintJob.for_receipt(
        make_receipt("es"), journey_id="j-1", handoff_id="h-0123456789abcdef"
    )
    queue.enqueue(job)
    (waiting,) = PersistentPrintQueue.in_store(two_stores[1]).pending()
    assert waiting == job and waiting.language == "es"
    queue.mark_printed(job.job_id)
    printed = queue.get(job.job_id)
    assert printed is not None and printed.handoff_url is None
    assert (printed.journey_id, printed.handoff_id) == ("j-1", "h-0123456789abcdef")


def test_jobs_queued_before_migration_5_learn_their_journey_and_handoff(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    for number, migration in enumerate(MIGRATIONS[:4], start=1):
        migration(db)
        db.execute(f"PRAGMA user_version = {number}")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    url = "https://continuar.example.gov.pt/c/TokenOfJourneyOne-abcdefgh"
    token_hash = hashlib.sha256(b"TokenOfJourneyOne-abcdefgh").hexdigest()
    db.execute(
        "INSERT INTO handoffs VALUES (?, 'j-1', 'h-one', '2026-12-23T10:00:00Z')", (token_hash,)
    )
    db.execute(
        "INSERT INTO journeys (journey_id, ref, last_day, last_wall, last_hlc, last_channel, "
        "last_site) VALUES ('j-2', 'BBB222BBB', '2026-11-23', 'w', 'h', 'counter', 's')"
    )
    for job_id, ref, link in (("one", "AAA-111-AAA", url), ("two", "BBB-222-BBB", None)):
        db.execute(
            "INSERT INTO print_jobs (job_id, journey_ref, receipt_json, handoff_url, created) "
            "VALUES (?, ?, ?, ?, 'now')",
            (job_id, ref, receipt_for(ref).to_json(), link),
        )
    db.conn.commit()
    db.close()

    with LocalStore(path, site_id=SITE) as store:
        one, two = PersistentPrintQueue.in_store(store).pending()
    assert (one.journey_id, one.handoff_id, one.handoff_url) == ("j-1", "h-one", url)
    assert (two.journey_id, two.handoff_id) == ("j-2", None)
