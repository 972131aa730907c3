"""Typed card-reader errors, each with a message a mediator can act on.

- ``CardError(DeviceError)``: base of every card-reader failure.
  - ``ReaderUnavailable``: the PC/SC service (pcscd) is not running or not reachable.
  - ``NoReader``: no reader is connected, or none matches the configured name.
  - ``NoCard``: the reader is there but holds no card (or none came before the timeout).
  - ``CardRemoved``: the card was pulled out while it was being read.
  - ``UnknownCard``: a card is present but no profile knows how to read it.
  - ``CorruptCardFile``: a file on the card does not parse (names the file and what is wrong).
  - ``PhotoHashMismatch``: the photo does not match the hash the identity file carries.

Drivers translate vendor exceptions where they enter (``raise CardRemoved(...) from exc``);
nothing above ``devices.cards`` sees pyscard's exceptions.
"""

from __future__ import annotations

from devices.errors import DeviceError


class CardError(DeviceError):
    """Base of every card-reader error."""

    title = "Card reader problem"


class ReaderUnavailable(CardError):
    """The smart-card service (pcscd) cannot be reached."""

    title = "Card service not running"


class NoReader(CardError):
    """No card reader is connected, or none matches the configured name."""

    title = "No card reader"


class NoCard(CardError):
    """The reader holds no card."""

    title = "No card in the reader"


class CardRemoved(CardError):
    """The card was removed while it was being read; nothing was kept."""

    title = "Card removed during reading"


class UnknownCard(CardError):
    """The card in the reader is not a kind this app can read."""

    title = "Card not recognised"


class CorruptCardFile(CardError):
    """A file on the card is malformed.

    Attributes:
        file: the card file, e.g. ``"identity file (3F00/DF01/4031)"``.
        detail: what is wrong with it.
    """

    title = "Card data unreadable"

    def __init__(self, file: str, detail: str) -> None:
        super().__init__(f"{file}: {detail}")
        self.file = file
        self.detail = detail


class PhotoHashMismatch(CardError):
    """The photo read from the card does not match the hash in its identity file."""

    title = "Card photo does not match"
