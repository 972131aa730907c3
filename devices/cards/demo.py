"""Demo citizens and their card images under fixtures/cards/."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any, cast

from devices.cards.cardfiles import CardholderRecord, CardImage, CardLanguage
from devices.cards.errors import CorruptCardFile
from devices.cards.identity import Address, BirthDate, HashAlgorithm, PartialDate

FIXTURES_DIR = Path(__file__).resolve().parents[2] / "fixtures" / "cards"
"""fixtures/cards/ in the source tree."""

ID_FILE_NAME = "id.bin"
ADDRESS_FILE_NAME = "address.bin"
PHOTO_FILE_NAME = "photo.jpg"


def _date(value: Any, key: str) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    raise ValueError(f"{key} must be a TOML date (YYYY-MM-DD), got {value!r}")


def _birth_date(value: Any) -> BirthDate:
    if isinstance(value, int) and not isinstance(value, bool):
        return PartialDate(value)  # a card that holds only the year
    return _date(value, "birth_date")


def load_citizens(path: Path | None = None) -> dict[str, CardholderRecord]:
    """Read ``citizens.toml``: the demo card holders by their short key.

    A ``birth_date`` is a TOML date, or a bare year for a card that holds only the year.

    Raises:
        ValueError: a citizen entry lacks a key or has a wrong type (names the entry).
    """
    path = path or FIXTURES_DIR / "citizens.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    records: dict[str, CardholderRecord] = {}
    for entry in data.get("citizen", []):
        key = entry.get("key", "?")
        try:
            records[key] = CardholderRecord(
                card_number=str(entry["card_number"]),
                chip_number=str(entry["chip_number"]),
                national_number=str(entry["national_number"]),
                surname=str(entry["surname"]),
                given_names=str(entry["given_names"]),
                third_initial=str(entry.get("third_initial", "")),
                nationality=str(entry["nationality"]),
                birth_place=str(entry["birth_place"]),
                birth_date=_birth_date(entry["birth_date"]),
                sex=entry["sex"],
                valid_from=_date(entry["valid_from"], "valid_from"),
                valid_until=_date(entry["valid_until"], "valid_until"),
                issuing_municipality=str(entry["issuing_municipality"]),
                address=Address(
                    street_and_number=str(entry["address"]["street_and_number"]),
                    postal_code=str(entry["address"]["postal_code"]),
                    municipality=str(entry["address"]["municipality"]),
                ),
                language=cast(CardLanguage, entry["card_language"]),
                applet_version=int(entry.get("applet_version", 0x17)),
                photo_hash_algorithm=cast(HashAlgorithm, entry.get("photo_hash", "sha1")),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(f"{path}: citizen {key!r}: {exc}") from exc
    return records


def load_card_image(directory: Path, applet_version: int = 0x17) -> CardImage:
    """Read one card's files (``id.bin``, ``address.bin``, ``photo.jpg``) from ``directory``.

    Raises:
        CorruptCardFile: a file is missing.
    """
    try:
        return CardImage(
            id_file=(directory / ID_FILE_NAME).read_bytes(),
            address_file=(directory / ADDRESS_FILE_NAME).read_bytes(),
            photo=(directory / PHOTO_FILE_NAME).read_bytes(),
            applet_version=applet_version,
        )
    except OSError as exc:
        raise CorruptCardFile(f"demo card {directory.name}", f"cannot read: {exc}") from exc


def demo_cards(directory: Path | None = None) -> dict[str, CardImage]:
    """All demo card images by citizen key, in citizens.toml order."""
    directory = directory or FIXTURES_DIR
    citizens = load_citizens(directory / "citizens.toml")
    return {
        key: load_card_image(directory / key, record.applet_version)
        for key, record in citizens.items()
    }
