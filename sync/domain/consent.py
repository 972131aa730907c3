"""Consent purposes: what the citizen may agree to, which are needed, and what each allows.

The legal basis of a public service is not consent, but some of what Counterpart
does on top of it is: reusing answers of earlier journeys (``prefill``), a link
to continue at home (``handoff``), messages about progress (``contact``). Every
channel asks and checks through this module, so "a link home needs the
``handoff`` consent" is decided once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from sync.domain.fold import JourneyState

Purpose = Literal["services", "prefill", "handoff", "contact"]
"""A consent purpose."""

SERVICES: Final[Purpose] = "services"
"""Processing the journey's answers for the services chosen: needed to go on."""
PREFILL: Final[Purpose] = "prefill"
"""Offering answers of the citizen's earlier journeys (once only)."""
HANDOFF: Final[Purpose] = "handoff"
"""A link (QR) to continue the journey at home."""
CONTACT: Final[Purpose] = "contact"
"""Messages about the journey's progress."""

PURPOSES: Final[tuple[Purpose, ...]] = (SERVICES, PREFILL, HANDOFF, CONTACT)
"""Every purpose, in the order they are asked."""
REQUIRED: Final[frozenset[Purpose]] = frozenset({SERVICES})
"""The purposes without which a journey cannot go on."""


@dataclass(frozen=True, slots=True)
class ConsentChange:
    """What to record when the citizen's ticked purposes replace those given before.

    Attributes:
        given: Purposes newly agreed to (``consent.given``), sorted.
        withdrawn: Purposes no longer agreed to (``consent.withdrawn``), sorted.
        missing: Required purposes not ticked; when any, nothing may be recorded.
    """

    given: tuple[Purpose, ...]
    withdrawn: tuple[Purpose, ...]
    missing: tuple[Purpose, ...]

    @property
    def allowed(self) -> bool:
        """Every required purpose is ticked."""
        return not self.missing


def purposes_of(state: JourneyState) -> frozenset[Purpose]:
    """The known purposes the journey's citizen has agreed to now."""
    return frozenset(p for p in PURPOSES if p in state.consents)


def change(before: Iterable[str], ticked: Iterable[str]) -> ConsentChange:
    """The consent events that take a journey from ``before`` to ``ticked``.

    Unknown purposes in either set are ignored.
    """
    old = {p for p in PURPOSES if p in set(before)}
    new = {p for p in PURPOSES if p in set(ticked)}
    return ConsentChange(
        given=tuple(sorted(new - old)),
        withdrawn=tuple(sorted(old - new)),
        missing=tuple(sorted(REQUIRED - new)),
    )


def allows_handoff(state: JourneyState) -> bool:
    """Whether a link home may be issued for the journey."""
    return HANDOFF in state.consents


def allows_prefill(state: JourneyState) -> bool:
    """Whether answers of the citizen's earlier journeys may be offered."""
    return PREFILL in state.consents


def allows_contact(state: JourneyState) -> bool:
    """Whether the citizen may be sent messages about the journey."""
    return CONTACT in state.consents
