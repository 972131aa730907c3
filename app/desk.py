"""The desk: what a screen asks of the journey, in plain calls over the store and devices.

Every method here may block (a store write is fsynced, a card read or a print
takes a second): screens call them from thread workers only. Nothing here
touches a widget; results come back as return values and the worker posts them
as messages.
"""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from app.card_identity import identity_from_card
from app.outcomes import Earlier, Found, Handoff, Printed
from app.receipts import build_receipt
from devices.cards.identity import CardIdentity
from devices.cards.protocol import CardReader
from devices.printing.protocol import ReceiptPrinter
from devices.printing.queue import DrainResult, MemoryPrintQueue, PrintJob, PrintQueueStore, drain
from devices.printing.receipt import Receipt
from sync.catalogue.model import Catalogue
from sync.domain.closing import closing_by_mediator, closing_when_done, closing_when_left
from sync.domain.drafts import Draft, answer_recorded, fold_after
from sync.domain.events import Channel, Event
from sync.domain.fold import JourneyState, fold
from sync.domain.handoff import (
    TOKEN_BYTES,
    expiry,
    handoff_id_for,
    handoff_state,
    handoff_url,
    superseded_by_new,
    token_from_bytes,
    token_from_link,
    token_hash,
)
from sync.domain.identity import Identity, identification
from sync.domain.ids import parse_reference
from sync.domain.notify import reminder_at, reminder_refusal
from sync.domain.pin_tries import PIN_LOCK_SECONDS, PIN_TRIES, PinGate, pin_gate
from sync.domain.returning import done_before, open_journeys_of
from sync.domain.rules import steps_completed_by
from sync.errors import InvalidReference
from sync.linked import start_linked_journey
from sync.store import operators
from sync.store.operators import Operator
from sync.store.store import JourneyRow, LocalStore, NewJourney

Clock = Callable[[], dt.datetime]
"""The time now, timezone-aware; tests pass a fixed one."""

TokenFactory = Callable[[], str]
"""Makes a new handoff token; tests pass a fixed one."""


def new_token() -> str:
    """A fresh handoff token from ``TOKEN_BYTES`` bytes of ``secrets``."""
    return token_from_bytes(secrets.token_bytes(TOKEN_BYTES))


KEEP_READ_JOURNEYS = 8
"""Journeys whose last reading ``Desk.read_journey`` keeps (the ones a mediator has open)."""


def utc_now() -> dt.datetime:
    """The real clock."""
    return dt.datetime.now(dt.UTC)


