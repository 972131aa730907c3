"""Plain functions for the command line: list readers, read one card."""

from __future__ import annotations

from devices.cards.identity import CardIdentity
from devices.cards.pcsc import PcscCardReader
from devices.cards.protocol import ReaderState


def list_readers_state(reader_substring: str = "") -> list[ReaderState]:
    """List the PC/SC readers whose name contains ``reader_substring``, with card state.

    Returns:
        Possibly empty list; does not block.

    Raises:
        ReaderUnavailable: pcscd is not running.
    """
    with PcscCardReader(reader_substring) as reader:
        return reader.list_readers()


def read_one(reader_substring: str = "", timeout: float = 30.0) -> CardIdentity:
    """Wait up to ``timeout`` seconds for a card in a matching reader, then read it.

    Blocks until the card is read or the timeout passes.

    Returns:
        The complete identity.

    Raises:
        ReaderUnavailable, NoReader, NoCard, CardRemoved, UnknownCard,
        CorruptCardFile, PhotoHashMismatch (all ``CardError``, with a ``title``).
    """
    with PcscCardReader(reader_substring) as reader:
        name = reader.wait_for_card(timeout)
        return reader.read(name)
