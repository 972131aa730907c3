"""The print queue: receipts wait here until the printer has printed them.

A printer failure never touches the journey: the app enqueues a ``PrintJob``
and calls ``drain``; a job that fails stays pending with its reason and prints
at the next ``drain`` once the printer is back. The job holds the handoff URL
(and so its token) only until the receipt is out: ``mark_printed`` erases it.
It also says which journey and handoff the receipt is of, so whoever drains it
(the finish screen of another journey, the app at start-up) can record
``receipt.printed`` on the right journey.

No receipt prints twice because two drains ran at once: ``drain`` *claims* each
job before printing it, and a job another drain holds is left to that drain.
A claim ends when the job is marked printed or failed; a claim whose drain died
(a crash mid-print) lapses after the queue's ``claim_seconds``, and the receipt
prints again at the next drain. Claims are held in the queue store, so they
cover two threads of one process on any store, and two processes sharing one
SQLite store (``app.print_queue``, over ``sync.store.print_queue``).

``PrintQueueStore`` is the small contract a persistent queue implements (the
app's queue in the local store does); ``MemoryPrintQueue`` implements it for
tests and the demo.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Final, Protocol

from devices.printing.errors import PrinterError
from devices.printing.protocol import ReceiptPrinter
from devices.printing.receipt import Receipt

CLAIM_SECONDS: Final = 120.0
"""How long a drain's claim on a job lasts if the drain never marks it: far longer
than one receipt takes (each driver step has a timeout of a few seconds)."""


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
        journey_id: The journey the receipt is of; ``None`` for a receipt of no
            journey (a test page).
        handoff_id: The id of the handoff whose link the receipt carries (kept
            after printing: it is not the token); ``None`` without a link.
    """

    job_id: str
    journey_ref: str
    receipt_json: str
    handoff_url: str | None
    attempts: int = 0
    last_error: str | None = None
    printed: bool = False
    journey_id: str | None = None
    handoff_id: str | None = None

    @classmethod
    def for_receipt(
        cls,
        receipt: Receipt,
        *,
        job_id: str | None = None,
        journey_id: str | None = None,
        handoff_id: str | None = None,
    ) -> PrintJob:
        """Make a job for a receipt, keeping its handoff URL apart.

        Args:
            receipt: The receipt to print.
            job_id: The job's id; a random UUID if not given.
            journey_id: The journey the receipt is of.
            handoff_id: The handoff whose link the receipt carries.
        """
        return cls(
            job_id=job_id or uuid.uuid4().hex,
            journey_ref=receipt.journey_ref,
            receipt_json=receipt.with_handoff(None).to_json(),
            handoff_url=receipt.handoff_url,
            journey_id=journey_id,
            handoff_id=handoff_id,
        )

    def receipt(self) -> Receipt:
        """Return the receipt to print, with the handoff URL if still held.

        Raises:
            ValueError: ``receipt_json`` is not a receipt.
        """
        return Receipt.from_json(self.receipt_json).with_handoff(self.handoff_url)

    @property
    def language(self) -> str:
        """The language the receipt is printed in (read from the stored receipt).

        Raises:
            ValueError: ``receipt_json`` is not a receipt.
        """
        return Receipt.from_json(self.receipt_json).language


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
        """Return the jobs not yet printed, oldest first (claimed ones too)."""
        ...

    def claim(self, job_id: str) -> bool:
        """Take a pending job for one drain, atomically.

        Returns ``False`` when the job is printed, unknown, or claimed by another
        drain whose claim has not lapsed. The claim ends with ``mark_printed`` or
        ``mark_failed``, or lapses after the queue's claim time.
        """
        ...

    def mark_printed(self, job_id: str) -> None:
        """Record that the job's receipt is out and erase its ``handoff_url``.

        After this call no copy of the handoff URL or token may remain in the
        store. Marking an unknown or already printed job does nothing. Ends the
        job's claim.
        """
        ...

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt: add one to ``attempts``, keep ``reason``.

        The job stays pending, with its handoff URL, for the next ``drain``.
        Ends the job's claim.
        """
        ...


class MemoryPrintQueue:
    """A ``PrintQueueStore`` in memory, for tests and the demo.

    Args:
        claim_seconds: How long a claim lasts if its drain never marks the job.
        clock: Seconds on a monotonic clock (tests pass a fake one).
    """

    def __init__(
        self,
        *,
        claim_seconds: float = CLAIM_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._jobs: dict[str, PrintJob] = {}
        self._claims: dict[str, float] = {}  # job_id -> when the claim lapses
        self._claim_seconds = claim_seconds
        self._clock = clock
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

    def claim(self, job_id: str) -> bool:
        """Take a pending job for one drain; see ``PrintQueueStore.claim``."""
        with self._lock:
            job = self._jobs.get(job_id)
            now = self._clock()
            if job is None or job.printed or self._claims.get(job_id, now) > now:
                return False
            self._claims[job_id] = now + self._claim_seconds
            return True

    def mark_printed(self, job_id: str) -> None:
        """Mark a job printed and erase its handoff URL."""
        with self._lock:
            self._claims.pop(job_id, None)
            job = self._jobs.get(job_id)
            if job is not None:
                self._jobs[job_id] = replace(job, printed=True, handoff_url=None)

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt; the job stays pending."""
        with self._lock:
            self._claims.pop(job_id, None)
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
        busy: Ids of jobs skipped because another drain was printing them.
    """

    printed: list[PrintJob] = field(default_factory=list)
    error: PrinterError | None = None
    unprintable: list[str] = field(default_factory=list)
    busy: list[str] = field(default_factory=list)


def drain(queue: PrintQueueStore, printer: ReceiptPrinter) -> DrainResult:
    """Print the pending jobs in order, stopping at the first printer error.

    Each job is claimed before it prints; a job another drain holds is skipped
    (``busy``), so two drains running at once never print a receipt twice.
    Blocks while printing: run it in a worker thread. Never raises a
    ``PrinterError``; it comes back in the result.

    Args:
        queue: The queue to drain.
        printer: The printer to print on.
    """
    result = DrainResult()
    for job in queue.pending():
        if not queue.claim(job.job_id):
            result.busy.append(job.job_id)
            continue
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
        except BaseException as exc:
            # Not a printer fault (a bug, an interrupt): free the job for the next drain.
            queue.mark_failed(job.job_id, f"printing stopped: {type(exc).__name__}: {exc}")
            raise
        queue.mark_printed(job.job_id)
        result.printed.append(replace(job, printed=True, handoff_url=None))
    return result