class Desk:
    """The journey operations of one counter, over its store, catalogue and devices.

    Args:
        store: The local store.
        catalogue: The service catalogue, or what reads it when first needed
            (``sync.catalogue.on_demand.CatalogueOnDemand``).
        card_reader: The card reader (None when the machine has none).
        printer: The receipt printer (None when the machine has none).
        print_queue: Where receipts wait for the printer.
        site_name: Printed on receipts.
        public_url: Base of handoff links.
        channel: The channel of this machine's events (counter, van or kiosk).
        clock: The time now (aware).
        token_factory: Makes handoff tokens.
        pin_tries: Wrong PINs that lock an operator's sign-in (``sync.domain.pin_tries``).
        pin_lock_seconds: How long that lock lasts.
    """

    def __init__(
        self,
        *,
        store: LocalStore,
        catalogue: Catalogue | Callable[[], Catalogue],
        card_reader: CardReader | None,
        printer: ReceiptPrinter | None,
        print_queue: PrintQueueStore | None = None,
        site_name: str,
        public_url: str,
        channel: Channel = "counter",
        clock: Clock = utc_now,
        token_factory: TokenFactory = new_token,
        pin_tries: int = PIN_TRIES,
        pin_lock_seconds: int = PIN_LOCK_SECONDS,
    ) -> None:
        self.store = store
        self.pin_tries = pin_tries
        self.pin_lock_seconds = pin_lock_seconds
        self._catalogue = catalogue
        self.card_reader = card_reader
        self.printer = printer
        self.print_queue: PrintQueueStore = print_queue or MemoryPrintQueue()
        self.site_name = site_name
        self.public_url = public_url
        self.channel: Channel = channel
        self.clock = clock
        self.token_factory = token_factory
        self.operator: Operator | None = None
        self.demo_created = False
        """Whether this start created the demo operator (``ensure_demo_operator``)."""
        self._drain_lock = threading.Lock()
        self._handoff_lock = threading.Lock()
        """One issue at a time: two at once would each revoke the same links and leave
        both new ones live (F6 pressed again while a reprint runs)."""
        self._leave_lock = threading.Lock()
        """One leaving at a time: the sign-out and Home's load both close what was left."""
        self._read: dict[str, tuple[tuple[int, int], JourneyState, list[Event]]] = {}
        """The last reading of the journeys read lately (``read_journey``), oldest first."""
        self._read_lock = threading.Lock()

    @property
    def catalogue(self) -> Catalogue:
        """The service catalogue (waits while it is still being read at start-up)."""
        if isinstance(self._catalogue, Catalogue):
            return self._catalogue
        self._catalogue = self._catalogue()
        return self._catalogue

    def prepare(self) -> None:
        """Read ahead what the screens after sign-in need: the catalogue, and what the
        PIN check needs. Blocks (tens of milliseconds): call it from a worker.

        Raises:
            CatalogueError: the catalogue is broken.
        """
        operators.warm_up()
        _ = self.catalogue

    # -- operators -------------------------------------------------------------

    @property
    def actor(self) -> str:
        """The actor of events written now: the signed-in operator, or at a self-service
        kiosk (where nobody signs in) the citizen."""
        if self.operator is not None:
            return self.operator.actor
        if self.channel == "kiosk":
            return "citizen"
        raise RuntimeError("no operator is signed in")

    def ensure_demo_operator(self) -> Operator | None:
        """Create the demo operator on a demo site without operators."""
        created = operators.ensure_demo_operator(self.store)
        self.demo_created = self.demo_created or created is not None
        return created

    def demo_hint(self) -> bool:
        """Whether the sign-in screen should name the demo operator: only on the start
        that created it (on later ones it is an operator like any other)."""
        return self.demo_created

    def sign_in(self, operator_id: str, pin: str) -> Operator | None:
        """Check a PIN (argon2, tens of ms); remember the operator when it is right.

        A wrong one is audited (``sign_in.refused``, with the time it was made) and
        counts towards ``pin_gate``; while the gate is shut no PIN is checked at
        all (audited as ``sign_in.held``) and None comes back.
        """
        operator_id = operator_id.strip()
        actor = self._pin_actor(operator_id)
        if not self.pin_gate(operator_id).open:
            self.store.audit(actor, "sign_in.held", None)
            return None
        found = operators.verify(self.store, operator_id, pin)
        if found is not None:
            self.operator = found
            self.store.audit(found.actor, "signed_in", None)
            return found
        self.store.audit(actor, "sign_in.refused", None, self.clock().isoformat())
        if self.pin_gate(operator_id).locked:
            self.store.audit(actor, "sign_in.locked", None)
        return None

    def pin_gate(self, operator_id: str) -> PinGate:
        """Whether a PIN of this operator may be checked now (``sync.domain.pin_tries``):
        the wrong ones since their last sign-in, from the audit table."""
        actor = self._pin_actor(operator_id.strip())
        last_in = max(
            (wall for wall, who, _, _ in self.store.audit_entries("signed_in") if who == actor),
            default="",
        )
        failures = [
            dt.datetime.fromisoformat(detail)
            for wall, who, _, detail in self.store.audit_entries(
                "sign_in.refused", since_wall=last_in
            )
            if who == actor and detail and wall > last_in
        ]
        return pin_gate(
            failures, self.clock(), tries=self.pin_tries, lock_seconds=self.pin_lock_seconds
        )

    def _pin_actor(self, operator_id: str) -> str:
        """Whose wrong PINs these are: the operator's, or one count for every unknown id
        (what was typed is never written: it may be a PIN typed in the wrong field)."""
        if operators.get_operator(self.store, operator_id) is not None:
            return f"operator:{operator_id}"
        return "operator:?"

    def sign_out(self) -> None:
        """Forget the operator."""
        if self.operator is not None:
            self.store.audit(self.operator.actor, "signed_out", None)
        self.operator = None

    # -- finding journeys ------------------------------------------------------

    def today(self) -> list[JourneyRow]:
        """Journeys with activity today (UTC) in this store, newest first."""
        since = self.clock().astimezone(dt.UTC).strftime("%Y-%m-%dT00:00:00Z")
        return self.store.journeys(since_wall=since, limit=200)

    def find(self, text: str) -> Found:
        """The journey a typed reference or a scanned handoff link names."""
        token = token_from_link(text)
        if token is not None:
            hashed = token_hash(token)
            row = self.store.find_by_token_hash(hashed)
            if row is None:
                return Found(None, "home.link_unknown", "handoff", link_hash=hashed)
            worth = handoff_state(self.store.journey(row.journey_id), hashed, self.clock())
            if worth == "revoked":
                return Found(None, "home.link_revoked", "handoff")
            if worth == "expired":
                return Found(None, "home.link_expired", "handoff")
            return Found(row.journey_id, via="handoff")
        cleaned = text.strip()
        if not cleaned:
            return Found(None, "home.type_something")
        try:
            ref = parse_reference(cleaned)
        except InvalidReference:
            if self._is_short_address(cleaned):
                return Found(None, "home.short_address")
            compact = "".join(c for c in cleaned if c not in "- \t")
            if (
                any(c.isdigit() for c in cleaned)
                or not any(c.isalpha() for c in cleaned)
                or (len(compact) == 9 and " " not in cleaned.strip())
            ):
                return Found(None, "home.bad_reference")
            return self._find_by_name(cleaned)
        row = self.store.find_by_ref(ref)
        if row is None:
            return Found(None, "home.not_here")
        return Found(row.journey_id)

    def short_address(self) -> str:
        """The citizens' pages' address as the receipt prints it (no scheme)."""
        return self.public_url.split("://", 1)[-1].rstrip("/")

    def _is_short_address(self, text: str) -> bool:
        """Whether ``text`` is the receipt's short address (typed instead of the reference)."""
        typed = text.lower().split("://", 1)[-1].rstrip("/")
        return typed == self.short_address().lower()

    def _find_by_name(self, name: str) -> Found:
        """The journeys whose citizen's name has words starting with those typed (accents
        and case ignored): one is opened, several are listed, none is said."""
        rows = self.store.search(name, limit=50)
        if not rows:
            return Found(None, "home.no_name", "name")
        if len(rows) == 1:
            return Found(rows[0].journey_id, via="name")
        return Found(None, "home.names", "name", matches=tuple(rows))

    def open_journeys_for(self, identity: Identity) -> list[JourneyState]:
        """This citizen's open journeys in this store, latest first
        (``sync.domain.returning``): what a card read offers to continue."""
        rows = self.store.search(identity.name, limit=50)
        states = [self.store.journey(r.journey_id) for r in rows if r.closed is None]
        return open_journeys_of(states, identity)

    def done_before(self, state: JourneyState) -> frozenset[str]:
        """The services this journey's citizen submitted in their other journeys in this
        store (``sync.domain.returning.done_before``): not offered again."""
        if state.citizen is None:
            return frozenset()
        rows = self.store.search(state.citizen.name, limit=50)
        others = [self.store.journey(r.journey_id) for r in rows]
        return done_before(others, state)

    def open_journey(self, journey_id: str, via: str) -> JourneyState:
        """A journey's state, the reading audited (who saw which journey)."""
        self.store.audit(self.actor, "journey.opened", journey_id, via)
        return self.store.journey(journey_id)

    def forget_reads(self) -> None:
        """Drop the journeys kept from ``read_journey`` (a kiosk forgetting its citizen)."""
        with self._read_lock:
            self._read.clear()

    def journey(self, journey_id: str) -> JourneyState:
        """A journey's state (no audit: the journey is already open here)."""
        return self.store.journey(journey_id)

    def events(self, journey_id: str) -> list[Event]:
        """A journey's events in clock order."""
        return self.store.events_of(journey_id)

    def read_journey(
        self, journey_id: str, via: str | None = None
    ) -> tuple[JourneyState, list[Event]]:
        """A journey's state and its events, from one reading of the log.

        Args:
            journey_id: The journey.
            via: How it is being opened; given, the reading is audited.
        """
        if via is not None:
            self.store.audit(self.actor, "journey.opened", journey_id, via)
        # A screen reads its journey again each time it comes back to the top; unless
        # an event was stored for it since, the last reading (and fold) still holds.
        mark = self.store.journey_mark(journey_id)
        with self._read_lock:
            last = self._read.get(journey_id)
        if last is not None and last[0] == mark:
            return last[1], list(last[2])
        events = self.store.events_of(journey_id)
        state = fold(journey_id, events)
        with self._read_lock:
            self._read.pop(journey_id, None)
            self._read[journey_id] = (mark, state, events)
            while len(self._read) > KEEP_READ_JOURNEYS:
                del self._read[next(iter(self._read))]
        return state, list(events)

    # -- writing ---------------------------------------------------------------

    def _append(self, journey_id: str, event_type: Any, data: Mapping[str, Any]) -> Event:
        return self.store.append(
            journey_id, event_type, data, channel=self.channel, actor=self.actor
        )

    def _append_many(self, journey: str | NewJourney, drafts: Iterable[Draft]) -> list[Event]:
        """One user action's events, in one transaction."""
        return self.store.append_many(journey, drafts, channel=self.channel, actor=self.actor)

    def start_with_identity(self, identity: Identity, language: str) -> str:
        """Start a journey for a citizen: journey.started, citizen.identified, card answers,
        in one transaction.

        Returns:
            The new journey's id.
        """
        return self._append_many(NewJourney(language), identification(identity))[0].journey_id

    def start_linked(self, identity: Identity, language: str, ref: str) -> str:
        """Start a journey linked to ``ref`` (which could not be fetched), in one
        transaction: journey.started, journey.linked, the identification
        (``sync.linked``). Returns the new journey's id."""
        return start_linked_journey(
            self.store,
            identity=identity,
            language=language,
            ref=ref,
            channel=self.channel,
            actor=self.actor,
            operator=self.operator.id if self.operator is not None else None,
        )

    def identify(self, journey_id: str, identity: Identity) -> None:
        """Record who the citizen is, and the card's answers (source ``card``), in one
        transaction."""
        self._append_many(journey_id, identification(identity, self.store.journey(journey_id)))

    def give_consent(
        self, journey_id: str, purposes: Iterable[str], contact: Mapping[str, str] | None = None
    ) -> Event:
        """Record the purposes the citizen agreed to (``contact``: the channel and address
        messages go to, from ``sync.domain.consent.contact_details``)."""
        data: dict[str, Any] = {"purposes": sorted(purposes)}
        if contact is not None:
            data |= contact
        return self._append(journey_id, "consent.given", data)

    def withdraw_consent(self, journey_id: str, purposes: Iterable[str]) -> Event:
        """Record purposes the citizen no longer agrees to."""
        return self._append(journey_id, "consent.withdrawn", {"purposes": sorted(purposes)})

    def schedule_reminder(self, journey_id: str, day: dt.date, what: str) -> Event:
        """A ``reminder.scheduled`` for ``day`` (sent at 09:00 this machine's local time).

        Raises:
            ValueError: the day is not after now ("past") or ``what`` is empty or long.
        """
        at = reminder_at(day, self.clock().astimezone().tzinfo or dt.UTC)
        refused = reminder_refusal(at, what, self.clock())
        if refused is not None:
            raise ValueError(refused)
        data = {"at": at.strftime("%Y-%m-%dT%H:%M:%SZ"), "what": what.strip()}
        return self._append(journey_id, "reminder.scheduled", data)

    def cancel_reminder(self, journey_id: str, reminder_id: str) -> Event:
        """A ``reminder.cancelled`` for the reminder scheduled by event ``reminder_id``."""
        return self._append(journey_id, "reminder.cancelled", {"reminder_id": reminder_id})

    def add_service(self, journey_id: str, service_id: str) -> Event:
        """Add a service to the journey."""
        return self._append(journey_id, "service.added", {"service": service_id})

    def remove_service(self, journey_id: str, service_id: str) -> Event:
        """Take a service out of the journey."""
        return self._append(journey_id, "service.removed", {"service": service_id})

    def record_answer(
        self,
        journey_id: str,
        key: str,
        value: Any,
        *,
        source: str = "typed",
        service: str | None = None,
        supersedes: Iterable[str] = (),
        from_journey: str | None = None,
        complete_steps: bool = False,
    ) -> Event:
        """Save one answer; it supersedes the heads the mediator saw (settling a conflict).

        Args:
            complete_steps: Also mark done, in the same transaction, every step of the
                journey that the answer completes.

        Returns:
            The ``answer.recorded`` event.
        """
        answer = answer_recorded(
            key,
            value,
            source=source,
            service=service,
            supersedes=supersedes,
            from_journey=from_journey,
        )
        steps: list[Draft] = []
        if complete_steps:
            events = self.store.events_of(journey_id)
            steps = steps_completed_by(
                journey_id, events, [answer], self.catalogue, channel=self.channel
            )
        return self._append_many(journey_id, [answer, *steps])[0]

    def check_document(self, journey_id: str, document: str, ok: bool, service: str) -> Event:
        """Tick (or untick) a document on the checklist."""
        return self._append(
            journey_id, "document.checked", {"document": document, "ok": ok, "service": service}
        )

    def complete_step(self, journey_id: str, service: str, step: str) -> Event:
        """Mark a step of a service done."""
        return self._append(journey_id, "step.completed", {"service": service, "step": step})

    def submit(self, journey_id: str, services: Iterable[str]) -> list[Event]:
        """Submit the services whose steps are all done, in one transaction; the journey
        closes (``completed``) in it when nothing is left (``sync.domain.closing``)."""
        drafts: list[Draft] = [("service.submitted", {"service": s}) for s in services]
        if not drafts:
            return []
        events = self.store.events_of(journey_id)
        after = fold_after(journey_id, events, drafts, channel=self.channel)
        closing = closing_when_done(after)
        return self._append_many(journey_id, [*drafts, *([closing] if closing else [])])

    def leave(self, journey_id: str) -> Event | None:
        """The mediator left the journey: close it as abandoned if it has no service
        (``sync.domain.closing.closing_when_left``). Returns the event, if one was written."""
        with self._leave_lock:  # read and write as one: never closed twice
            closing = closing_when_left(self.store.journey(journey_id))
            if closing is None:
                return None
            return self._append_many(journey_id, [closing])[0]

    def leave_all(self, left: str | None) -> list[str]:
        """No journey is on screen (Home): close as abandoned the one just left and every
        other open journey of this site without a service (a process killed or a
        terminal closed on one); returns the ids of those closed, the one left first."""
        closed: list[str] = []
        for journey_id in dict.fromkeys([*([left] if left else []),
                                         *self.store.open_without_service()]):  # fmt: skip
            if self.leave(journey_id) is not None:
                closed.append(journey_id)
        return closed

    def close(self, journey_id: str, reason: str) -> Event:
        """The mediator closes the journey with one of ``MEDIATOR_REASONS``.

        Raises:
            ValueError: it is closed already, or the reason is not one of them.
        """
        return self._append_many(
            journey_id, [closing_by_mediator(self.store.journey(journey_id), reason)]
        )[0]

    def issue_handoff(self, journey_id: str) -> Handoff:
        """Issue a handoff link, revoking every one before (a reprint makes a new one), in
        one transaction.

        Only the token's hash is recorded; the token is in the returned value.
        """
        token = self.token_factory()
        hashed = token_hash(token)
        handoff_id = handoff_id_for(hashed)
        expires_text = expiry(self.clock())
        issue: Draft = (
            "handoff.issued",
            {"handoff_id": handoff_id, "token_hash": hashed, "expires": expires_text},
        )
        with self._handoff_lock:
            revoke: list[Draft] = [
                ("handoff.revoked", {"handoff_id": old, "reason": "reissued"})
                for old in superseded_by_new(self.store.journey(journey_id))
            ]
            self._append_many(journey_id, [*revoke, issue])
        return Handoff(handoff_id, handoff_url(self.public_url, token), expires_text)

    def print_receipt(self, journey_id: str, handoff: Handoff | None, language: str) -> Printed:
        """Queue the journey's receipt and print what is waiting (``drain_printer``).

        A printer failure leaves the receipt queued (with its handoff link) and
        comes back in the result; the journey is unaffected.
        """
        state = self.store.journey(journey_id)
        receipt = build_receipt(
            state,
            self.catalogue,
            site_name=self.site_name,
            issued_at=self.clock(),
            language=language,
            url=handoff.url if handoff else None,
        )
        job = PrintJob.for_receipt(
            receipt,
            journey_id=journey_id,
            handoff_id=handoff.handoff_id if handoff else None,
        )
        self.print_queue.enqueue(job)
        return self.drain_printer()

    def drain_printer(self) -> Printed:
        """Print every receipt waiting in the queue; record ``receipt.printed`` for each.

        Each receipt that comes out is recorded on its own journey, with the
        handoff and language of that receipt, whichever journey is on screen
        (a receipt queued in an outage may print while another journey
        finishes, or at start-up, when ``system`` is the actor). Drains of this
        desk run one at a time: a second caller waits, then prints what the
        first left; the queue's claims keep another process's drain off the
        same receipts.
        """
        if self.printer is None:
            return Printed(DrainResult(), "")
        with self._drain_lock:
            result = drain(self.print_queue, self.printer)
            for job in result.printed:
                self._record_printed(job)
        return Printed(result, self.printer.name)

    def print_if_ready(self) -> Printed | None:
        """Print the waiting receipts if the printer answers that it is ready.

        One status query first (bounded by the printer's own timeout), so that a
        printer still out costs no failed attempt on every receipt. Returns None
        when nothing waits, there is no printer, or it is not ready.
        """
        if self.printer is None or not self.print_queue.pending():
            return None
        if self.printer.status() not in ("ready", "paper_low"):
            return None
        return self.drain_printer()

    def waiting_receipts(self) -> list[str]:
        """The references (as printed) of the receipts waiting for the printer."""
        return [job.journey_ref for job in self.print_queue.pending()]

    def _record_printed(self, job: PrintJob) -> None:
        if job.journey_id is None:
            return  # a receipt of no journey (a test page)
        data = {"language": job.language}
        if job.handoff_id is not None:
            data["handoff_id"] = job.handoff_id
        actor = self.operator.actor if self.operator is not None else "system"
        self.store.append(
            job.journey_id, "receipt.printed", data, channel=self.channel, actor=actor
        )

    def feedback(self, journey_id: str, score: int, comment: str) -> Event:
        """Record the citizen's feedback (1 to 5, optional comment)."""
        data: dict[str, Any] = {"score": score}
        if comment.strip():
            data["comment"] = comment.strip()
        return self._append(journey_id, "feedback.given", data)

    # -- once only -------------------------------------------------------------

    def earlier_answers(self, state: JourneyState) -> dict[str, Earlier]:
        """Settled answers of this citizen's other journeys, by field key.

        Matched on the national number. Offered as prefill only when the journey
        has the ``prefill`` consent; the caller checks.
        """
        citizen = state.citizen
        if citizen is None or not citizen.national_number:
            return {}
        found: dict[str, Earlier] = {}
        for row in self.store.search(citizen.name, limit=20):
            if row.journey_id == state.journey_id:
                continue
            other = self.store.journey(row.journey_id)
            if other.citizen is None or other.citizen.national_number != citizen.national_number:
                continue
            for key, answer in other.answers.items():
                if not answer.in_conflict and key not in found:
                    found[key] = Earlier(answer.value, other.journey_id, other.ref or "")
        return found

    def card_identity(self, card: CardIdentity, reader_name: str) -> Identity:
        """The identity a card read gives."""
        return identity_from_card(card, reader_name)

    def make_receipt(self, state: JourneyState, language: str) -> Receipt:
        """The receipt of a journey, without a handoff link (for previews)."""
        return build_receipt(
            state,
            self.catalogue,
            site_name=self.site_name,
            issued_at=self.clock(),
            language=language,
            url=None,
        )
