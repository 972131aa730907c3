"""What a message driver is: one ``send`` that delivers or says why not, and how badly.

A driver sends one ``Outgoing`` at a time from the notifier's thread (it may
block). ``meanwhile``, when given, is what the notifier still has to do before this
message may be delivered (commit the message sent before it): the driver calls it
exactly once, before the receiver can accept the message, and may overlap it with
what comes before that (SMTP: the envelope). It raises ``DeliveryError``:
``permanent`` when trying again cannot help (the server refused the recipient),
else a passing failure worth a retry (a refused connection, a 5xx). The reason
never holds the address (``scrub``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sync.domain.events import ContactChannel
from sync.errors import SyncError


@dataclass(frozen=True, slots=True)
class Outgoing:
    """One message to deliver.

    Attributes:
        message_id: The outbox row's id: the Message-ID (e-mail) or idempotency key (SMS),
            the same on every try.
        channel: ``email`` or ``sms``.
        to: The address (personal data: only the driver sees it).
        subject: The e-mail's subject ("" for SMS).
        body: The text.
        language: The citizen's language (pt, en, es).
    """

    message_id: str
    channel: ContactChannel
    to: str
    subject: str
    body: str
    language: str


class DeliveryError(SyncError):
    """A message was not delivered; ``permanent`` when a retry cannot help."""

    title = "Message not delivered"

    def __init__(self, reason: str, *, permanent: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class Driver(Protocol):
    """Delivers messages of one channel."""

    def send(self, message: Outgoing, meanwhile: Callable[[], None] | None = None) -> None:
        """Deliver one message (blocks), calling ``meanwhile`` once before it can be accepted.

        Raises:
            DeliveryError: not delivered; ``permanent`` says whether to try again.
            Whatever ``meanwhile`` raises: then the message is not sent.
        """

    def close(self) -> None:
        """Release connections; a later ``send`` opens them again."""


def scrub(text: str, address: str) -> str:
    """``text`` without the address in it (a server's refusal often repeats it)."""
    return text.replace(address, "<recipient>") if address else text
