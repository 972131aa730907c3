"""Card readers: the ``CardReader``/``CardProfile`` protocols, the identity, errors and drivers.

Drivers: ``devices.cards.pcsc.PcscCardReader`` (pyscard) and
``devices.cards.simulated.SimulatedCardReader`` (demo cards). They are imported
from their modules so that importing this package does not load pyscard.
"""

from __future__ import annotations

from devices.cards.errors import (
    CardError,
    CardRemoved,
    CorruptCardFile,
    NoCard,
    NoReader,
    PhotoHashMismatch,
    ReaderUnavailable,
    UnknownCard,
)
from devices.cards.identity import Address, CardIdentity
from devices.cards.protocol import CardProfile, CardReader, ReaderState

__all__ = [
    "Address",
    "CardError",
    "CardIdentity",
    "CardProfile",
    "CardReader",
    "CardRemoved",
    "CorruptCardFile",
    "NoCard",
    "NoReader",
    "PhotoHashMismatch",
    "ReaderState",
    "ReaderUnavailable",
    "UnknownCard",
]
