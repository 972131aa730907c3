"""The identity read from an eID card, as a frozen typed value."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

Sex = Literal["M", "F", "X"]
"""Sex as printed on the card: M, F, or X when the card says something else."""

HashAlgorithm = Literal["sha1", "sha256", "sha384"]

HASH_BY_LENGTH: dict[int, HashAlgorithm] = {20: "sha1", 32: "sha256", 48: "sha384"}
"""Photo-hash algorithm by digest length, as the Belgian eID middleware chooses it."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date of birth of which the card gives only part: the year, or the year and month.

    Real cards carry these: a foreigner whose day and month of birth are unknown has a
    card with blanks for them (BELPIC writes eight spaces and the year).

    Attributes:
        year: the year of birth.
        month: the month (1-12), or None when the card leaves it blank.
    """

    year: int
    month: int | None = None

    def isoformat(self) -> str:
        """The known part as an ISO 8601 date of reduced precision: ``"1979"`` or ``"1979-04"``."""
        if self.month is None:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"


BirthDate: TypeAlias = dt.date | PartialDate
"""A date of birth as a card gives it: complete, or only partly known."""


@dataclass(frozen=True, slots=True)
class Address:
    """The holder's main residence as stored on the card."""

    street_and_number: str
    postal_code: str
    municipality: str


@dataclass(frozen=True, slots=True)
class CardIdentity:
    """Everything a card profile reads from one card, fully parsed and checked.

    Attributes:
        card_number: the document number printed on the card.
        national_number: the holder's national register number (digits only).
        surname: family name(s).
        given_names: all given names, space separated, as on the card.
        nationality: nationality as written on the card (e.g. ``"Belg"``).
        birth_place: place of birth as written on the card.
        birth_date: date of birth; a ``PartialDate`` when the card gives only part of it
            (someone must then complete it; see ``birth_date_complete``).
        sex: ``"M"``, ``"F"`` or ``"X"``.
        valid_from: first day of validity.
        valid_until: last day of validity.
        address: the residence address.
        photo: the JPEG photo, or None when the profile has none.
        photo_sha: hex digest of the photo as the card states it ("" without photo).
        photo_hash_algorithm: algorithm of ``photo_sha``, chosen by its length.
        profile: name of the profile that read the card (e.g. ``"belpic-1.7"``).
        issuing_municipality: where the card was issued ("" when unknown).
        third_initial: first letter of the third given name ("" when none).
        chip_number: the chip serial number as hex ("" when unknown).
    """

    card_number: str
    national_number: str
    surname: str
    given_names: str
    nationality: str
    birth_place: str
    birth_date: BirthDate
    sex: Sex
    valid_from: dt.date
    valid_until: dt.date
    address: Address
    photo: bytes | None
    photo_sha: str
    photo_hash_algorithm: HashAlgorithm | None
    profile: str
    issuing_municipality: str = ""
    third_initial: str = ""
    chip_number: str = ""

    @property
    def birth_date_complete(self) -> bool:
        """Whether the card gives the whole date of birth (day, month and year)."""
        return isinstance(self.birth_date, dt.date)

    def photo_matches(self) -> bool | None:
        """Whether the photo matches ``photo_sha``; None when there is no photo."""
        if self.photo is None or self.photo_hash_algorithm is None:
            return None
        return hashlib.new(self.photo_hash_algorithm, self.photo).hexdigest() == self.photo_sha

    def to_public_dict(self) -> dict[str, Any]:
        """A JSON-ready view: dates as ISO strings, the photo as its size and hash check.

        A partly known birth date is its known part (``"1979"``), and
        ``birth_date_complete`` says which it is.

        Returns:
            A dict of plain str/int/bool/None values and nested dicts; no bytes.
        """
        return {
            "profile": self.profile,
            "card_number": self.card_number,
            "chip_number": self.chip_number,
            "national_number": self.national_number,
            "surname": self.surname,
            "given_names": self.given_names,
            "third_initial": self.third_initial,
            "nationality": self.nationality,
            "birth_place": self.birth_place,
            "birth_date": self.birth_date.isoformat(),
            "birth_date_complete": self.birth_date_complete,
            "sex": self.sex,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat(),
            "issuing_municipality": self.issuing_municipality,
            "address": {
                "street_and_number": self.address.street_and_number,
                "postal_code": self.address.postal_code,
                "municipality": self.address.municipality,
            },
            "photo": {
                "present": self.photo is not None,
                "size": len(self.photo) if self.photo is not None else 0,
                "hash_algorithm": self.photo_hash_algorithm,
                "hash": self.photo_sha,
                "hash_ok": self.photo_matches(),
            },
        }
