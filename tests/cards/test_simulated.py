"""The simulated reader: demo cards read by the same profile code, events from a thread."""

from __future__ import annotations

import threading

import pytest

from devices.cards import belpic
from devices.cards.demo import demo_cards, load_citizens
from devices.cards.errors import CorruptCardFile, NoCard, NoReader, PhotoHashMismatch, UnknownCard
from devices.cards.memcard import MemoryCard
from devices.cards.simulated import SimulatedCardReader


def test_every_demo_card_reads_and_matches_citizens_toml() -> None:
    reader = SimulatedCardReader()
    for key, record in load_citizens().items():
        reader.insert(key)
        identity = reader.read()
        assert (identity.surname, identity.given_names, identity.birth_date) == (
            record.surname,
            record.given_names,
            record.birth_date,
        )
        assert identity.national_number == record.national_number
        assert identity.address == record.address
        assert identity.photo_matches() is True


def test_citizens_cover_three_card_languages_and_both_hash_kinds() -> None:
    citizens = load_citizens().values()
    assert {c.language for c in citizens} == {"nl", "fr", "de"}
    assert {c.photo_hash_algorithm for c in citizens} == {"sha1", "sha384"}
    assert len(citizens) >= 5


def test_no_card_and_wrong_reader() -> None:
    reader = SimulatedCardReader()
    with pytest.raises(NoCard):
        reader.read()
    with pytest.raises(NoCard):
        reader.wait_for_card(timeout=0.05)
    with pytest.raises(NoReader):
        reader.read("some other reader")


def test_typed_errors_from_odd_cards() -> None:
    reader = SimulatedCardReader()
    image = demo_cards()["marie-peeters"]
    reader.insert_card(MemoryCard({}, aids=()))
    with pytest.raises(UnknownCard):
        reader.read()
    files = image.files()
    files[belpic.PHOTO_PATH] = b"\xff\xd8 not the photo"
    reader.insert_card(MemoryCard(files))
    with pytest.raises(PhotoHashMismatch):
        reader.read()
    files = image.files()
    files[belpic.ADDRESS_PATH] = image.address_file[:3]
    reader.insert_card(MemoryCard(files))
    with pytest.raises(CorruptCardFile, match="address file"):
        reader.read()


def test_watch_reports_present_card_insertions_and_removals_from_a_thread() -> None:
    reader = SimulatedCardReader()
    reader.insert("jurgen-muller")
    events: list[tuple[str, str]] = []
    threads: set[str] = set()
    done = threading.Event()

    def inserted(name: str, atr: bytes) -> None:
        threads.add(threading.current_thread().name)
        events.append(("in", name))

    def removed(name: str) -> None:
        events.append(("out", name))
        if len(events) == 4:
            done.set()

    reader.watch(inserted, removed)
    reader.remove()
    reader.insert("thi-lan-nguyen")
    reader.remove()
    assert done.wait(5)
    reader.close()
    name = reader.reader_name
    assert events == [("in", name), ("out", name), ("in", name), ("out", name)]
    assert threads == {"simulated-card-reader"}
    reader.insert("jurgen-muller")  # nothing is reported after unwatch
    assert len(events) == 4
