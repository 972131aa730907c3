"""Messages of the kiosk App itself: small dataclasses named for what happened."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class CardPulled(Message):
    """The card left the reader (posted from the reader's thread)."""


@dataclass
class MediatorCalled(Message):
    """A mediator was called.

    Attributes:
        ticket: The call's number today (0 when the store could not record it).
        reason: Why the kiosk called by itself, if it did (``printer``, ``offline``, ``fault``).
    """

    ticket: int
    reason: str | None = None
