"""The returning citizen: which open journeys are this citizen's (never repeat your story).

A citizen is the same when the national numbers match (both known), else when the
names match with accents, case and spacing ignored and the dates of birth match.
An open journey of theirs is offered to continue instead of starting a second
one; a closed one is not (``sync.domain.closing``). The counter asks this when a
card is read, of its own store and, online, of the central store
(``POST /api/v1/journeys/lookup``).

The central store finds the candidates without reading every journey: it keeps an
index of ``citizen_keys`` (SHA-256 of the national number, of the name with the
date of birth, and of the name with the year of birth, each normalised), computed
by the same function for what it holds and for what it is asked, and then keeps
only the journeys ``same_citizen`` accepts.

What the citizen already did is not offered again: ``done_before`` gives the
services submitted in their other journeys, which the life-circumstance offers
(``sync.domain.offers``) leave out.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sync.domain.closing import is_open
from sync.domain.fold import JourneyState
from sync.domain.identity import Identity


def name_key(name: str) -> str:
    """A name without accents, case, punctuation or extra spaces, for comparing."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


def citizen_keys(name: str, birth_date: str, national_number: str | None) -> tuple[str, ...]:
    """The index keys of a citizen, as SHA-256 hex: what the central store files a journey
    under and what it looks a card up by.

    ``nn``: the national number (digits only), when known. ``nb``: the name
    (``name_key``) with the whole date of birth, when known. ``ny``: the name with
    the year of birth, so that a card giving only part of the date still finds its
    candidates (``same_citizen`` then decides).

    Args:
        name: The name as on the card or as typed.
        birth_date: An ISO date, or part of one (``"1979"``, ``"1979-04"``), or "".
        national_number: Digits (anything else is dropped), "" or None when unknown.
    """
    keys: list[str] = []
    digits = "".join(c for c in national_number or "" if c.isdigit())
    if digits:
        keys.append(f"nn:{digits}")
    plain = name_key(name)
    if plain and len(birth_date) == 10:
        keys.append(f"nb:{plain}|{birth_date}")
    if plain and len(birth_date) >= 4 and birth_date[:4].isdigit():
        keys.append(f"ny:{plain}|{birth_date[:4]}")
    return tuple(hashlib.sha256(key.encode()).hexdigest() for key in keys)


def identity_keys(identity: Identity) -> tuple[str, ...]:
    """The keys to look ``identity`` up by: its national number, and its name with the
    date of birth (the year alone when the card gives only part of it). A journey
    found by one of them is this citizen's only if ``same_citizen`` says so."""
    birth = identity.birth_date or identity.birth_date_partial
    keys = list(citizen_keys(identity.name, birth, identity.national_number))
    if len(birth) == 10 and len(keys) >= 2:
        keys.pop()  # the whole date is more telling than the year: "ny" is not asked
    return tuple(keys)


def same_citizen(state: JourneyState, identity: Identity) -> bool:
    """Whether the journey is for the citizen ``identity`` describes."""
    citizen = state.citizen
    if citizen is None:
        return False
    if citizen.national_number and identity.national_number:
        return citizen.national_number == identity.national_number
    birth = identity.birth_date or identity.birth_date_partial
    return (
        name_key(citizen.name) == name_key(identity.name)
        and bool(birth)
        and citizen.birth_date.startswith(birth)
    )


def open_journeys_of(states: Iterable[JourneyState], identity: Identity) -> list[JourneyState]:
    """The open journeys of this citizen among ``states``, latest activity first."""
    found = [s for s in states if is_open(s) and same_citizen(s, identity)]
    return sorted(found, key=lambda s: s.last_hlc, reverse=True)


def done_before(states: Iterable[JourneyState], state: JourneyState) -> frozenset[str]:
    """The services submitted in the other journeys of ``state``'s citizen among ``states``."""
    citizen = state.citizen
    if citizen is None:
        return frozenset()
    me = Identity(citizen.name, citizen.birth_date, citizen.national_number or "")
    return frozenset(
        service_id
        for other in states
        if other.journey_id != state.journey_id and same_citizen(other, me)
        for service_id in other.submitted
    )


@dataclass(frozen=True, slots=True)
class OpenElsewhere:
    """An open journey of the citizen held by the central store, as a lookup tells of it
    (no personal data: the counter has the card).

    Attributes:
        journey_id: The journey.
        ref: Its canonical reference ("" when its start is not held there).
        site: The site that last worked on it ("" when none did).
        services: How many services it has.
        last_activity: The wall time of its latest event (UTC, as recorded).
    """

    journey_id: str
    ref: str
    site: str
    services: int
    last_activity: str

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> OpenElsewhere:
        """One journey of a lookup's answer."""
        return cls(
            str(raw["journey_id"]),
            str(raw.get("ref") or ""),
            str(raw.get("site") or ""),
            int(raw.get("services") or 0),
            str(raw.get("last_activity") or ""),
        )
