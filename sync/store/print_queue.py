"""The print queue in the local store: receipts survive a restart until they are printed.

``SqlitePrintQueue`` implements ``devices.printing.queue.PrintQueueStore`` over the
``print_jobs`` table (migration 4). A job keeps its handoff URL, and so the
handoff token, only until it is printed: ``mark_printed`` sets ``handoff_url``
to NULL in the same transaction that marks it printed. The stored receipt JSON
never holds the URL (``PrintJob.for_receipt`` keeps it apart).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from typing import Any

from devices.printing.queue import PrintJob
from sync.store.store import LocalStore
from sync.store.tx import transaction

_COLUMNS = "job_id, journey_ref, receipt_json, handoff_url, attempts, last_error, printed"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _row_to_job(row: tuple[Any, ...]) -> PrintJob:
    return PrintJob(
        job_id=row[0],
        journey_ref=row[1],
        receipt_json=row[2],
        handoff_url=row[3],
        attempts=int(row[4]),
        last_error=row[5],
        printed=bool(row[6]),
    )


class SqlitePrintQueue:
    """A ``PrintQueueStore`` in the local store; safe to call from any thread.

    Args:
        store: The open local store; the queue uses its connection and lock.
    """

    def __init__(self, store: LocalStore) -> None:
        self.store = store

    def enqueue(self, job: PrintJob) -> None:
        """Add a job at the end of the queue, durably.

        Raises:
            ValueError: A job with this ``job_id`` is already queued.
        """
        with self.store._lock:
            try:
                with transaction(self.store.conn):
                    self.store.conn.execute(
                        "INSERT INTO print_jobs (job_id, journey_ref, receipt_json, handoff_url, "
                        "attempts, last_error, printed, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            job.job_id,
                            job.journey_ref,
                            job.receipt_json,
                            None if job.printed else job.handoff_url,
                            job.attempts,
                            job.last_error,
                            int(job.printed),
                            _now(),
                        ),
                    )
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"print job {job.job_id} is already queued") from exc

    def pending(self) -> list[PrintJob]:
        """Return the jobs not yet printed, oldest first."""
        with self.store._lock:
            rows = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE printed = 0 ORDER BY pos"
            ).fetchall()
        return [_row_to_job(row) for row in rows]

    def mark_printed(self, job_id: str) -> None:
        """Mark the job printed and erase its handoff URL, in one transaction."""
        with self.store._lock, transaction(self.store.conn):
            self.store.conn.execute(
                "UPDATE print_jobs SET printed = 1, handoff_url = NULL WHERE job_id = ?",
                (job_id,),
            )

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt; the job stays pending with its handoff URL."""
        with self.store._lock, transaction(self.store.conn):
            self.store.conn.execute(
                "UPDATE print_jobs SET attempts = attempts + 1, last_error = ? "
                "WHERE job_id = ? AND printed = 0",
                (reason, job_id),
            )

    def get(self, job_id: str) -> PrintJob | None:
        """Return a job, printed or not (for tests and diagnostics)."""
        with self.store._lock:
            row = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE job_id = ?", (job_id,)
            ).fetchone()
        return _row_to_job(row) if row else None
