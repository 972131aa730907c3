"""The print queue in the local store: receipts survive a restart until they are printed.

``SqlitePrintQueue`` keeps print jobs in the ``print_jobs`` table (migrations 4
and 5) as plain ``PrintJobRow`` values; it knows nothing of printers or
receipts (``app.print_queue`` makes it the device side's ``PrintQueueStore``).
A job keeps its handoff URL, and so the handoff token, only until it is
printed: ``mark_printed`` sets ``handoff_url`` to NULL in the same transaction
that marks it printed. The stored receipt JSON never holds the URL (the caller
keeps it apart); the job's ``journey_id`` and ``handoff_id`` stay, so whoever
prints it records ``receipt.printed`` on the right journey.

A claim is the row's ``claimed_until`` (UTC wall time), set by one ``UPDATE``
that only succeeds when the job is unprinted and unclaimed (or its claim has
lapsed). SQLite runs writers one at a time across connections, so two threads
of one app and two processes sharing one store file never both claim a job.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sync.store.store import LocalStore
from sync.store.tx import transaction

_COLUMNS = (
    "job_id, journey_ref, receipt_json, handoff_url, attempts, last_error, printed, "
    "journey_id, handoff_id"
)


@dataclass(frozen=True)
class PrintJobRow:
    """One row of ``print_jobs``: a receipt waiting to be printed, as plain values.

    Attributes:
        job_id: Unique id of the job.
        journey_ref: The journey's reference, for lists and logs.
        receipt_json: The receipt as JSON, without its handoff URL.
        handoff_url: The handoff URL, held only until the receipt is printed;
            ``None`` afterwards (or for a receipt without a QR code).
        attempts: Failed attempts so far.
        last_error: The last failure's message.
        printed: Whether the receipt is out.
        journey_id: The journey the receipt is of; ``None`` for none (a test page).
        handoff_id: The handoff whose link the receipt carries; ``None`` without one.
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


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _wall(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _read_row(row: tuple[Any, ...]) -> PrintJobRow:
    return PrintJobRow(
        job_id=row[0],
        journey_ref=row[1],
        receipt_json=row[2],
        handoff_url=row[3],
        attempts=int(row[4]),
        last_error=row[5],
        printed=bool(row[6]),
        journey_id=row[7],
        handoff_id=row[8],
    )


class SqlitePrintQueue:
    """Print jobs in the local store; safe to call from any thread.

    Args:
        store: The open local store; the queue uses its connection and lock.
        claim_seconds: How long a claim lasts if its drain never marks the job.
        clock: The time now, aware (tests pass a fixed one).
    """

    def __init__(
        self,
        store: LocalStore,
        *,
        claim_seconds: float,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self.store = store
        self.claim_seconds = claim_seconds
        self.clock = clock

    def enqueue(self, job: PrintJobRow) -> None:
        """Add a job at the end of the queue, durably.

        Raises:
            ValueError: A job with this ``job_id`` is already queued.
        """
        with self.store._lock:
            try:
                with transaction(self.store.conn):
                    self.store.conn.execute(
                        "INSERT INTO print_jobs (job_id, journey_ref, receipt_json, handoff_url, "
                        "attempts, last_error, printed, created, journey_id, handoff_id) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            job.job_id,
                            job.journey_ref,
                            job.receipt_json,
                            None if job.printed else job.handoff_url,
                            job.attempts,
                            job.last_error,
                            int(job.printed),
                            _wall(self.clock()),
                            job.journey_id,
                            job.handoff_id,
                        ),
                    )
            except self.store.conn.IntegrityError as exc:
                raise ValueError(f"print job {job.job_id} is already queued") from exc

    def pending(self) -> list[PrintJobRow]:
        """Return the jobs not yet printed, oldest first (claimed ones too)."""
        with self.store._lock:
            rows = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE printed = 0 ORDER BY pos"
            ).fetchall()
        return [_read_row(row) for row in rows]

    def claim(self, job_id: str) -> bool:
        """Take a pending job for one drain, atomically across connections and processes."""
        now = self.clock()
        until = now + timedelta(seconds=self.claim_seconds)
        with self.store._lock, transaction(self.store.conn):
            cursor = self.store.conn.execute(
                "UPDATE print_jobs SET claimed_until = ? WHERE job_id = ? AND printed = 0 "
                "AND (claimed_until IS NULL OR claimed_until <= ?)",
                (_wall(until), job_id, _wall(now)),
            )
        return cursor.rowcount == 1

    def mark_printed(self, job_id: str) -> None:
        """Mark the job printed and erase its handoff URL, in one transaction."""
        with self.store._lock, transaction(self.store.conn):
            self.store.conn.execute(
                "UPDATE print_jobs SET printed = 1, handoff_url = NULL, claimed_until = NULL "
                "WHERE job_id = ?",
                (job_id,),
            )

    def mark_failed(self, job_id: str, reason: str) -> None:
        """Record a failed attempt; the job stays pending with its handoff URL."""
        with self.store._lock, transaction(self.store.conn):
            self.store.conn.execute(
                "UPDATE print_jobs SET attempts = attempts + 1, last_error = ?, "
                "claimed_until = NULL WHERE job_id = ? AND printed = 0",
                (reason, job_id),
            )

    def get(self, job_id: str) -> PrintJobRow | None:
        """Return a job, printed or not (for tests and diagnostics)."""
        with self.store._lock:
            row = self.store.conn.execute(
                f"SELECT {_COLUMNS} FROM print_jobs WHERE job_id = ?", (job_id,)
            ).fetchone()
        return _read_row(row) if row else None
