"""The Belgian eID (BELPIC) card profile: select, read and parse the identity files.

Layout and encodings follow the Belgian eID middleware (Fedict/eid-mw):
``cardcomm/pkcs11/src/beid_p11.h`` (file paths, tags), ``common/tlvbuffer.cpp``
(TLV lengths), ``cardlayer/cardpluginbeid/beidcard.cpp`` (AIDs, GET CARD DATA),
``plugins_tools/eid-viewer/conversions/dob.cpp`` and ``valdate.cpp`` (date
formats) and the eid-viewer's ``eid_vwr_check_data_validity`` (photo hash algorithm by its length).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import time
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from devices.cards.apdu import SW_OK, Sleep, Transmit, read_file, select_aid, send
from devices.cards.errors import CorruptCardFile, PhotoHashMismatch
from devices.cards.identity import (
    HASH_BY_LENGTH,
    Address,
    BirthDate,
    CardIdentity,
    PartialDate,
    Sex,
)
from devices.cards.tlv import parse_tlv

BELPIC_AID = bytes.fromhex("A000000177504B43532D3135")
APPLET_AID = bytes.fromhex("A00000003029057000AD13100101FF")

ID_PATH = bytes.fromhex("3F00DF014031")
ADDRESS_PATH = bytes.fromhex("3F00DF014033")
PHOTO_PATH = bytes.fromhex("3F00DF014035")

ID_FILE = "identity file (3F00/DF01/4031)"
ADDRESS_FILE = "address file (3F00/DF01/4033)"
PHOTO_FILE = "photo file (3F00/DF01/4035)"

TAG_VERSION = 0x00
TAG_CARD_NUMBER = 0x01
TAG_CHIP_NUMBER = 0x02
TAG_VALID_FROM = 0x03
TAG_VALID_UNTIL = 0x04
TAG_ISSUING_MUNICIPALITY = 0x05
TAG_NATIONAL_NUMBER = 0x06
TAG_SURNAME = 0x07
TAG_FIRST_NAMES = 0x08
TAG_THIRD_INITIAL = 0x09
TAG_NATIONALITY = 0x0A
TAG_BIRTH_PLACE = 0x0B
TAG_BIRTH_DATE = 0x0C
TAG_SEX = 0x0D
TAG_NOBILITY = 0x0E
TAG_DOCUMENT_TYPE = 0x0F
TAG_SPECIAL_STATUS = 0x10
TAG_PHOTO_HASH = 0x11

TAG_ADDR_STREET = 0x01
TAG_ADDR_ZIP = 0x02
TAG_ADDR_MUNICIPALITY = 0x03

ID_TAG_NAMES = {
    TAG_VERSION: "file version",
    TAG_CARD_NUMBER: "card number",
    TAG_CHIP_NUMBER: "chip number",
    TAG_VALID_FROM: "validity begin",
    TAG_VALID_UNTIL: "validity end",
    TAG_ISSUING_MUNICIPALITY: "issuing municipality",
    TAG_NATIONAL_NUMBER: "national number",
    TAG_SURNAME: "surname",
    TAG_FIRST_NAMES: "first names",
    TAG_THIRD_INITIAL: "third initial",
    TAG_NATIONALITY: "nationality",
    TAG_BIRTH_PLACE: "birth place",
    TAG_BIRTH_DATE: "birth date",
    TAG_SEX: "sex",
    TAG_NOBILITY: "noble condition",
    TAG_DOCUMENT_TYPE: "document type",
    TAG_SPECIAL_STATUS: "special status",
    TAG_PHOTO_HASH: "photo hash",
    0x12: "duplicata",
    0x13: "special organisation",
    0x14: "member of family",
    0x15: "date and country of protection",
    0x16: "work permit",
    0x17: "employer VAT 1",
    0x18: "employer VAT 2",
    0x19: "regional file number",
    0x1A: "basic key hash",
}
ADDRESS_TAG_NAMES = {
    TAG_ADDR_STREET: "street and number",
    TAG_ADDR_ZIP: "postal code",
    TAG_ADDR_MUNICIPALITY: "municipality",
}

# Month abbreviations written on cards, after upper-casing and stripping accents.
# eid-mw's DobParser knows NL (JAN FEB MAAR APR MEI JUN JUL AUG SEP OKT NOV DEC),
# FR (JAN FEV MARS AVR MAI JUIN JUIL AOUT SEPT OCT NOV DEC),
# DE (JAN FEB MÄR APR MAI JUN JUL AUG SEP OKT NOV DEZ) and EN; a few common
# spellings (MRT, JANV, FEVR) are accepted too.
MONTHS: dict[str, int] = {
    "JAN": 1, "JANV": 1,
    "FEB": 2, "FEV": 2, "FEVR": 2,
    "MAAR": 3, "MRT": 3, "MARS": 3, "MAR": 3,
    "APR": 4, "AVR": 4,
    "MEI": 5, "MAI": 5, "MAY": 5,
    "JUN": 6, "JUIN": 6,
    "JUL": 7, "JUIL": 7,
    "AUG": 8, "AOUT": 8,
    "SEP": 9, "SEPT": 9,
    "OKT": 10, "OCT": 10,
    "NOV": 11,
    "DEC": 12, "DEZ": 12,
}  # fmt: skip

_BIRTH_DATE = re.compile(r"^\s*(\d{1,2})\s*[ .]\s*([^\W\d_]+)\.?\s*[ .]?\s*(\d{4})\s*$")
# Blank day (and month): eid-mw's DobParser maps a blank month to 0 and keeps a blank
# day; a year-only date is eight spaces and the year.
_BIRTH_MONTH_YEAR = re.compile(r"^[\s.]*([^\W\d_]+)\.?[\s.]*(\d{4})\s*$")
_BIRTH_YEAR = re.compile(r"^[\s.]*(\d{4})\s*$")
_VALIDITY_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})$")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _month(text: str, month_text: str, file: str) -> int:
    month = MONTHS.get(_fold(month_text))
    if month is None:
        raise CorruptCardFile(file, f"birth date {text!r} has an unknown month {month_text!r}")
    return month


def parse_birth_date(text: str, file: str = ID_FILE) -> BirthDate:
    """Parse a BELPIC birth date such as ``"01 JAN 1990"``, ``"15 MARS 1985"`` or ``"15.MÄR.1985"``.

    A date whose day (or day and month) the card leaves blank, such as
    ``"        1979"`` on the cards of foreigners born on an unknown day, is a
    ``PartialDate`` with what is known; someone completes it by hand.

    Raises:
        CorruptCardFile: the text holds no year, has a month that is not Dutch, French,
            German or English, or is a date that does not exist.
    """
    if (match := _BIRTH_YEAR.match(text)) is not None:
        return PartialDate(int(match.group(1)))
    if (match := _BIRTH_MONTH_YEAR.match(text)) is not None:
        month_text, year = match.groups()
        return PartialDate(int(year), _month(text, month_text, file))
    match = _BIRTH_DATE.match(text)
    if match is None:
        raise CorruptCardFile(
            file, f"birth date {text!r} is not a date (day, month and year, or a year)"
        )
    day, month_text, year = match.groups()
    month = _month(text, month_text, file)
    try:
        return dt.date(int(year), month, int(day))
    except ValueError as exc:
        raise CorruptCardFile(file, f"birth date {text!r} does not exist: {exc}") from None


def parse_validity_date(text: str, what: str, file: str = ID_FILE) -> dt.date:
    """Parse a validity date written ``DD.MM.YYYY``.

    Raises:
        CorruptCardFile: the text is not such a date.
    """
    match = _VALIDITY_DATE.match(text.strip())
    if match is None:
        raise CorruptCardFile(file, f"{what} {text!r} is not a DD.MM.YYYY date")
    day, month, year = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CorruptCardFile(file, f"{what} {text!r} does not exist: {exc}") from None


def parse_sex(text: str) -> Sex:
    """Map the card's sex letter (M; F, V or W for female) to ``M``/``F``/``X``."""
    letter = text.strip()[:1].upper()
    if letter == "M":
        return "M"
    if letter in ("F", "V", "W"):
        return "F"
    return "X"


