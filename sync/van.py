"""The van's day, read from the local store, and the gate that holds sync rounds back.

``day`` gathers what the day screen shows (``sync.domain.van`` says what each part
means): today's journeys with how many of their events wait, this device's
events the central store parked and why, and the receipts waiting for paper.
It reads the store and blocks for milliseconds: call it from a worker.

``SyncGate`` is how a face holds sync rounds back while the mediator is in the
middle of a form (``sync.domain.van.busy_in_form``): a round or a save's nudge
that falls due while the gate is held is remembered, not run, and the face runs
one round once it lets go (``release`` says whether one was missed).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sync.domain.van import waiting
from sync.store.print_queue import SqlitePrintQueue
from sync.store.store import JourneyRow, LocalStore

CLAIM_SECONDS = 60.0
"""Claim time of the print queue as read here (``day`` only reads it)."""


@dataclass(frozen=True, slots=True)
class DayJourney:
    """A journey of today and its events waiting to sync."""

    row: JourneyRow
    waiting: int


@dataclass(frozen=True, slots=True)
class ParkedEvent:
    """One of this device's events the central store quarantined.

    Attributes:
        seq: its seq on this device.
        event_type: its type, when it is still here.
        ref: its journey's reference, when known.
        reason: why the central store parked it, in its words.
    """

    seq: int
    event_type: str | None
    ref: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class WaitingReceipt:
    """A receipt waiting for the printer: its journey's reference and the last failure."""

    ref: str
    attempts: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class Day:
    """What the day screen shows.

    Attributes:
        journeys: today's journeys, newest first, with their waiting events.
        waiting: this device's events the central store has not acknowledged.
        waiting_journeys: how many journeys (of any day) those events are in.
        parked: this device's events the central store quarantined.
        receipts: receipts not yet printed.
        last_sync: when a round last reached the central store (aware), if ever.
    """

    journeys: tuple[DayJourney, ...]
    waiting: int
    waiting_journeys: int
    parked: tuple[ParkedEvent, ...]
    receipts: tuple[WaitingReceipt, ...]
    last_sync: datetime | None


def last_sync(store: LocalStore) -> datetime | None:
    """When a sync round last reached the central store (aware), or None."""
    text = store.get_state("last_sync")
    try:
        return datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return None


def waiting_by_journey(store: LocalStore) -> dict[str, int]:
    """This device's events not yet acknowledged, counted by journey."""
    acked = int(store.get_state("acked_seq", "0"))
    rows = store.conn.execute(
        "SELECT journey_id, count(*) FROM events WHERE device_id = ? AND seq > ? "
        "GROUP BY journey_id",
        (store.device_id, acked),
    ).fetchall()
    return {str(journey_id): int(count) for journey_id, count in rows}


def _parked(store: LocalStore) -> list[ParkedEvent]:
    found: list[ParkedEvent] = []
    for seq, _event_id, reason in store.parked():
        row = store.conn.execute(
            "SELECT e.type, j.ref FROM events e LEFT JOIN journeys j USING (journey_id) "
            "WHERE e.device_id = ? AND e.seq = ?",
            (store.device_id, seq),
        ).fetchone()
        found.append(ParkedEvent(seq, row[0] if row else None, row[1] if row else None, reason))
    return found


def day(store: LocalStore, *, since_wall: str) -> Day:
    """The van's day: journeys active since ``since_wall`` (UTC, as events' ``wall``),
    what waits, what is parked, the receipts waiting."""
    by_journey = waiting_by_journey(store)
    journeys = tuple(
        DayJourney(row, by_journey.get(row.journey_id, 0))
        for row in store.journeys(since_wall=since_wall, limit=200)
    )
    queue = SqlitePrintQueue(store, claim_seconds=CLAIM_SECONDS)
    receipts = tuple(
        WaitingReceipt(job.journey_ref, job.attempts, job.last_error) for job in queue.pending()
    )
    return Day(
        journeys=journeys,
        waiting=waiting(store.last_seq(), int(store.get_state("acked_seq", "0"))),
        waiting_journeys=len(by_journey),
        parked=tuple(_parked(store)),
        receipts=receipts,
        last_sync=last_sync(store),
    )


class SyncGate:
    """Holds sync rounds back while a face says so; safe from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._held = False
        self._missed = False

    @property
    def held(self) -> bool:
        """Whether rounds are held back now."""
        return self._held

    def hold(self) -> None:
        """Hold rounds back (the mediator is in the middle of a form)."""
        with self._lock:
            self._held = True

    def release(self) -> bool:
        """Let rounds run again; True when one fell due while held (run it now)."""
        with self._lock:
            missed, self._held, self._missed = self._missed, False, False
            return missed

    def admit(self) -> bool:
        """Whether a round that falls due now may run; if not, it is remembered."""
        with self._lock:
            if self._held:
                self._missed = True
            return not self._held

    def guard(self, nudge: Callable[[], object]) -> Callable[[], None]:
        """``nudge``, run only when admitted (a save's nudge while held waits)."""

        def guarded() -> None:
            if self.admit():
                nudge()

        return guarded
