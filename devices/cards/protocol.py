"""The interfaces of card readers and card profiles.

A ``CardReader`` is a driver (PC/SC, simulated); a ``CardProfile`` knows one kind
of card. Adding another country's card is one new profile module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from devices.cards.apdu import Transmit
from devices.cards.identity import CardIdentity


@dataclass(frozen=True, slots=True)
class ReaderState:
    """A reader and whether it holds a card.

    Attributes:
        name: the reader's name as the driver reports it.
        card_present: whether a card is in the reader.
        atr: the card's answer-to-reset as hex ("" without card).
    """

    name: str
    card_present: bool
    atr: str = ""


CardInserted = Callable[[str, bytes], None]
"""Called as ``(reader_name, atr)`` when a card arrives."""
CardRemovedCallback = Callable[[str], None]
"""Called as ``(reader_name)`` when a card leaves."""
ReaderChanged = Callable[[list[str]], None]
"""Called with the current reader names when readers come or go."""


class CardProfile(Protocol):
    """Knows how to recognise and read one kind of identity card."""

    name: str
    """Short profile name, e.g. ``"belpic"``."""

    def matches(self, atr: bytes, transmit: Transmit) -> bool:
        """Whether the card is of this kind.

        Args:
            atr: the card's answer-to-reset.
            transmit: the channel to the card, for application selection.

        Returns:
            True when this profile can read the card. Blocks for a few APDUs.
            May raise ``CardRemoved`` from ``transmit``.
        """
        ...

    def read(self, transmit: Transmit) -> CardIdentity:
        """Read the whole identity; called only after ``matches`` returned True.

        Returns:
            The identity with every file read and checked (never half-filled); a
            birth date the card holds only in part is a ``PartialDate``.

        Raises:
            CorruptCardFile, PhotoHashMismatch, UnknownCard, CardRemoved. Blocks.
        """
        ...


class CardReader(Protocol):
    """One card reader (or all readers whose name matches a substring).

    Open it before use and close it when done; nothing relies on ``__del__``.
    Callbacks run on the driver's monitoring thread: a UI must hand them over to
    its own thread (e.g. Textual's ``post_message``) and must not block in them.
    """

    def open(self) -> None:
        """Connect to the card service.

        Raises:
            ReaderUnavailable: the service (pcscd) is not running. Does not block long.
        """
        ...

    def close(self) -> None:
        """Stop watching and release the card service. Safe to call twice."""
        ...

    def list_readers(self) -> list[ReaderState]:
        """The readers this object would use, with their card state.

        Returns:
            Possibly empty list. Raises ``ReaderUnavailable``. Does not block long.
        """
        ...

    def wait_for_card(self, timeout: float) -> str:
        """Block until a card is in a matching reader, at most ``timeout`` seconds.

        Returns:
            The reader name.

        Raises:
            NoReader: no matching reader. NoCard: no card before the timeout.
            ReaderUnavailable: the service is down.
        """
        ...

    def watch(
        self,
        on_inserted: CardInserted,
        on_removed: CardRemovedCallback,
        on_readers: ReaderChanged | None = None,
    ) -> None:
        """Start reporting insertions and removals from a background thread.

        Cards already present are reported as inserted. Returns at once.
        """
        ...

    def unwatch(self) -> None:
        """Stop reporting. Returns at once; no callback runs after it returns."""
        ...

    def read(self, reader_name: str | None = None) -> CardIdentity:
        """Read the card with the first profile that matches it.

        Args:
            reader_name: the reader to read; default the first matching reader.

        Returns:
            The complete identity.

        Raises:
            NoReader, NoCard, CardRemoved, UnknownCard, CorruptCardFile,
            PhotoHashMismatch, ReaderUnavailable. Blocks for the read (about a second).
        """
        ...