def _text(
    fields: dict[int, bytes], tag: int, file: str, names: dict[int, str], required: bool = True
) -> str:
    label = names.get(tag, f"field 0x{tag:02X}")
    raw = fields.get(tag)
    if raw is None:
        if required:
            raise CorruptCardFile(file, f"the {label} (tag 0x{tag:02X}) is missing")
        return ""
    try:
        return raw.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise CorruptCardFile(file, f"the {label} is not valid UTF-8 text") from None


@dataclass(frozen=True, slots=True)
class IdFile:
    """The parsed identity file, before the photo is checked against it."""

    card_number: str
    chip_number: str
    valid_from: dt.date
    valid_until: dt.date
    issuing_municipality: str
    national_number: str
    surname: str
    given_names: str
    third_initial: str
    nationality: str
    birth_place: str
    birth_date: BirthDate
    sex: Sex
    photo_hash: bytes


def parse_id_file(data: bytes) -> IdFile:
    """Parse the identity file 3F00/DF01/4031.

    Raises:
        CorruptCardFile: a TLV length runs past the end, a required field is missing, or a
            field does not parse.
    """
    fields = parse_tlv(data, ID_FILE, ID_TAG_NAMES)

    def text(tag: int, required: bool = True) -> str:
        return _text(fields, tag, ID_FILE, ID_TAG_NAMES, required)

    national_number = text(TAG_NATIONAL_NUMBER)
    if not national_number.isdigit():
        raise CorruptCardFile(ID_FILE, f"national number {national_number!r} is not all digits")
    photo_hash = fields.get(TAG_PHOTO_HASH, b"")
    if len(photo_hash) not in HASH_BY_LENGTH:
        raise CorruptCardFile(
            ID_FILE, f"the photo hash is {len(photo_hash)} bytes; expected 20, 32 or 48"
        )
    return IdFile(
        card_number=text(TAG_CARD_NUMBER),
        chip_number=fields.get(TAG_CHIP_NUMBER, b"").hex().upper(),
        valid_from=parse_validity_date(text(TAG_VALID_FROM), "validity begin"),
        valid_until=parse_validity_date(text(TAG_VALID_UNTIL), "validity end"),
        issuing_municipality=text(TAG_ISSUING_MUNICIPALITY, required=False),
        national_number=national_number,
        surname=text(TAG_SURNAME),
        given_names=text(TAG_FIRST_NAMES),
        third_initial=text(TAG_THIRD_INITIAL, required=False),
        nationality=text(TAG_NATIONALITY),
        birth_place=text(TAG_BIRTH_PLACE),
        birth_date=parse_birth_date(text(TAG_BIRTH_DATE)),
        sex=parse_sex(text(TAG_SEX)),
        photo_hash=photo_hash,
    )


