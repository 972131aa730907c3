"""The fold: a journey's state computed from its events, and nothing else.

Events are applied in HLC order (ties broken by event id), duplicates by id
dropped, so the state does not depend on the order in which events arrived.

Answers are multi-value registers: each ``answer.recorded`` names the writes it
had seen for that field (``supersedes``). The writes no later write superseded
are the field's *heads*. One head is a settled answer; several heads are writes
made without seeing each other (a van offline and the citizen at home): the field
is in conflict, every value is kept, and the mediator's next write, superseding
all heads, settles it. The displayed value is the latest head by HLC.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from sync.domain.events import Channel, Event, contact_channel

AnswerOrigin = Literal[
    "card", "earlier_journey", "other_service", "counter", "van", "kiosk", "home", "backoffice"
]


@dataclass(frozen=True, slots=True)
class AnswerWrite:
    """One recorded value of a field, with where it came from."""

    event_id: str
    hlc: str
    value: Any
    source: str
    channel: Channel
    service: str | None
    actor: str
    wall: str
    from_journey: str | None

    def origin(self, for_service: str | None = None) -> AnswerOrigin:
        """Where this value came from, as seen from ``for_service``."""
        if self.source == "card":
            return "card"
        if self.source == "earlier_journey":
            return "earlier_journey"
        if for_service is not None and self.service is not None and self.service != for_service:
            return "other_service"
        if self.channel == "web":
            return "home"
        return self.channel


@dataclass(frozen=True, slots=True)
class Answer:
    """The state of one field: its heads (one unless in conflict) and its history."""

    heads: tuple[AnswerWrite, ...]
    history: tuple[AnswerWrite, ...]

    @property
    def current(self) -> AnswerWrite:
        """The latest head by HLC: the value shown when there is no conflict."""
        return self.heads[-1]

    @property
    def value(self) -> Any:
        """The current value."""
        return self.current.value

    @property
    def in_conflict(self) -> bool:
        """True when writes were made without seeing each other and none settled them."""
        return len(self.heads) > 1


@dataclass(frozen=True, slots=True)
class Handoff:
    """A handoff link issued for the journey (only the token's hash is known)."""

    handoff_id: str
    token_hash: str
    expires: str
    issued_hlc: str
    redeemed: bool
    revoked: bool


@dataclass(frozen=True, slots=True)
class Status:
    """A status posted by an agency for one service."""

    service: str
    status: str
    message: str | None
    wall: str
    actor: str


@dataclass(frozen=True, slots=True)
class HelpRequest:
    """A citizen's call for a person: where they were (a step, a screen) and on which channel."""

    channel: Channel
    wall: str
    service: str | None
    step: str | None
    screen: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Contact:
    """Where the citizen agreed to receive messages (personal data: never shown on paper)."""

    channel: str
    address: str


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder the mediator scheduled, named by its ``reminder.scheduled`` event's id."""

    reminder_id: str
    at: str
    what: str
    wall: str
    cancelled: bool


@dataclass(frozen=True, slots=True)
class Notification:
    """A message sent to the citizen, or one that finally failed (``reason``)."""

    message_id: str
    channel: str
    trigger: str
    wall: str
    reason: str | None


@dataclass(frozen=True, slots=True)
class Visit:
    """A stretch of consecutive events on one channel at one site."""

    channel: Channel
    site_id: str
    device_id: str
    first_wall: str
    last_wall: str
    events: int


@dataclass(frozen=True, slots=True)
class Citizen:
    """Who the journey is for, and how that was established."""

    name: str
    birth_date: str
    method: str
    national_number: str | None
    nationality: str | None


@dataclass(frozen=True, slots=True)
class JourneyState:
    """Everything known about a journey, derived from its log."""

    journey_id: str
    ref: str | None
    language: str
    started_wall: str | None
    last_hlc: str
    last_wall: str
    event_count: int
    citizen: Citizen | None
    consents: frozenset[str]
    services: tuple[str, ...]
    answers: Mapping[str, Answer]
    documents_checked: Mapping[str, bool]
    documents_uploaded: Mapping[str, Mapping[str, Any]]
    steps_done: frozenset[tuple[str, str]]
    submitted: frozenset[str]
    statuses: tuple[Status, ...]
    handoffs: Mapping[str, Handoff]
    visits: tuple[Visit, ...]
    notes: tuple[str, ...]
    feedback: tuple[tuple[int, str], ...]
    assistance_requests: int
    receipts: int
    linked_refs: tuple[str, ...]
    closed: str | None
    conflicts: tuple[str, ...] = field(default=())
    help_requests: tuple[HelpRequest, ...] = field(default=())
    contact: Contact | None = None
    reminders: Mapping[str, Reminder] = field(default_factory=dict)
    notifications: tuple[Notification, ...] = field(default=())

    def status_of(self, service: str) -> Status | None:
        """The latest agency status of a service, if any."""
        for status in reversed(self.statuses):
            if status.service == service:
                return status
        return None

    @property
    def active_handoff(self) -> Handoff | None:
        """The newest handoff that is neither revoked nor redeemed."""
        live = [h for h in self.handoffs.values() if not h.revoked]
        return max(live, key=lambda h: h.issued_hlc) if live else None


def order(events: Iterable[Event]) -> list[Event]:
    """Events in clock order with duplicates (same id) dropped."""
    unique = {e.id: e for e in events}
    return sorted(unique.values(), key=lambda e: (e.hlc, e.id))


class _Builder:
    """Mutable accumulator used only inside :func:`fold`."""

    def __init__(self, journey_id: str) -> None:
        self.journey_id = journey_id
        self.ref: str | None = None
        self.language = "pt"
        self.started_wall: str | None = None
        self.last_hlc = ""
        self.last_wall = ""
        self.count = 0
        self.citizen: Citizen | None = None
        self.consents: set[str] = set()
        self.services: list[str] = []
        self.writes: dict[str, list[AnswerWrite]] = {}
        self.superseded: set[str] = set()
        self.docs_checked: dict[str, bool] = {}
        self.docs_uploaded: dict[str, Mapping[str, Any]] = {}
        self.steps: set[tuple[str, str]] = set()
        self.submitted: set[str] = set()
        self.statuses: list[Status] = []
        self.handoffs: dict[str, Handoff] = {}
        self.visits: list[Visit] = []
        self.notes: list[str] = []
        self.feedback: list[tuple[int, str]] = []
        self.assistance = 0
        self.help: list[HelpRequest] = []
        self.receipts = 0
        self.linked: list[str] = []
        self.closed: str | None = None
        self.contact: Contact | None = None
        self.reminders: dict[str, Reminder] = {}
        self.notifications: list[Notification] = []

    def apply(self, e: Event) -> None:
        self.count += 1
        self.last_hlc, self.last_wall = e.hlc, e.wall
        self._visit(e)
        d = e.data
        match e.type:
            case "journey.started":
                if self.ref is None:
                    self.ref, self.language = d["ref"], d["language"]
                    self.started_wall = e.wall
            case "journey.linked":
                if d["ref"] not in self.linked:
                    self.linked.append(d["ref"])
            case "citizen.identified":
                self.citizen = Citizen(
                    name=d["name"],
                    birth_date=d["birth_date"],
                    method=d["method"],
                    national_number=d.get("national_number"),
                    nationality=d.get("nationality"),
                )
            case "consent.given":
                self.consents.update(d["purposes"])
                if "address" in d:
                    self.contact = Contact(contact_channel(d), d["address"])
            case "consent.withdrawn":
                self.consents.difference_update(d["purposes"])
                if "contact" in d["purposes"]:
                    self.contact = None
            case "service.added":
                if d["service"] not in self.services:
                    self.services.append(d["service"])
            case "service.removed":
                if d["service"] in self.services:
                    self.services.remove(d["service"])
            case "answer.recorded":
                self.superseded.update(d["supersedes"])
                self.writes.setdefault(d["field"], []).append(
                    AnswerWrite(
                        event_id=e.id,
                        hlc=e.hlc,
                        value=d["value"],
                        source=d["source"],
                        channel=e.channel,
                        service=d.get("service"),
                        actor=e.actor,
                        wall=e.wall,
                        from_journey=d.get("from_journey"),
                    )
                )
            case "document.checked":
                self.docs_checked[d["document"]] = d["ok"]
            case "document.uploaded":
                self.docs_uploaded[d["document"]] = dict(d)
            case "step.completed":
                self.steps.add((d["service"], d["step"]))
            case "service.submitted":
                self.submitted.add(d["service"])
            case "status.changed":
                self.statuses.append(
                    Status(d["service"], d["status"], d.get("message"), e.wall, e.actor)
                )
            case "handoff.issued":
                self.handoffs[d["handoff_id"]] = Handoff(
                    d["handoff_id"], d["token_hash"], d["expires"], e.hlc, False, False
                )
            case "handoff.redeemed" | "handoff.revoked":
                old = self.handoffs.get(d["handoff_id"])
                if old is not None:
                    redeemed = old.redeemed or e.type == "handoff.redeemed"
                    revoked = old.revoked or e.type == "handoff.revoked"
                    self.handoffs[old.handoff_id] = Handoff(
                        old.handoff_id, old.token_hash, old.expires, old.issued_hlc,
                        redeemed, revoked,
                    )  # fmt: skip
            case "receipt.printed":
                self.receipts += 1
            case "assistance.requested":
                self.assistance += 1
                self.help.append(
                    HelpRequest(
                        e.channel, e.wall, d.get("service"), d.get("step"), d.get("screen"),
                        d.get("reason"),
                    )
                )  # fmt: skip
            case "note.added":
                self.notes.append(d["text"])
            case "feedback.given":
                self.feedback.append((d["score"], d.get("comment", "")))
            case "journey.closed":
                self.closed = d["reason"]
            case "reminder.scheduled":
                self.reminders[e.id] = Reminder(e.id, d["at"], d["what"], e.wall, False)
            case "reminder.cancelled":
                old_reminder = self.reminders.get(d["reminder_id"])
                if old_reminder is not None:
                    self.reminders[old_reminder.reminder_id] = Reminder(
                        old_reminder.reminder_id, old_reminder.at, old_reminder.what,
                        old_reminder.wall, True,
                    )  # fmt: skip
            case "notification.sent" | "notification.failed":
                self.notifications.append(
                    Notification(d["message_id"], d["channel"], d["trigger"], e.wall,
                                 d.get("reason"))
                )  # fmt: skip

    def _visit(self, e: Event) -> None:
        last = self.visits[-1] if self.visits else None
        if last and (last.channel, last.site_id, last.device_id) == (
            e.channel,
            e.site_id,
            e.device_id,
        ):
            self.visits[-1] = Visit(
                last.channel, last.site_id, last.device_id, last.first_wall, e.wall, last.events + 1
            )
        else:
            self.visits.append(Visit(e.channel, e.site_id, e.device_id, e.wall, e.wall, 1))

    def build(self) -> JourneyState:
        answers: dict[str, Answer] = {}
        for key, writes in self.writes.items():
            heads = tuple(w for w in writes if w.event_id not in self.superseded)
            # A write can only be superseded by a later one, so heads is never empty
            # for a well-formed log; fall back to the latest write for a broken one.
            answers[key] = Answer(heads or (writes[-1],), tuple(writes))
        return JourneyState(
            journey_id=self.journey_id,
            ref=self.ref,
            language=self.language,
            started_wall=self.started_wall,
            last_hlc=self.last_hlc,
            last_wall=self.last_wall,
            event_count=self.count,
            citizen=self.citizen,
            consents=frozenset(self.consents),
            services=tuple(self.services),
            answers=answers,
            documents_checked=dict(self.docs_checked),
            documents_uploaded=dict(self.docs_uploaded),
            steps_done=frozenset(self.steps),
            submitted=frozenset(self.submitted),
            statuses=tuple(self.statuses),
            handoffs=dict(self.handoffs),
            visits=tuple(self.visits),
            notes=tuple(self.notes),
            feedback=tuple(self.feedback),
            assistance_requests=self.assistance,
            receipts=self.receipts,
            linked_refs=tuple(self.linked),
            closed=self.closed,
            conflicts=tuple(sorted(k for k, a in answers.items() if a.in_conflict)),
            help_requests=tuple(self.help),
            contact=self.contact,
            reminders=dict(self.reminders),
            notifications=tuple(self.notifications),
        )


def fold(journey_id: str, events: Iterable[Event]) -> JourneyState:
    """Compute a journey's state from its events, in any arrival order.

    Events of other journeys are ignored.
    """
    builder = _Builder(journey_id)
    for event in order(e for e in events if e.journey_id == journey_id):
        builder.apply(event)
    return builder.build()
