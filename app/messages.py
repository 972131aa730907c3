"""Messages workers and widgets post: small dataclasses named for what happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message

from app.outcomes import Handoff, Printed
from sync.domain.events import Event
from sync.domain.fold import JourneyState
from sync.domain.identity import Identity
from sync.domain.pin_tries import PinGate
from sync.domain.returning import OpenElsewhere
from sync.link import SyncOutcome
from sync.store.operators import Operator


@dataclass
class OperationFailed(Message):
    """A blocking call failed; the app shows it and offers a retry.

    Attributes:
        title: Short heading (a device or store error's ``title``).
        detail: What went wrong, for the mediator.
        retry: Called again by the retry key; None when retrying makes no sense.
    """

    title: str
    detail: str
    retry: Callable[[], Any] | None = None


@dataclass
class SignedIn(Message):
    """The PIN was right."""

    operator: Operator


@dataclass
class SignInRefused(Message):
    """Unknown operator or wrong PIN (the two are not told apart), or a PIN not checked
    because of earlier wrong ones.

    Attributes:
        gate: What the wrong PINs so far add up to (``sync.domain.pin_tries``).
    """

    gate: PinGate


@dataclass
class CardRead(Message):
    """A card was read completely.

    Attributes:
        identity: Who the card says the citizen is.
        returning: That citizen's open journeys here, latest first (offered to continue).
    """

    identity: Identity
    returning: tuple[JourneyState, ...] = ()


@dataclass
class FoundElsewhere(Message):
    """The central store told of the card's citizen's open journeys at other sites.

    Attributes:
        identity: The card it was asked for (a later card makes it stale).
        journeys: Those journeys not held here, latest first.
    """

    identity: Identity
    journeys: tuple[OpenElsewhere, ...]


@dataclass
class FetchedElsewhere(Message):
    """A journey told of by the central store was fetched (``journey_id``) or not (None)."""

    ref: str
    journey_id: str | None


@dataclass
class JourneyStarted(Message):
    """A new journey was started with the citizen identified."""

    journey_id: str


@dataclass
class JourneyLoaded(Message):
    """A journey's state (and events) was read from the store."""

    state: JourneyState
    events: list[Event]


@dataclass
class EventSaved(Message):
    """An event is on disk; ``tag`` says which control asked for it."""

    event: Event
    tag: str = ""


@dataclass
class JourneyFound(Message):
    """Typing or scanning on home found a journey, or why not.

    Attributes:
        journey_id: The journey, when found (here, or fetched from the central store).
        problem: A text key saying why not.
        via: How it was found: ``reference``, ``handoff``, ``fetched`` (by reference)
            or ``fetched_by_link`` (a scanned link, from the central store).
        linkable: The canonical reference a linked journey may be started for,
            when it could not be fetched (offline, or not in the central store yet).
        detail: What the central store said, when it refused.
    """

    journey_id: str | None
    problem: str | None
    via: str
    linkable: str | None = None
    matches: tuple[Any, ...] = ()
    """The journeys (``JourneyRow``) a typed name matches, when several do."""
    detail: str = ""


@dataclass
class Finished(Message):
    """Services submitted and a handoff issued (None: the citizen did not consent to
    one); the receipt is on its way."""

    handoff: Handoff | None
    submitted: list[str]


@dataclass
class ReceiptDone(Message):
    """A print attempt ended (printed, or queued with the printer's reason)."""

    printed: Printed


@dataclass
class SyncState(Message):
    """The events not yet acknowledged by the central store."""

    waiting: int


@dataclass
class SyncDone(Message):
    """A background sync round ended (synced, waiting, offline or not enrolled)."""

    outcome: SyncOutcome


@dataclass
class LanguageSwitched(Message):
    """The operator's or the citizen's language changed: every screen relabels itself."""


@dataclass
class SyncStateWanted(Message):
    """Count again what waits to sync (the header shows it)."""


@dataclass
class SyncWanted(Message):
    """Run a sync round now (a journey was finished).

    Attributes:
        poll: Only if no round is under way and the central store answered the last
            one (``SyncLink.poll``): a screen watching for what the citizen does online
            asks every few seconds.
    """

    poll: bool = False