def parse_address_file(data: bytes) -> Address:
    """Parse the address file 3F00/DF01/4033.

    Raises:
        CorruptCardFile: a TLV length runs past the end or a field is missing.
    """
    fields = parse_tlv(data, ADDRESS_FILE, ADDRESS_TAG_NAMES)

    def text(tag: int) -> str:
        return _text(fields, tag, ADDRESS_FILE, ADDRESS_TAG_NAMES)

    return Address(
        street_and_number=text(TAG_ADDR_STREET),
        postal_code=text(TAG_ADDR_ZIP),
        municipality=text(TAG_ADDR_MUNICIPALITY),
    )


def identity_from_files(
    id_data: bytes, address_data: bytes, photo: bytes, profile: str
) -> CardIdentity:
    """Parse the three BELPIC files and check the photo against its hash.

    Args:
        id_data: the identity file.
        address_data: the address file.
        photo: the JPEG photo file.
        profile: the profile name to record in the identity.

    Returns:
        The complete identity; nothing is returned half-filled.

    Raises:
        CorruptCardFile: a file does not parse.
        PhotoHashMismatch: the photo's digest differs from the identity file's photo hash.
    """
    id_file = parse_id_file(id_data)
    address = parse_address_file(address_data)
    algorithm = HASH_BY_LENGTH[len(id_file.photo_hash)]
    digest = hashlib.new(algorithm, photo).digest()
    if digest != id_file.photo_hash:
        raise PhotoHashMismatch(
            f"the photo on the card ({len(photo)} bytes) does not match the {algorithm.upper()} "
            "hash in its identity file; the card may be damaged or forged"
        )
    return CardIdentity(
        card_number=id_file.card_number,
        national_number=id_file.national_number,
        surname=id_file.surname,
        given_names=id_file.given_names,
        nationality=id_file.nationality,
        birth_place=id_file.birth_place,
        birth_date=id_file.birth_date,
        sex=id_file.sex,
        valid_from=id_file.valid_from,
        valid_until=id_file.valid_until,
        address=address,
        photo=photo,
        photo_sha=id_file.photo_hash.hex(),
        photo_hash_algorithm=algorithm,
        profile=profile,
        issuing_municipality=id_file.issuing_municipality,
        third_initial=id_file.third_initial,
        chip_number=id_file.chip_number,
    )


