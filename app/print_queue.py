"""The persistent print queue: the local store's ``print_jobs`` as the printer's queue.

``sync.store.print_queue`` keeps plain ``PrintJobRow`` values and
``devices.printing.queue`` drains ``PrintJob`` values; the two packages never
import each other, so this adapter, which may import both, converts between
them. The two types have the same fields.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from devices.printing.queue import CLAIM_SECONDS, PrintJob
from sync.store.print_queue import PrintJobRow, SqlitePrintQueue
from sync.store.store import LocalStore


def _fields(value: PrintJob | PrintJobRow) -> dict[str, Any]:
    return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}


class PersistentPrintQueue:
    """A ``devices.printing.queue.PrintQueueStore`` over the local store's print jobs.

    Receipts in it survive a restart; safe to call from any thread. Each method
    is the ``PrintQueueStore`` method of the same name: ``mark_printed`` erases
    the handoff URL in the transaction that marks the job printed.

    Args:
        rows: The store's print jobs.
    """

    def __init__(self, rows: SqlitePrintQueue) -> None:
        self.rows = rows

    @classmethod
    def in_store(cls, store: LocalStore) -> PersistentPrintQueue:
        """Return the queue in an open local store, with the printer's claim time.

        Args:
            store: The open local store.
        """
        return cls(SqlitePrintQueue(store, claim_seconds=CLAIM_SECONDS))

    def enqueue(self, job: PrintJob) -> None:
        """Add a job at the end of the queue, durably.

        Raises:
            ValueError: A job with this ``job_id`` is already queued.
        """
        self.rows.enqueue(PrintJobRow(**_fields(job)))

    def pending(self) -> list[PrintJob]:
        """Return the jobs not yet printed, oldest first (claimed ones too)."""
        return [PrintJob(**_fields(row)) for row in self.rows.pending()]

    def claim(self, job_id: str) -> bool:
        """Take a pending job for one drain, atomically across connections and processes."""
        return self.rows.claim(job_id)

    def mark_printed(self, job_id: str) -> None:
        """Mark the job printed and erase its handoff URL, in one transaction."""
        self.rows.mark_printed(job_id)

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt; the job stays pending with its handoff URL."""
        self.rows.mark_failed(job_id, reason)

    def get(self, job_id: str) -> PrintJob | None:
        """Return a job, printed or not (for tests and diagnostics)."""
        row = self.rows.get(job_id)
        return None if row is None else PrintJob(**_fields(row))
