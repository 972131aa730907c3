"""The returning citizen: which open journeys are this citizen's (never repeat your story).

A citizen is the same when the national numbers match (both known), else when the
names match with accents, case and spacing ignored and the dates of birth match.
An open journey of theirs is offered to continue instead of starting a second
one; a closed one is not (``sync.domain.closing``). The counter asks this when a
card is read; the central store can ask it the same way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from sync.domain.closing import is_open
from sync.domain.fold import JourneyState
from sync.domain.identity import Identity


def name_key(name: str) -> str:
    """A name without accents, case, punctuation or extra spaces, for comparing."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in plain).split())


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