APPLET_1_8 = 0x18
RESEND_WAIT_APPLET_1_8 = 0.050
"""Seconds eid-mw waits before re-sending a command a card answered ``6Cxx`` (``m_ul6CDelay``)."""
DEFAULT_RESEND_WAIT = 0.040
"""Seconds for other applets: the top of the 10-40 ms other readers wait."""


@dataclass(frozen=True, slots=True)
class ResendWaits:
    """How long to wait before re-sending a READ BINARY that the card answered ``6Cxx``.

    Older cards stop answering a command re-sent at once. The wait is paid once per
    file at most (the ``6Cxx`` comes at a file's end), three times a read.

    Attributes:
        by_applet: seconds by the applet version GET CARD DATA gives (``0x18`` for 1.8).
        default: seconds for every other applet, and when the card does not say.
    """

    by_applet: Mapping[int, float] = field(
        default_factory=lambda: MappingProxyType({APPLET_1_8: RESEND_WAIT_APPLET_1_8})
    )
    default: float = DEFAULT_RESEND_WAIT

    def for_applet(self, version: int | None) -> float:
        """The wait in seconds for a card with applet ``version`` (None: unknown)."""
        if version is None:
            return self.default
        return self.by_applet.get(version, self.default)


NO_RESEND_WAITS = ResendWaits(by_applet=MappingProxyType({}), default=0.0)
"""No waiting: for cards in memory, which answer at once whatever the pace."""


class BelpicProfile:
    """Reads Belgian eID cards (BELPIC applet 1.1 to 1.8).

    Args:
        resend_waits: the pause before re-sending a READ BINARY after ``6Cxx``, by
            applet; default 50 ms on applet 1.8 cards and 40 ms on others.
        sleep: how to wait (tests pass a recorder).
    """

    name = "belpic"

    def __init__(self, resend_waits: ResendWaits | None = None, sleep: Sleep = time.sleep) -> None:
        self.resend_waits = resend_waits if resend_waits is not None else ResendWaits()
        self._sleep = sleep

    def matches(self, atr: bytes, transmit: Transmit) -> bool:
        """Whether the card answers a SELECT of the BELPIC application.

        Like the middleware, retries after selecting the applet when the first SELECT
        answers 6A82/6A86. Blocks for a few APDUs.
        """
        sw = select_aid(transmit, BELPIC_AID)
        if sw in (0x6A82, 0x6A86):
            applet_sw = select_aid(transmit, APPLET_AID)
            if applet_sw >> 8 in (0x90, 0x61):
                sw = select_aid(transmit, BELPIC_AID)
        return sw == SW_OK

    def applet_version(self, transmit: Transmit) -> int | None:
        """The applet version from GET CARD DATA (byte 21), or None when the card will not say."""
        data, sw = send(transmit, [0x80, 0xE4, 0x00, 0x00, 0x1C])
        if sw != SW_OK or len(data) < 22:
            return None
        return data[21]

    def read(self, transmit: Transmit) -> CardIdentity:
        """Read and parse the identity, address and photo files.

        A birth date the card gives only in part (the year) is a ``PartialDate``; the
        rest of the identity is read all the same. Blocks for the duration of the read
        (a second or two on a real reader, with the ``resend_waits`` pauses).

        Raises:
            UnknownCard: a BELPIC file is missing.
            CorruptCardFile: a file does not read or parse.
            PhotoHashMismatch: the photo does not match its hash.
            CardRemoved: (from the transmit function) the card left mid-read.
        """
        version = self.applet_version(transmit)
        profile = self.name if version is None else f"{self.name}-{version >> 4}.{version & 0xF}"
        wait = self.resend_waits.for_applet(version)

        def read(path: bytes, file: str) -> bytes:
            return read_file(transmit, path, file, resend_wait=wait, sleep=self._sleep)

        id_data = read(ID_PATH, ID_FILE)
        address_data = read(ADDRESS_PATH, ADDRESS_FILE)
        photo = read(PHOTO_PATH, PHOTO_FILE)
        if not photo:
            raise CorruptCardFile(PHOTO_FILE, "the photo file is empty")
        return identity_from_files(id_data, address_data, photo, profile)
