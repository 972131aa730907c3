"""A citizen's reply to an SMS: does it ask to stop, and whose messages does it stop.

Every SMS ends "Reply STOP to stop" (``sync.domain.messages``); the SMS gateway
posts the replies it receives to the central store. A reply asks to stop when,
once case, accents, punctuation and spaces are set aside, its first word is a
stop word of Portuguese, English or Spanish (``STOP_WORDS``): "stop", " Stop! ",
"PARAR", "cancelar por favor", "Baja", "não quero" does not. A reply that asks
to stop withdraws the ``contact`` consent of every journey whose current contact
is that number by SMS (``belongs_to``), so every message still queued for it is
dropped. Anything else is ignored: a reply is never read as anything but STOP.

The number is personal data: callers compare it, never keep or log it.
"""

from __future__ import annotations

import unicodedata
from typing import Final

from sync.domain.consent import contact_details
from sync.domain.fold import JourneyState
from sync.domain.notify import may_contact

STOP_WORDS: Final = frozenset(
    {
        # English (and the words SMS gateways and carriers treat as STOP)
        "stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout",
        # Portuguese
        "parar", "pare", "cancelar", "sair", "remover",
        # Spanish
        "baja", "detener", "cancela", "basta",
    }
)  # fmt: skip
"""The first words that ask to stop, folded (lower case, no accents)."""


def _fold(text: str) -> str:
    """Lower case without accents: "PARÁR" and "parar" are one word."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def first_word(text: str) -> str:
    """The reply's first word, folded, without the punctuation around it ("" for none)."""
    words = "".join(ch if ch.isalnum() else " " for ch in _fold(text)).split()
    if not words:
        return ""
    # "opt out", "stop all": one word as the carriers write them
    if len(words) > 1 and words[0] + words[1] in STOP_WORDS:
        return words[0] + words[1]
    return words[0]


def asks_to_stop(text: str) -> bool:
    """Whether an SMS reply asks for no more messages (its first word is a stop word)."""
    return first_word(text) in STOP_WORDS


def phone_number(text: str) -> str | None:
    """A sender's number as a contact consent keeps it (E.164), or None if it is not one."""
    found = contact_details(text)
    return found["address"] if found is not None and found["channel"] == "sms" else None


def belongs_to(state: JourneyState, number: str) -> bool:
    """Whether the journey's messages go to ``number`` by SMS now (consent held)."""
    contact = state.contact
    return (
        may_contact(state)
        and contact is not None
        and contact.channel == "sms"
        and contact.address == number
    )
