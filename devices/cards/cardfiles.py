"""Build BELPIC card files from an identity: the inverse of the parser in ``belpic``.

Used to make the demo card images in fixtures/cards, by the simulated reader and
by the virtual card in the tests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from devices.cards import belpic
from devices.cards.identity import Address, BirthDate, HashAlgorithm
from devices.cards.tlv import build_tlv

CardLanguage = Literal["nl", "fr", "de"]

# How the card writes months, per language (eid-mw DobParser/DobWriter).
MONTHS_ON_CARD: dict[CardLanguage, tuple[str, ...]] = {
    "nl": ("JAN", "FEB", "MAAR", "APR", "MEI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEC"),
    "fr": ("JAN", "FEV", "MARS", "AVR", "MAI", "JUIN", "JUIL", "AOUT", "SEPT", "OCT", "NOV", "DEC"),
    "de": ("JAN", "FEB", "MÄR", "APR", "MAI", "JUN", "JUL", "AUG", "SEP", "OKT", "NOV", "DEZ"),
}
SEX_ON_CARD: dict[CardLanguage, dict[str, str]] = {
    "nl": {"M": "M", "F": "V", "X": "X"},
    "fr": {"M": "M", "F": "F", "X": "X"},
    "de": {"M": "M", "F": "W", "X": "X"},
}
ADDRESS_FILE_SIZE = 117  # address files are zero-padded to a fixed size on the card


def format_birth_date(date: BirthDate, language: CardLanguage) -> str:
    """Write a birth date as a card in that language does: ``"07 MAAR 1987"``, ``"07.MÄR.1987"``.

    A year alone is eight spaces and the year (``"        1979"``), as on the cards of
    foreigners whose day and month of birth are unknown; a blank day is two spaces.
    """
    if isinstance(date, dt.date):
        day, month_number = f"{date.day:02d}", date.month
    elif date.month is None:
        return f"{'':8}{date.year:04d}"
    else:
        day, month_number = "  ", date.month
    month = MONTHS_ON_CARD[language][month_number - 1]
    separator = "." if language == "de" else " "
    return f"{day}{separator}{month}{separator}{date.year:04d}"


def format_validity_date(date: dt.date) -> str:
    """Write a validity date as ``DD.MM.YYYY``."""
    return f"{date.day:02d}.{date.month:02d}.{date.year:04d}"


@dataclass(frozen=True, slots=True)
class CardholderRecord:
    """What goes on a demo card: the identity data plus how the card writes it."""

    card_number: str
    chip_number: str
    national_number: str
    surname: str
    given_names: str
    third_initial: str
    nationality: str
    birth_place: str
    birth_date: BirthDate
    sex: Literal["M", "F", "X"]
    valid_from: dt.date
    valid_until: dt.date
    issuing_municipality: str
    address: Address
    language: CardLanguage
    applet_version: int = 0x17
    photo_hash_algorithm: HashAlgorithm = "sha1"


def build_id_file(
    record: CardholderRecord, photo: bytes, birth_date_text: str | None = None
) -> bytes:
    """Build the identity file (3F00/DF01/4031) for ``record`` and its photo.

    Args:
        record: the card holder.
        photo: the JPEG the photo hash is computed over.
        birth_date_text: override the birth date text (tests write odd forms with it).
    """
    utf8 = str.encode
    fields: list[tuple[int, bytes]] = [
        (belpic.TAG_CARD_NUMBER, utf8(record.card_number)),
        (belpic.TAG_CHIP_NUMBER, bytes.fromhex(record.chip_number)),
        (belpic.TAG_VALID_FROM, utf8(format_validity_date(record.valid_from))),
        (belpic.TAG_VALID_UNTIL, utf8(format_validity_date(record.valid_until))),
        (belpic.TAG_ISSUING_MUNICIPALITY, utf8(record.issuing_municipality)),
        (belpic.TAG_NATIONAL_NUMBER, utf8(record.national_number)),
        (belpic.TAG_SURNAME, utf8(record.surname)),
        (belpic.TAG_FIRST_NAMES, utf8(record.given_names)),
        (belpic.TAG_THIRD_INITIAL, utf8(record.third_initial)),
        (belpic.TAG_NATIONALITY, utf8(record.nationality)),
        (belpic.TAG_BIRTH_PLACE, utf8(record.birth_place)),
        (
            belpic.TAG_BIRTH_DATE,
            utf8(birth_date_text or format_birth_date(record.birth_date, record.language)),
        ),
        (belpic.TAG_SEX, utf8(SEX_ON_CARD[record.language][record.sex])),
        (belpic.TAG_NOBILITY, b""),
        (belpic.TAG_DOCUMENT_TYPE, b"01"),
        (belpic.TAG_SPECIAL_STATUS, b"0"),
        (belpic.TAG_PHOTO_HASH, hashlib.new(record.photo_hash_algorithm, photo).digest()),
    ]
    if record.applet_version >= 0x18:
        fields = [(belpic.TAG_VERSION, b"\x01"), *fields]
    return build_tlv(fields)


def build_address_file(address: Address) -> bytes:
    """Build the address file (3F00/DF01/4033), zero-padded like the card's."""
    data = build_tlv(
        [
            (belpic.TAG_ADDR_STREET, address.street_and_number.encode()),
            (belpic.TAG_ADDR_ZIP, address.postal_code.encode()),
            (belpic.TAG_ADDR_MUNICIPALITY, address.municipality.encode()),
        ]
    )
    return data + bytes(max(0, ADDRESS_FILE_SIZE - len(data)))


@dataclass(frozen=True, slots=True)
class CardImage:
    """The files of one BELPIC card, as bytes."""

    id_file: bytes
    address_file: bytes
    photo: bytes
    applet_version: int = 0x17

    def files(self) -> dict[bytes, bytes]:
        """The files by absolute path (``3F00DF014031`` ...)."""
        return {
            belpic.ID_PATH: self.id_file,
            belpic.ADDRESS_PATH: self.address_file,
            belpic.PHOTO_PATH: self.photo,
        }


def build_card(record: CardholderRecord, photo: bytes) -> CardImage:
    """Build all three files of a card for ``record``."""
    return CardImage(
        id_file=build_id_file(record, photo),
        address_file=build_address_file(record.address),
        photo=photo,
        applet_version=record.applet_version,
    )
