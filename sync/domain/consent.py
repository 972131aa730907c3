"""Consent purposes: what the citizen may agree to, which are needed, and what each allows.

The legal basis of a public service is not consent, but some of what Counterpart
does on top of it is: reusing answers of earlier journeys (``prefill``), a link
to continue at home (``handoff``), messages about progress (``contact``). Every
channel asks and checks through this module, so "a link home needs the
``handoff`` consent" is decided once, and so is what withdrawing one does
(``withdraw``): a required purpose is not withdrawn alone (the journey could not
go on; a person closes it), and withdrawing ``handoff`` turns off every link that
could still be used, so continuing at home ends with it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final, Literal

from sync.domain.drafts import Draft
from sync.domain.events import EMAIL, PHONE
from sync.domain.fold import JourneyState
from sync.domain.handoff import state_of

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
WITHDRAWN_REASON: Final = "consent withdrawn"
"""The ``reason`` of a ``handoff.revoked`` that withdrawing ``handoff`` records."""


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
    """Whether the journey may be continued at home: a link home may be issued, and a
    visit at home (by the link or by the reference) may begin and go on."""
    return HANDOFF in state.consents


def allows_prefill(state: JourneyState) -> bool:
    """Whether answers of the citizen's earlier journeys may be offered."""
    return PREFILL in state.consents


def allows_contact(state: JourneyState) -> bool:
    """Whether the citizen may be sent messages about the journey."""
    return CONTACT in state.consents


def contact_details(typed: str) -> dict[str, str] | None:
    """The ``channel`` and ``address`` of a ``contact`` consent from what was typed, or
    None when it is neither an e-mail address nor a mobile number in international form.

    Spaces and dashes inside a number are dropped; ``00`` before it is read as ``+``.
    """
    text = typed.strip()
    if "@" in text:
        return {"channel": "email", "address": text} if EMAIL.fullmatch(text) else None
    number = "".join(ch for ch in text if ch not in " -.()")
    if number.startswith("00"):
        number = "+" + number[2:]
    return {"channel": "sms", "address": number} if PHONE.fullmatch(number) else None


def purpose_named(text: str) -> Purpose | None:
    """The purpose ``text`` names, or None for an unknown one (a form's value)."""
    for purpose in PURPOSES:
        if purpose == text:
            return purpose
    return None


@dataclass(frozen=True, slots=True)
class Withdrawal:
    """What withdrawing one purpose does to a journey.

    Attributes:
        purpose: The purpose to withdraw.
        held: The citizen had agreed to it; when not, there is nothing to record.
        refused: It is required (``REQUIRED``): withdrawn alone it would leave a
            journey that cannot go on, so no channel records it; the citizen is
            sent to a person, who can stop the journey.
        ends_home_visit: Continuing at home ends with it (``handoff``): every visit at
            home ends and the links are turned off.
        drafts: What to record, in one transaction: ``consent.withdrawn`` and, for
            ``handoff``, a ``handoff.revoked`` for each link that could still be
            used. Empty when refused or not held.
    """

    purpose: Purpose
    held: bool
    refused: bool
    ends_home_visit: bool
    drafts: tuple[Draft, ...]

    @property
    def allowed(self) -> bool:
        """Whether there is something to record."""
        return bool(self.drafts)


def withdraw(state: JourneyState, purpose: Purpose, now: dt.datetime) -> Withdrawal:
    """What withdrawing ``purpose`` from the journey records and means, at ``now`` (aware)."""
    held = purpose in state.consents
    refused = purpose in REQUIRED
    ends = purpose == HANDOFF
    if not held or refused:
        return Withdrawal(purpose, held, refused, ends, ())
    drafts: list[Draft] = [("consent.withdrawn", {"purposes": [purpose]})]
    if ends:
        drafts += [
            ("handoff.revoked", {"handoff_id": h.handoff_id, "reason": WITHDRAWN_REASON})
            for h in sorted(state.handoffs.values(), key=lambda h: h.issued_hlc)
            if state_of(h, now) in ("live", "redeemed")
        ]
    return Withdrawal(purpose, held, refused, ends, tuple(drafts))
