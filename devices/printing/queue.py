"""The print queue: receipts wait here until the printer has printed them.

A printer failure never touches the journey: the app enqueues a ``PrintJob``
and calls ``drain``; a job that fails stays pending with its reason and prints
at the next ``drain`` once the printer is back. The job holds the handoff URL
(and so its token) only until the receipt is out: ``mark_printed`` erases it.

``PrintQueueStore`` is the small contract a persistent queue implements (the
local SQLite store does); ``MemoryPrintQueue`` implements it for tests and the
demo.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field, replace
from typing import Protocol

from devices.printing.errors import PrinterError
from devices.printing.printer import ReceiptPrinter
from devices.printing.receipt import Receipt


@dataclass(frozen=True)
class PrintJob:
    """One receipt waiting to be printed.

    Attributes:
        job_id: Unique id of the job (a store may use its own, as text).
        journey_ref: The journey's reference, for lists and logs.
        receipt_json: ``Receipt.to_json()`` of the receipt *without* its
            handoff URL, so the stored receipt never holds the token.
        handoff_url: The handoff URL, held only until the receipt is printed;
            ``None`` afterwards (or for a receipt without a QR code).
        attempts: Failed attempts so far.
        last_error: The last failure's message, for the mediator.
        printed: Whether the receipt is out.
    """

    job_id: str
    journey_ref: str
    receipt_json: str
    handoff_url: str | None
    attempts: int = 0
    last_error: str | None = None
    printed: bool = False

    @classmethod
    def for_receipt(cls, receipt: Receipt, *, job_id: str | None = None) -> PrintJob:
        """Make a job for a receipt, keeping its handoff URL apart.

        Args:
            receipt: The receipt to print.
            job_id: The job's id; a random UUID if not given.
        """
        return cls(
            job_id=job_id or uuid.uuid4().hex,
            journey_ref=receipt.journey_ref,
            receipt_json=receipt.with_handoff(None).to_json(),
            handoff_url=receipt.handoff_url,
        )

    def receipt(self) -> Receipt:
        """Return the receipt to print, with the handoff URL if still held.

        Raises:
            ValueError: ``receipt_json`` is not a receipt.
        """
        return Receipt.from_json(self.receipt_json).with_handoff(self.handoff_url)


class PrintQueueStore(Protocol):
    """Where print jobs wait. Implementations must be safe to call from any thread.

    Methods may block on disk I/O (an SQLite store); none blocks on the printer.
    """

    def enqueue(self, job: PrintJob) -> None:
        """Add a job at the end of the queue.

        Raises:
            ValueError: A job with this ``job_id`` is already queued.
        """
        ...

    def pending(self) -> list[PrintJob]:
        """Return the jobs not yet printed, oldest first."""
        ...

    def mark_printed(self, job_id: str) -> None:
        """Record that the job's receipt is out and erase its ``handoff_url``.

        After this call no copy of the handoff URL or token may remain in the
        store. Marking an unknown or already printed job does nothing.
        """
        ...

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt: add one to ``attempts``, keep ``reason``.

        The job stays pending, with its handoff URL, for the next ``drain``.
        """
        ...


class MemoryPrintQueue:
    """A ``PrintQueueStore`` in memory, for tests and the demo."""

    def __init__(self) -> None:
        """Start empty."""
        self._jobs: dict[str, PrintJob] = {}
        self._lock = threading.Lock()

    def enqueue(self, job: PrintJob) -> None:
        """Add a job; see ``PrintQueueStore.enqueue``."""
        with self._lock:
            if job.job_id in self._jobs:
                raise ValueError(f"print job {job.job_id} is already queued")
            self._jobs[job.job_id] = job

    def pending(self) -> list[PrintJob]:
        """Return unprinted jobs, oldest first."""
        with self._lock:
            return [job for job in self._jobs.values() if not job.printed]

    def mark_printed(self, job_id: str) -> None:
        """Mark a job printed and erase its handoff URL."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = replace(job, printed=True, handoff_url=None)

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt; the job stays pending."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is not None and not job.printed:
                self._jobs[job_id] = replace(job, attempts=job.attempts + 1, last_error=reason)

    def get(self, job_id: str) -> PrintJob | None:
        """Return a job, printed or not (for tests and diagnostics)."""
        with self._lock:
            return self._jobs.get(job_id)


@dataclass
class DrainResult:
    """What one ``drain`` did.

    Attributes:
        printed: The jobs printed, in order (their handoff URLs already erased).
        error: The printer error that stopped the drain, if any; the job it
            hit and every later one are still pending.
        unprintable: Ids of jobs skipped because their stored receipt is not
            readable; they stay pending with the reason, for an operator.
    """

    printed: list[PrintJob] = field(default_factory=list)
    error: PrinterError | None = None
    unprintable: list[str] = field(default_factory=list)


def drain(queue: PrintQueueStore, printer: ReceiptPrinter) -> DrainResult:
    """Print the pending jobs in order, stopping at the first printer error.

    Blocks while printing: run it in a worker thread. Never raises a
    ``PrinterError``; it comes back in the result.

    Args:
        queue: The queue to drain.
        printer: The printer to print on.
    """
    result = DrainResult()
    for job in queue.pending():
        try:
            receipt = job.receipt()
        except ValueError as exc:
            queue.mark_failed(job.job_id, f"the stored receipt cannot be read: {exc}")
            result.unprintable.append(job.job_id)
            continue
        try:
            printer.print_receipt(receipt)
        except PrinterError as exc:
            queue.mark_failed(job.job_id, str(exc))
            result.error = exc
            break
        queue.mark_printed(job.job_id)
        result.printed.append(replace(job, printed=True, handoff_url=None))
    return result
