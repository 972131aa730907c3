"""Journeys that are not on this machine: linked journeys started offline, and their merge.

When a reference typed on home is neither here nor fetchable (the central store
cannot be reached, or does not hold it yet), the mediator can start a *linked*
journey: a new journey whose first events are ``journey.started`` and
``journey.linked`` naming the reference. The reference waits in the store's
``sync_state`` (key ``pending_fetches``) until a sync round reaches the central
store; then ``merge_pending`` fetches the referenced journey into this store and
records a ``journey.linked`` on it pointing back to the linked journey.

Merging never rewrites or copies events: both logs stay whole, each names the
other, and the answers of one are offered on the other as answers of the same
citizen's earlier journey (with the ``prefill`` consent, as any other).
``linked_timeline`` shows them as one timeline (``sync.domain.merged``), fetching
a linked journey that is not here yet (a counter at another site opening the
original after the van's merge).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Final

from sync.domain.drafts import Draft
from sync.domain.events import Channel, Event
from sync.domain.identity import Identity, identification
from sync.domain.merged import merged_timeline
from sync.errors import SyncError, SyncRejected
from sync.store.store import LocalStore, NewJourney

PENDING_KEY: Final = "pending_fetches"
"""The ``sync_state`` key of the references waiting to be fetched (a JSON list)."""

LINKED_OFFLINE: Final = "offline"
"""``journey.linked`` reason on a journey started while its reference could not be fetched."""
LINKED_MERGED: Final = "merged"
"""``journey.linked`` reason on a fetched journey, pointing back to the linked one."""

_pending_lock = threading.Lock()
# The app adds entries from one worker while a sync round drops them from another.

Fetch = Callable[[str, str | None], str | None]
"""Fetches a reference (with the operator to audit) into the store; its journey id, or None
when the central store does not hold it; raises ``SyncError`` when it cannot ask."""


@dataclass(frozen=True, slots=True)
class PendingFetch:
    """A reference to fetch when the central store answers, and the journey linked to it.

    Attributes:
        ref: The canonical reference to fetch.
        journey_id: The linked journey started here.
        operator: The operator who started it (the central store audits the read as theirs).
        channel: The channel of this machine, for the back link written on the fetched journey.
    """

    ref: str
    journey_id: str
    operator: str | None
    channel: Channel


def pending(store: LocalStore) -> list[PendingFetch]:
    """The references waiting to be fetched, oldest first."""
    raw = store.get_state(PENDING_KEY)
    try:
        entries = json.loads(raw) if raw else []
        return [PendingFetch(**entry) for entry in entries]
    except (ValueError, TypeError):
        # Written by this module only; a hand-edited value must not stop sync rounds.
        return []


def _write(store: LocalStore, entries: list[PendingFetch]) -> None:
    store.set_state(PENDING_KEY, json.dumps([asdict(e) for e in entries], separators=(",", ":")))


def add_pending(store: LocalStore, entry: PendingFetch) -> None:
    """Remember a reference to fetch at the next sync round (once per linked journey)."""
    with _pending_lock:
        entries = pending(store)
        if entry not in entries:
            _write(store, [*entries, entry])


def _drop_pending(store: LocalStore, entry: PendingFetch) -> None:
    with _pending_lock:
        _write(store, [e for e in pending(store) if e != entry])


def start_linked_journey(
    store: LocalStore,
    *,
    identity: Identity,
    language: str,
    ref: str,
    channel: Channel,
    actor: str,
    operator: str | None,
) -> str:
    """Start a journey linked to ``ref``, in one transaction: journey.started,
    journey.linked, then the citizen's identification (``sync.domain.identity``).

    Args:
        store: The local store.
        identity: Who the citizen is (card or typed).
        language: The citizen's language.
        ref: The canonical reference that could not be fetched.
        channel: This machine's channel (of the events, and of the back link to come).
        actor: Who starts it (``operator:<id>``).
        operator: The signed-in operator's id (the central store audits the fetch as
            theirs), if any.

    Returns:
        The new journey's id; the reference waits in ``pending_fetches``.
    """
    drafts: list[Draft] = [("journey.linked", {"ref": ref, "reason": LINKED_OFFLINE})]
    drafts += identification(identity)
    written = store.append_many(NewJourney(language), drafts, channel=channel, actor=actor)
    journey_id = written[0].journey_id
    add_pending(store, PendingFetch(ref, journey_id, operator, channel))
    return journey_id


def merge_pending(store: LocalStore, fetch: Fetch) -> list[str]:
    """Fetch every waiting reference and link each fetched journey back to its linked one.

    A reference the central store does not hold yet (a van that has not synced),
    or refuses to send, stays waiting for the next round; when the central store
    cannot be asked at all (offline again), the rest waits too.

    Returns:
        The references fetched and linked in this call.
    """
    merged: list[str] = []
    for entry in pending(store):
        try:
            journey_id = fetch(entry.ref, entry.operator)
        except SyncRejected:
            continue
        except SyncError:
            break
        if journey_id is None:
            continue
        linked_ref = store.journey(entry.journey_id).ref
        if linked_ref is not None and linked_ref not in store.journey(journey_id).linked_refs:
            store.append(
                journey_id,
                "journey.linked",
                {"ref": linked_ref, "reason": LINKED_MERGED},
                channel=entry.channel,
                actor="system",
            )
        _drop_pending(store, entry)
        merged.append(entry.ref)
    return merged


def linked_timeline(
    store: LocalStore, journey_id: str, fetch: Callable[[str], str | None] | None = None
) -> list[Event]:
    """A journey's events and those of the journeys it is linked to, as one timeline.

    Args:
        store: The local store.
        journey_id: The journey on screen.
        fetch: Fetches a linked reference that is not here into the store (its journey
            id, or None when it cannot); None: only what is here.
    """
    logs = [store.events_of(journey_id)]
    for ref in store.journey(journey_id).linked_refs:
        row = store.find_by_ref(ref)
        linked_id = row.journey_id if row is not None else fetch(ref) if fetch else None
        if linked_id is not None and linked_id != journey_id:
            logs.append(store.events_of(linked_id))
    return merged_timeline(logs)
