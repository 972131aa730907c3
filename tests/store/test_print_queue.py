"""The print queue in the local store: order, failures, the token erased once printed, restarts."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.print_queue import PersistentPrintQueue
from devices.printing.diagnostics import test_receipt
from devices.printing.errors import PaperOut
from devices.printing.queue import PrintJob, PrintQueueStore, drain
from devices.printing.receipt import Receipt
from devices.printing.simulated import SimulatedReceiptPrinter
from sync.store.print_queue import PrintJobRow, SqlitePrintQueue
from sync.store.store import LocalStore

SITE = "demo-lisboa"
URL = "https://continuar.example.gov.pt/c/TOKEN-abcdefghijklmnop"


def receipt(ref: str = "ABC-123-XYZ", url: str | None = URL) -> Receipt:
    page = test_receipt("pt", 42, "https://continuar.example.gov.pt", token="x",
                        now=datetime(2026, 11, 23, 10, 0, tzinfo=UTC))  # fmt: skip
    return dataclasses.replace(page, journey_ref=ref, kind="service").with_handoff(url)


def job(job_id: str, ref: str = "ABC-123-XYZ", url: str | None = URL) -> PrintJob:
    return PrintJob.for_receipt(receipt(ref, url), job_id=job_id)


def raw_row(path: Path, job_id: str) -> dict[str, object]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    try:
        row = conn.execute("SELECT * FROM print_jobs WHERE job_id = ?", (job_id,)).fetchone()
        return dict(row)
    finally:
        conn.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "counterpart.db"


def test_sqlite_queue_is_a_print_queue_store(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue: PrintQueueStore = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a"))
        with pytest.raises(ValueError, match="already queued"):
            queue.enqueue(job("a"))


def test_pending_is_oldest_first_and_keeps_every_field(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        for job_id, ref in (("z", "AAA-111-AAA"), ("a", "BBB-222-BBB"), ("m", "CCC-333-CCC")):
            queue.enqueue(job(job_id, ref))
        pending = queue.pending()
    assert [p.job_id for p in pending] == ["z", "a", "m"]
    assert pending[1] == job("a", "BBB-222-BBB")
    assert pending[1].receipt() == receipt("BBB-222-BBB")
    assert URL not in raw_row(db, "a")["receipt_json"]  # type: ignore[operator]


def test_mark_failed_keeps_the_job_and_its_url(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a"))
        queue.mark_failed("a", "out of paper")
        queue.mark_failed("a", "cover open")
        (waiting,) = queue.pending()
    assert (waiting.attempts, waiting.last_error, waiting.handoff_url) == (2, "cover open", URL)
    row = raw_row(db, "a")
    assert (row["attempts"], row["last_error"], row["handoff_url"], row["printed"]) == (
        2,
        "cover open",
        URL,
        0,
    )


def test_mark_printed_erases_the_url_from_the_row(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a"))
        queue.enqueue(job("b", "BBB-222-BBB"))
        queue.mark_printed("a")
        queue.mark_printed("a")  # twice: nothing more happens
        queue.mark_printed("unknown")
        queue.mark_failed("a", "too late")  # a printed job is not failed again
        assert [p.job_id for p in queue.pending()] == ["b"]
        printed = queue.get("a")
    assert printed is not None and printed.printed and printed.handoff_url is None
    row = raw_row(db, "a")
    assert row["handoff_url"] is None and row["printed"] == 1 and row["attempts"] == 0
    # No copy of the URL or its token anywhere in the row.
    assert not any("TOKEN" in str(value) for value in row.values())
    assert raw_row(db, "b")["handoff_url"] == URL


def test_a_receipt_without_qr_code_queues_without_url(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a", url=None))
        (waiting,) = queue.pending()
    assert waiting.handoff_url is None and waiting.receipt().handoff_url is None


def test_the_queue_survives_reopening_the_store(db: Path) -> None:
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a"))
        queue.enqueue(job("b", "BBB-222-BBB"))
        queue.mark_failed("a", "out of paper")
    with LocalStore(db, site_id=SITE) as store:
        pending = PersistentPrintQueue.in_store(store).pending()
    assert [(p.job_id, p.attempts, p.handoff_url) for p in pending] == [
        ("a", 1, URL),
        ("b", 0, URL),
    ]


def test_a_receipt_queued_in_an_outage_prints_after_a_restart(db: Path) -> None:
    out_of_paper = SimulatedReceiptPrinter(columns=42)
    out_of_paper.state = "paper_out"
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        queue.enqueue(job("a"))
        result = drain(queue, out_of_paper)
        assert result.printed == [] and isinstance(result.error, PaperOut)
    assert out_of_paper.printed == []
    assert raw_row(db, "a")["handoff_url"] == URL

    working = SimulatedReceiptPrinter(columns=42)
    with LocalStore(db, site_id=SITE) as store:
        queue = PersistentPrintQueue.in_store(store)
        result = drain(queue, working)
        assert result.error is None and [p.job_id for p in result.printed] == ["a"]
        assert queue.pending() == []
    (printed,) = working.printed
    assert printed.handoff_url == URL and printed.journey_ref == "ABC-123-XYZ"
    row = raw_row(db, "a")
    assert row["printed"] == 1 and row["handoff_url"] is None
    assert row["attempts"] == 1 and "paper" in str(row["last_error"])


def test_the_store_row_has_the_print_job_fields() -> None:
    # app.print_queue converts one into the other field by field.
    names = [field.name for field in dataclasses.fields(PrintJobRow)]
    assert names == [field.name for field in dataclasses.fields(PrintJob)]


def test_the_store_alone_keeps_plain_rows_and_erases_the_url_once_printed(db: Path) -> None:
    waiting = PrintJobRow("a", "ABC-123-XYZ", "{}", URL, journey_id="j-1", handoff_id="h-1")
    with LocalStore(db, site_id=SITE) as store:
        rows = SqlitePrintQueue(store, claim_seconds=60)
        rows.enqueue(waiting)
        assert rows.pending() == [waiting]
        assert rows.claim("a") and not rows.claim("a")
        rows.mark_printed("a")
        assert rows.pending() == []
        printed = rows.get("a")
    assert printed == dataclasses.replace(waiting, printed=True, handoff_url=None)
