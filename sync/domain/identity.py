"""Who the citizen is, as a card gives it or a mediator types it, and what identifying
them writes on a journey.

Reading a card is the app's business (``app.card_identity``); here the identity
is a plain value, so the counter, the kiosk and the citizen's pages write the
same events for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sync.domain.drafts import Draft, answer_recorded
from sync.domain.fold import JourneyState

CARD_FIELDS = (
    "citizen.name",
    "citizen.birth_date",
    "citizen.national_number",
    "citizen.nationality",
    "address.current",
)
"""The answers a card read fills, with source ``card``."""


@dataclass(frozen=True, slots=True)
class Identity:
    """Who the citizen is, as read from a card or typed by the mediator.

    Attributes:
        name: Full name as on the document.
        birth_date: ISO date.
        national_number: Digits only ("" when unknown).
        nationality: As written on the card ("" when unknown).
        address: The residence, as an ``address`` answer ({} when unknown).
        card_number: The card's number ("" when typed).
        method: ``card`` or ``manual``.
        read_from: Where it was read: the reader and the card profile.
    """

    name: str
    birth_date: str
    national_number: str = ""
    nationality: str = ""
    address: Mapping[str, str] = field(default_factory=dict)
    card_number: str = ""
    method: str = "manual"
    read_from: str = ""

    def answers(self) -> dict[str, Any]:
        """The card answers this identity gives (empty values left out)."""
        values: dict[str, Any] = {
            "citizen.name": self.name,
            "citizen.birth_date": self.birth_date,
            "citizen.national_number": self.national_number,
            "citizen.nationality": self.nationality,
            "address.current": dict(self.address) if self.address else None,
        }
        return {k: v for k, v in values.items() if v}


def identification(identity: Identity, state: JourneyState | None = None) -> list[Draft]:
    """The events identifying the citizen writes on a journey, in order.

    ``citizen.identified``, then each answer the identity gives that the journey
    does not already hold settled with the same value; each supersedes that
    field's heads (source ``card`` for a card, ``typed`` otherwise).

    Args:
        identity: Who the citizen is.
        state: The journey as it stands; None for one being started with them.
    """
    data: dict[str, Any] = {
        "method": identity.method,
        "name": identity.name,
        "birth_date": identity.birth_date,
    }
    for key in ("national_number", "card_number", "nationality"):
        value = getattr(identity, key)
        if value:
            data[key] = value
    drafts: list[Draft] = [("citizen.identified", data)]
    source = "card" if identity.method == "card" else "typed"
    held = state.answers if state is not None else {}
    for key, value in identity.answers().items():
        answer = held.get(key)
        if answer is not None and not answer.in_conflict and answer.value == value:
            continue
        heads = [h.event_id for h in answer.heads] if answer else []
        drafts.append(answer_recorded(key, value, source=source, supersedes=heads))
    return drafts


def birth_date_confirmed(state: JourneyState, day: str, month: str, year: str) -> bool:
    """Whether a date of birth given as day, month and year is the journey's citizen's.

    What the citizen confirms before a link or a reference shows their journey
    (at home and at a kiosk). A journey nobody was identified on never confirms.
    Blanks and leading zeros do not matter; anything that is not a date is wrong.
    """
    if state.citizen is None:
        return False
    try:
        given = (int(year.strip()), int(month.strip()), int(day.strip()))
        held = tuple(int(part) for part in state.citizen.birth_date.split("-"))
    except ValueError:
        return False
    return given == held
