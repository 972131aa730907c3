"""Unit tests for SELECT and chunked READ BINARY over an in-memory transmit."""

from __future__ import annotations

import pytest

from devices.cards.apdu import read_binary, read_file, select_path
from devices.cards.belpic import NO_RESEND_WAITS, BelpicProfile, ResendWaits
from devices.cards.demo import demo_cards
from devices.cards.errors import CorruptCardFile, UnknownCard
from devices.cards.memcard import MemoryCard

PATH = bytes.fromhex("3F00DF014035")


class Recorder:
    """Wraps a card's transmit and keeps every command, and every pause between them."""

    def __init__(self, card: MemoryCard) -> None:
        self.card = card
        self.commands: list[list[int]] = []
        self.log: list[str | float] = []  # "B0 F8 -> 6C A5", then a pause, ...

    def __call__(self, apdu: list[int]) -> tuple[list[int], int, int]:
        self.commands.append(apdu)
        data, sw1, sw2 = self.card.transmit(apdu)
        self.log.append(f"{apdu[1]:02X} {apdu[-1]:02X} -> {sw1:02X} {sw2:02X}")
        return data, sw1, sw2

    def sleep(self, seconds: float) -> None:
        self.log.append(seconds)


@pytest.mark.parametrize("size", [0, 1, 247, 248, 249, 496, 1000, 3064])
def test_reads_whole_file_in_chunks_honouring_6cxx(size: int) -> None:
    data = bytes(i % 251 for i in range(size))
    transmit = Recorder(MemoryCard({PATH: data}))
    assert read_file(transmit, PATH, "photo file") == data
    reads = [c for c in transmit.commands if c[1] == 0xB0]
    assert all(c[4] == 0xF8 or c[4] == size % 0xF8 for c in reads)
    if size % 0xF8:
        # asked 248 past the end, got 6Cxx, asked again with xx
        assert reads[-2][4] == 0xF8 and reads[-1][4] == size % 0xF8
    elif size:
        # exact multiple: the read at the end offset gets 6B00
        assert ((reads[-1][2] << 8) | reads[-1][3]) == size


def test_reads_a_card_that_answers_6282_at_the_end() -> None:
    data = bytes(range(256)) * 3
    transmit = Recorder(MemoryCard({PATH: data}, short_read="6282"))
    assert read_file(transmit, PATH, "photo file") == data
    assert not any(c[4] != 0xF8 for c in transmit.commands if c[1] == 0xB0)


def test_small_chunks() -> None:
    data = b"0123456789"
    assert read_file(MemoryCard({PATH: data}).transmit, PATH, "f", chunk=3) == data


def test_select_by_file_id_within_current_df() -> None:
    card = MemoryCard({PATH: b"photo"})
    assert card.process(bytes.fromhex("00A4020C02DF01"))[-2:] == b"\x90\x00"
    assert card.process(bytes.fromhex("00A4020C024035"))[-2:] == b"\x90\x00"
    assert card.process(bytes.fromhex("00B0000005")) == b"photo\x90\x00"


def test_missing_file_is_unknown_card() -> None:
    with pytest.raises(UnknownCard, match="photo file"):
        select_path(MemoryCard({}).transmit, PATH, "photo file")


def test_unexpected_status_is_corrupt_file() -> None:
    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        return [], 0x69, 0x82  # security status not satisfied

    with pytest.raises(CorruptCardFile, match="reading at byte 0 failed with status 6982"):
        read_binary(transmit, "identity file")


def test_get_response_is_fetched_for_61xx() -> None:
    answers = iter([([], 0x61, 0x02), ([0xAB, 0xCD], 0x90, 0x00), ([], 0x6B, 0x00)])
    sent: list[list[int]] = []

    def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
        sent.append(apdu)
        return next(answers)

    assert read_binary(transmit, "f", chunk=2) == b"\xab\xcd"
    assert sent[1] == [0x00, 0xC0, 0x00, 0x00, 0x02]


def test_a_6cxx_answer_is_re_sent_after_the_wait() -> None:
    data = bytes(300)
    transmit = Recorder(MemoryCard({PATH: data}))
    assert read_file(transmit, PATH, "photo file", resend_wait=0.05, sleep=transmit.sleep) == data
    assert transmit.log[-4:] == ["B0 F8 -> 90 00", "B0 F8 -> 6C 34", 0.05, "B0 34 -> 90 00"]


def test_no_wait_without_a_6cxx() -> None:
    transmit = Recorder(MemoryCard({PATH: bytes(248)}))
    read_file(transmit, PATH, "photo file", resend_wait=0.05, sleep=transmit.sleep)
    assert not [entry for entry in transmit.log if isinstance(entry, float)]


@pytest.mark.parametrize(("applet", "wait"), [(0x18, 0.050), (0x17, 0.040), (0x11, 0.040)])
def test_the_belpic_profile_waits_by_applet(applet: int, wait: float) -> None:
    image = demo_cards()["marie-peeters"]
    transmit = Recorder(MemoryCard(image.files(), applet_version=applet))
    BelpicProfile(sleep=transmit.sleep).read(transmit)
    assert [entry for entry in transmit.log if isinstance(entry, float)] == [wait] * 3


def test_the_waits_are_configured_per_applet_and_can_be_switched_off() -> None:
    waits = ResendWaits(by_applet={0x17: 0.2}, default=0.01)
    assert (waits.for_applet(0x17), waits.for_applet(0x18), waits.for_applet(None)) == (
        0.2,
        0.01,
        0.01,
    )
    image = demo_cards()["marie-peeters"]
    transmit = Recorder(MemoryCard(image.files()))
    BelpicProfile(NO_RESEND_WAITS, sleep=transmit.sleep).read(transmit)
    assert not [entry for entry in transmit.log if isinstance(entry, float)]
    assert sum("-> 6C" in str(entry) for entry in transmit.log) == 3  # re-sent at once


def test_a_card_that_will_not_say_its_applet_gets_the_default_wait() -> None:
    image = demo_cards()["marie-peeters"]
    transmit = Recorder(MemoryCard(image.files()))

    def no_card_data(apdu: list[int]) -> tuple[list[int], int, int]:
        if apdu[:2] == [0x80, 0xE4]:
            return [], 0x6D, 0x00
        return transmit(apdu)

    sleeps: list[float] = []
    identity = BelpicProfile(sleep=sleeps.append).read(no_card_data)
    assert identity.profile == "belpic"  # no version known
    assert sleeps == [0.040] * 3
