"""What the kiosk asks of the desk beyond the counter's calls: the date-of-birth check with
its lock, a call for a mediator with its ticket, the operator's way out.

Every method may block (store writes, argon2): screens call them from workers.
The wrong dates of birth are kept in the local store's audit (``kiosk.confirm``),
so a restart does not reset a lock; the rule is ``sync.domain.confirm``'s.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from app.desk import Desk
from sync.catalogue.model import Service
from sync.domain.confirm import ConfirmLock, confirm_lock
from sync.domain.identity import birth_date_confirmed
from sync.domain.offer import offered
from sync.store.operators import pin_matches

CONFIRM: Final = "kiosk.confirm"
"""Audit action of a date-of-birth try (detail ``wrong at=...`` or ``right at=...``)."""
ASSISTANCE: Final = "kiosk.assistance"
"""Audit action of a call for a mediator (detail ``ticket=N screen=...``)."""
EXIT: Final = "kiosk.exit"
"""Audit action of the operator leaving kiosk mode (detail ``left`` or ``refused``)."""
ACTOR: Final = "citizen"
"""Who acts at a kiosk."""


@dataclass(frozen=True, slots=True)
class Confirmation:
    """The outcome of a date-of-birth try.

    Attributes:
        ok: The date is the citizen's.
        lock: What the wrong tries add up to after this one.
    """

    ok: bool
    lock: ConfirmLock


def _iso(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class KioskDesk:
    """The kiosk's own operations over the shared desk.

    Args:
        desk: The journey operations (channel ``kiosk``, actor ``citizen``).
        exit_pin_hash: The argon2 hash of the operator's exit PIN ("" : none).
    """

    def __init__(self, desk: Desk, *, exit_pin_hash: str = "") -> None:
        self.desk = desk
        self._exit_pin_hash = exit_pin_hash

    def offered_services(self) -> tuple[Service, ...]:
        """The services the catalogue allows on the kiosk."""
        return offered(self.desk.catalogue, "kiosk")

    # -- the date of birth ---------------------------------------------------------

    def confirm_lock(self, journey_id: str) -> ConfirmLock:
        """What the wrong tries on this journey since the last right one add up to now."""
        failures: list[dt.datetime] = []
        for _, _, _, detail in self.desk.store.audit_entries(CONFIRM, journey_id=journey_id):
            verdict, _, at = detail.partition(" at=")
            if verdict == "right":
                failures = []
            else:
                failures.append(dt.datetime.fromisoformat(at.replace("Z", "+00:00")))
        return confirm_lock(failures, self.desk.clock())

    def confirm_birth_date(self, journey_id: str, day: str, month: str, year: str) -> Confirmation:
        """Check a date of birth on a journey found by reference or link (while not locked)."""
        lock = self.confirm_lock(journey_id)
        if lock.locked:
            return Confirmation(False, lock)
        ok = birth_date_confirmed(self.desk.journey(journey_id), day, month, year)
        verdict = "right" if ok else "wrong"
        self.desk.store.audit(ACTOR, CONFIRM, journey_id, f"{verdict} at={_iso(self.desk.clock())}")
        return Confirmation(ok, self.confirm_lock(journey_id))

    # -- a mediator ----------------------------------------------------------------

    def call_mediator(
        self,
        journey_id: str | None,
        *,
        screen: str,
        service: str | None = None,
        step: str | None = None,
        reason: str | None = None,
    ) -> int:
        """Ask for a person: ``assistance.requested`` on the journey (when there is one)
        and an audit entry; returns the ticket number, counted per day from 1."""
        today = self.desk.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT00:00:00")
        ticket = len(self.desk.store.audit_entries(ASSISTANCE, since_wall=today)) + 1
        if journey_id is not None:
            data = {"screen": screen, "service": service, "step": step, "reason": reason}
            self.desk.store.append(
                journey_id,
                "assistance.requested",
                {k: v for k, v in data.items() if v},
                channel=self.desk.channel,
                actor=ACTOR,
            )
        self.desk.store.audit(ACTOR, ASSISTANCE, journey_id, f"ticket={ticket} screen={screen}")
        return ticket

    # -- the operator --------------------------------------------------------------

    def exit_allowed(self, pin: str) -> bool:
        """Whether ``pin`` is the operator's exit PIN; audited either way."""
        ok = pin_matches(self._exit_pin_hash, pin)
        self.desk.store.audit("operator:kiosk", EXIT, None, "left" if ok else "refused")
        return ok
