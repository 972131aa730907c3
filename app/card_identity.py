"""The identity a card read gives: the device's card fields as the domain's ``Identity``."""

from __future__ import annotations

import datetime as dt

from devices.cards.identity import CardIdentity
from sync.domain.identity import Identity


def identity_from_card(card: CardIdentity, reader_name: str) -> Identity:
    """The identity of a card as a reader read it.

    A birth date the card gives only in part leaves ``birth_date`` empty and its known
    part in ``birth_date_partial``: the identity ``needs_birth_date`` before it can
    identify anyone.
    """
    complete = isinstance(card.birth_date, dt.date)
    return Identity(
        name=f"{card.given_names} {card.surname}".strip(),
        birth_date=card.birth_date.isoformat() if complete else "",
        national_number=card.national_number,
        nationality=card.nationality,
        address={
            "street": card.address.street_and_number,
            "postal_code": card.address.postal_code,
            "municipality": card.address.municipality,
        },
        card_number=card.card_number,
        method="card",
        read_from=f"{reader_name} · {card.profile}",
        birth_date_partial="" if complete else card.birth_date.isoformat(),
    )
