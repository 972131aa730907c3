"""How far a sync round has got: what ``SyncClient`` reports while it runs.

A ``SyncProgress`` is a frozen snapshot, made in the round's thread after each
acknowledged (or failed) push and each pulled page, and handed to the client's
``watch`` callback; ``sync.link.SyncLink`` keeps the latest one for whoever reads
it (the shell's progress bar, the van's header). Pure data: no I/O, no words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Phase = Literal["push", "pull", "done"]


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """One moment of a sync round.

    Attributes:
        phase: ``push`` (this device's events go up), ``pull`` (others' come down),
            or ``done`` (the round is over; the report says how it ended).
        sent: this device's events the central store acknowledged in this round.
        waiting: this device's events still waiting to be acknowledged.
        pulled: events from elsewhere stored in this round.
        seconds: since the round began.
        bytes_sent: request bodies sent in this round (gzip), resent ones included.
        bytes_per_second: the push's measured throughput (None before the first answer).
        eta_seconds: how long the waiting events should take at that throughput
            (None while unknown; 0 when none wait).
        in_flight: events in the push request under way (0 when none).
        resent: push requests that failed (timed out, cut) and were sent again smaller.
        timeouts: push requests that timed out in this round.
    """

    phase: Phase
    sent: int = 0
    waiting: int = 0
    pulled: int = 0
    seconds: float = 0.0
    bytes_sent: int = 0
    bytes_per_second: float | None = None
    eta_seconds: float | None = None
    in_flight: int = 0
    resent: int = 0
    timeouts: int = 0

    @property
    def total(self) -> int:
        """The events this round has to push: those sent plus those waiting."""
        return self.sent + self.waiting
