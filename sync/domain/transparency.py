"""Who has looked at a journey, as the citizen is shown it: a role and a place, never a person.

The central store audits every read of a journey that is not the citizen's own
(``journey.fetched``: a device opened it by its reference, with ``site=`` in the
detail; ``status.changed``: an agency's back office worked on it;
``confirm.locked``: wrong dates of birth locked its link; ``journey.looked_up``: a
counter that read the citizen's card was told the journey is open, to offer it).
``looks`` turns those records into what the citizen may see: when, the role (a
mediator at a counter, a machine with no one signed in, an agency, the network's
operator), the site or the agency, and why. Operator logins and device ids are left
out by construction: a ``Look`` has no field for them. The citizen's own doings are not listed as
looks (they are on the timeline); anything else audited is listed, as ``other``
if its action is not known here, so that nothing audited is hidden.

Besides those reads, the sites that worked on the journey keep a copy of it
(``sites_holding``, from the fold's visits).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from sync.domain.events import Channel
from sync.domain.fold import JourneyState

Role = Literal["mediator", "machine", "agency", "network", "someone"]
"""Who looked, as a role: a signed-in mediator, a device with no one signed in (a kiosk),
an agency's back office, the network's operator, or someone unknown (a link's guesser)."""

Reason = Literal["opened", "looked_up", "status", "locked", "other"]
"""Why: opened by its reference, found open when the citizen's card was read, an
agency's status, a locked link, anything else."""

SITE_CHANNELS: Final[frozenset[Channel]] = frozenset({"counter", "van", "kiosk"})
"""Channels whose sites keep a copy of the journeys they work on."""

_REASONS: Final[Mapping[str, Reason]] = {
    "journey.fetched": "opened",
    "journey.looked_up": "looked_up",
    "status.changed": "status",
    "confirm.locked": "locked",
}


@dataclass(frozen=True, slots=True)
class Look:
    """One audited read of the journey, as the citizen sees it.

    Attributes:
        wall: When (UTC, as the audit recorded it).
        role: Who, as a role.
        reason: Why.
        site: The site it was done at, when known (a counter's, a van's).
        agency: The agency, for an agency's back office.
    """

    wall: str
    role: Role
    reason: Reason
    site: str | None
    agency: str | None


def _detail_value(detail: str, key: str) -> str | None:
    for part in detail.split():
        name, sep, value = part.partition("=")
        if sep and name == key and value:
            return value
    return None


def look_of(wall: str, actor: str, action: str, detail: str) -> Look | None:
    """One audit record as the citizen sees it; None for the citizen's own doings."""
    reason = _REASONS.get(action, "other")
    site = _detail_value(detail, "site")
    if action == "confirm.locked":
        return Look(wall, "someone", "locked", None, None)
    if actor == "citizen":
        return None
    if actor.startswith("agency:"):
        return Look(wall, "agency", reason, None, actor.removeprefix("agency:"))
    if actor.startswith("device:"):
        role: Role = "mediator" if " operator:" in actor else "machine"
        return Look(wall, role, reason, site, None)
    return Look(wall, "network", reason, site, None)


def looks(records: Iterable[Mapping[str, Any]]) -> list[Look]:
    """The audited reads of a journey the citizen is shown, newest first.

    Args:
        records: The journey's audit records, each with ``wall``, ``actor``,
            ``action`` and ``detail`` (the central store's ``audit_entries``).
    """
    found = [
        look_of(str(r["wall"]), str(r["actor"]), str(r["action"]), str(r.get("detail") or ""))
        for r in records
    ]
    return sorted((f for f in found if f is not None), key=lambda f: f.wall, reverse=True)


def sites_holding(state: JourneyState) -> tuple[str, ...]:
    """The sites (counters, vans, kiosks) that worked on the journey, in the order they did."""
    return tuple(dict.fromkeys(v.site_id for v in state.visits if v.channel in SITE_CHANNELS))
