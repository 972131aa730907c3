"""Who the citizen is, as a card gives it or a mediator types it, and what identifying
them writes on a journey.

Reading a card is the app's business (``app.card_identity``); here the identity
is a plain value, so the counter, the kiosk and the citizen's pages write the
same events for it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
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

    A card may give only part of the date of birth (real foreigners' cards hold only
    the year): ``birth_date`` is then "" and ``birth_date_partial`` the part it
    gives, and the citizen cannot be identified until someone completes the date
    (``with_birth_date``); everything else on the card is kept meanwhile.

    Attributes:
        name: Full name as on the document.
        birth_date: ISO date; "" while only ``birth_date_partial`` is known.
        national_number: Digits only ("" when unknown).
        nationality: As written on the card ("" when unknown).
        address: The residence, as an ``address`` answer ({} when unknown).
        card_number: The card's number ("" when typed).
        method: ``card`` or ``manual``.
        read_from: Where it was read: the reader and the card profile.
        birth_date_partial: The part of the date of birth the card gives when it does
            not give all of it, as an ISO 8601 date of reduced precision (``"1979"``,
            ``"1979-04"``); "" when the card gave the whole date or it was typed.
            It stays set once the date is completed: the rest was typed.
    """

    name: str
    birth_date: str
    national_number: str = ""
    nationality: str = ""
    address: Mapping[str, str] = field(default_factory=dict)
    card_number: str = ""
    method: str = "manual"
    read_from: str = ""
    birth_date_partial: str = ""

    @property
    def needs_birth_date(self) -> bool:
        """Whether the date of birth is yet to be completed (not a full ISO date)."""
        return not _full_date(self.birth_date)

    def accepts_birth_date(self, birth_date: str) -> bool:
        """Whether ``birth_date`` (ISO) is a full date that agrees with what the card gives."""
        if not _full_date(birth_date):
            return False
        known = self.birth_date_partial
        return not known or birth_date.startswith(f"{known}-")

    def with_birth_date(self, birth_date: str) -> Identity:
        """This identity with its date of birth completed.

        Raises:
            ValueError: ``birth_date`` is not a full ISO date, or not within the part
                the card gives (``accepts_birth_date``).
        """
        if not self.accepts_birth_date(birth_date):
            raise ValueError(
                f"date of birth {birth_date!r} does not complete {self.birth_date_partial!r}"
            )
        return dataclasses.replace(self, birth_date=birth_date)

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
    field's heads (source ``card`` for a card, ``typed`` otherwise, and ``typed``
    for a date of birth the card gave only in part).

    Args:
        identity: Who the citizen is.
        state: The journey as it stands; None for one being started with them.

    Raises:
        ValueError: The date of birth is not a full ISO date (``needs_birth_date``):
            ``citizen.identified`` always carries one.
    """
    if identity.needs_birth_date:
        known = identity.birth_date_partial or identity.birth_date
        raise ValueError(f"the date of birth is incomplete ({known!r}); complete it first")
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
        typed = key == "citizen.birth_date" and identity.birth_date_partial
        drafts.append(
            answer_recorded(key, value, source="typed" if typed else source, supersedes=heads)
        )
    return drafts


def _full_date(text: str) -> bool:
    try:
        return dt.date.fromisoformat(text).isoformat() == text
    except ValueError:
        return False


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
