"""Reading cards through the real PC/SC stack: pyscard → pcscd → vpcd → a virtual BELPIC card."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.card_identity import identity_from_card
from devices.cards import belpic
from devices.cards.belpic import BelpicProfile, ResendWaits
from devices.cards.cardfiles import CardholderRecord, CardImage
from devices.cards.demo import FIXTURES_DIR, demo_cards, load_citizens
from devices.cards.diagnostics import list_readers_state, read_one
from devices.cards.errors import (
    CardRemoved,
    CorruptCardFile,
    NoCard,
    NoReader,
    PhotoHashMismatch,
    UnknownCard,
)
from devices.cards.identity import PartialDate
from devices.cards.memcard import MemoryCard
from devices.cards.pcsc import PcscCardReader
from sync.domain.identity import identification
from tests.cards.conftest import CardSlot, PcscStack

pytestmark = pytest.mark.pcsc

CITIZENS = load_citizens()
CARDS = demo_cards()


def memory_card(image: CardImage, **kwargs: object) -> MemoryCard:
    return MemoryCard(image.files(), applet_version=image.applet_version, **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def reader(pcsc_stack: PcscStack) -> Iterator[PcscCardReader]:
    with PcscCardReader(pcsc_stack.reader_name) as opened:
        yield opened


@pytest.mark.parametrize("key", list(CITIZENS))
def test_reads_every_demo_identity_with_every_field(
    pcsc_stack: PcscStack, slot: CardSlot, reader: PcscCardReader, key: str
) -> None:
    record: CardholderRecord = CITIZENS[key]
    slot.insert(memory_card(CARDS[key]))
    name = reader.wait_for_card(timeout=10)
    identity = reader.read(name)

    assert name == pcsc_stack.reader_name
    assert identity.profile == f"belpic-{record.applet_version >> 4}.{record.applet_version & 0xF}"
    assert identity.card_number == record.card_number
    assert identity.chip_number == record.chip_number
    assert identity.national_number == record.national_number
    assert identity.surname == record.surname
    assert identity.given_names == record.given_names
    assert identity.third_initial == record.third_initial
    assert identity.nationality == record.nationality
    assert identity.birth_place == record.birth_place
    assert identity.birth_date == record.birth_date
    assert identity.sex == record.sex
    assert identity.valid_from == record.valid_from
    assert identity.valid_until == record.valid_until
    assert identity.issuing_municipality == record.issuing_municipality
    assert identity.address == record.address
    photo = (FIXTURES_DIR / key / "photo.jpg").read_bytes()
    assert identity.photo == photo
    assert identity.photo_hash_algorithm == record.photo_hash_algorithm
    assert identity.photo_sha == hashlib.new(record.photo_hash_algorithm, photo).hexdigest()
    assert identity.to_public_dict()["photo"] == {
        "present": True,
        "size": len(photo),
        "hash_algorithm": record.photo_hash_algorithm,
        "hash": identity.photo_sha,
        "hash_ok": True,
    }


def test_a_card_holding_only_the_year_of_birth_gives_everything_else(
    slot: CardSlot, reader: PcscCardReader
) -> None:
    key = "amina-sesay"
    record, image = CITIZENS[key], CARDS[key]
    assert isinstance(record.birth_date, PartialDate) and record.birth_date.month is None
    year = f"{record.birth_date.year}".encode()
    # as the card holds it: tag 0x0C, 12 bytes, eight spaces and the year
    assert b"\x0c\x0c" + b" " * 8 + year in image.id_file
    slot.insert(memory_card(image))
    name = reader.wait_for_card(timeout=10)
    card = reader.read(name)

    assert card.birth_date == PartialDate(record.birth_date.year)
    assert not card.birth_date_complete
    assert card.to_public_dict()["birth_date"] == year.decode()
    assert (card.surname, card.given_names, card.national_number, card.card_number) == (
        record.surname,
        record.given_names,
        record.national_number,
        record.card_number,
    )
    assert (card.nationality, card.birth_place, card.sex) == (
        record.nationality,
        record.birth_place,
        record.sex,
    )
    assert card.address == record.address
    assert card.photo_matches() is True

    identity = identity_from_card(card, name)
    assert identity.name == f"{record.given_names} {record.surname}"
    assert identity.address == {
        "street": record.address.street_and_number,
        "postal_code": record.address.postal_code,
        "municipality": record.address.municipality,
    }
    assert identity.needs_birth_date
    assert (identity.birth_date, identity.birth_date_partial) == ("", year.decode())
    with pytest.raises(ValueError, match="incomplete"):
        identification(identity)  # nobody is identified with half a date
    completed = identity.with_birth_date(f"{year.decode()}-05-12")
    assert identification(completed)[0][1]["birth_date"] == f"{year.decode()}-05-12"


@pytest.mark.parametrize("key", ["jean-francois-dubois", "marie-peeters"])
def test_the_reader_waits_before_resending_a_read_answered_6cxx(
    slot: CardSlot,
    reader: PcscCardReader,
    key: str,
) -> None:
    record = CITIZENS[key]
    expected = ResendWaits().for_applet(record.applet_version)
    assert expected == (0.050 if record.applet_version == 0x18 else belpic.DEFAULT_RESEND_WAIT)
    virtual = slot.insert(memory_card(CARDS[key]))
    identity = reader.read(reader.wait_for_card(timeout=10))

    assert identity.national_number == record.national_number
    # no file is a multiple of 248 bytes: each ends with a 6Cxx, each re-sent as told
    assert len(virtual.resends) == 3
    assert all(resend.as_told for resend in virtual.resends)
    waited = [round(resend.waited * 1000, 1) for resend in virtual.resends]
    assert min(resend.waited for resend in virtual.resends) >= expected, waited


def test_the_wait_before_resending_is_configured_per_applet(
    pcsc_stack: PcscStack, slot: CardSlot
) -> None:
    image = CARDS["anneliese-schmitz"]  # applet 1.7
    waits = ResendWaits(by_applet={0x17: 0.120, 0x18: 0.0}, default=0.0)
    virtual = slot.insert(memory_card(image))
    with PcscCardReader(pcsc_stack.reader_name, profiles=(BelpicProfile(waits),)) as reader:
        reader.read(reader.wait_for_card(timeout=10))
    assert len(virtual.resends) == 3
    assert min(resend.waited for resend in virtual.resends) >= 0.120


def test_reads_a_card_that_ends_files_with_6282(slot: CardSlot, reader: PcscCardReader) -> None:
    slot.insert(memory_card(CARDS["thi-lan-nguyen"], short_read="6282"))
    identity = reader.read(reader.wait_for_card(timeout=10))
    assert identity.surname == "Nguyễn"


def test_diagnostics_read_one_and_list_readers(pcsc_stack: PcscStack, slot: CardSlot) -> None:
    slot.insert(memory_card(CARDS["jurgen-muller"]))
    identity = read_one(pcsc_stack.reader_name, timeout=10)
    states = {state.name: state for state in list_readers_state("virtual pcd")}
    assert identity.surname == "Müller"
    assert states[pcsc_stack.reader_name].card_present
    assert states[pcsc_stack.reader_name].atr == "3B9813400AA503010101AD1311"


def test_truncated_identity_file_is_a_corrupt_card_file(
    slot: CardSlot, reader: PcscCardReader
) -> None:
    image = CARDS["marie-peeters"]
    files = image.files()
    files[belpic.ID_PATH] = image.id_file[:-10]  # the photo hash now runs past the end
    slot.insert(MemoryCard(files))
    with pytest.raises(CorruptCardFile) as caught:
        reader.read(reader.wait_for_card(timeout=10))
    assert caught.value.file == belpic.ID_FILE
    assert "photo hash" in caught.value.detail
    assert "says 20 bytes" in caught.value.detail


def test_wrong_photo_hash_is_a_photo_hash_mismatch(slot: CardSlot, reader: PcscCardReader) -> None:
    image = CARDS["jean-francois-dubois"]
    files = image.files()
    files[belpic.PHOTO_PATH] = image.photo[:-1] + bytes([image.photo[-1] ^ 0xFF])
    slot.insert(MemoryCard(files, applet_version=0x18))
    with pytest.raises(PhotoHashMismatch, match="SHA384"):
        reader.read(reader.wait_for_card(timeout=10))


def test_card_removed_mid_read_is_a_clean_card_removed(
    slot: CardSlot, reader: PcscCardReader
) -> None:
    virtual = slot.insert(memory_card(CARDS["fatima-el-amrani"]), remove_after_reads=4)
    name = reader.wait_for_card(timeout=10)
    with pytest.raises(CardRemoved, match="taken out"):
        reader.read(name)
    assert virtual.removed.wait(5)
    slot.wait_until_empty()
    with pytest.raises(NoCard):
        reader.wait_for_card(timeout=0.3)


def test_unknown_card_is_an_unknown_card(slot: CardSlot, reader: PcscCardReader) -> None:
    other = MemoryCard({}, atr=bytes.fromhex("3B8F8001804F0CA000000306030001000000006A"), aids=())
    slot.insert(other)
    with pytest.raises(UnknownCard, match="3B8F8001"):
        reader.read(reader.wait_for_card(timeout=10))


def test_no_matching_reader_is_no_reader(pcsc_stack: PcscStack) -> None:
    with PcscCardReader("Brand X reader that is not connected") as absent:
        assert absent.list_readers() == []
        with pytest.raises(NoReader, match="Brand X"):
            absent.read()
        with pytest.raises(NoReader):
            absent.wait_for_card(timeout=1)


def test_reader_without_card_is_no_card(
    pcsc_stack: PcscStack, slot: CardSlot, reader: PcscCardReader
) -> None:
    with pytest.raises(NoCard):
        reader.wait_for_card(timeout=0.3)
    with pytest.raises(NoCard):
        reader.read(pcsc_stack.reader_name)


def test_watch_reports_insertion_and_removal(
    pcsc_stack: PcscStack, slot: CardSlot, reader: PcscCardReader
) -> None:
    inserted: list[tuple[str, bytes]] = []
    removed: list[str] = []
    got_in, got_out = threading.Event(), threading.Event()

    def on_inserted(name: str, atr: bytes) -> None:
        inserted.append((name, atr))
        got_in.set()

    def on_removed(name: str) -> None:
        removed.append(name)
        got_out.set()

    reader.watch(on_inserted, on_removed)
    try:
        virtual = slot.insert(memory_card(CARDS["anneliese-schmitz"]))
        assert got_in.wait(10), "no insertion reported"
        virtual.remove()
        assert got_out.wait(10), "no removal reported"
    finally:
        reader.unwatch()
    assert inserted == [(pcsc_stack.reader_name, bytes.fromhex("3B9813400AA503010101AD1311"))]
    assert removed == [pcsc_stack.reader_name]


def test_no_pcscd_is_reader_unavailable(tmp_path: Path) -> None:
    # The client library caches the socket path per process, hence a fresh one.
    code = (
        "from devices.cards.diagnostics import list_readers_state\n"
        "from devices.cards.errors import ReaderUnavailable\n"
        "try:\n"
        "    list_readers_state()\n"
        "except ReaderUnavailable as exc:\n"
        "    print(type(exc).__name__, exc.title)\n"
    )
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": str(tmp_path / "no-pcscd.comm")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.strip() == "ReaderUnavailable Card service not running"
