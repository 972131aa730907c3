"""An SMS reply: which ask to stop (pt, en, es), and which journeys a number's STOP stops."""

from __future__ import annotations

import pytest

from sync.domain.events import Event
from sync.domain.fold import fold
from sync.domain.sms_reply import asks_to_stop, belongs_to, phone_number
from tests.domain.factory import SimDevice

NUMBER = "+351912345678"


@pytest.mark.parametrize(
    "text",
    ["STOP", "stop", "  Stop!  ", "STOP.", "\tstop\n", "Stop please", "stop all", "opt out",
     "PARAR", "Parar por favor", "pare", "CANCELAR", "Cancelar.", "BAJA", "baja", "Bája",
     "PARÁR", "DETENER", "ｓｔｏｐ", "unsubscribe", "sair"],
)  # fmt: skip
def test_a_stop_word_first_asks_to_stop(text: str) -> None:
    assert asks_to_stop(text)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "!!!", "ok", "obrigado", "gracias", "thanks, see you", "não pare nunca",
     "please stop", "stopped by yesterday", "bajar", "cancelado?", "Para quê?", "sim"],
)  # fmt: skip
def test_anything_else_does_not(text: str) -> None:
    assert not asks_to_stop(text)


def test_the_sender_is_read_as_a_number_in_international_form() -> None:
    assert phone_number("+351 912 345 678") == NUMBER
    assert phone_number("00351912345678") == NUMBER
    assert phone_number("912345678") is None
    assert phone_number("someone@example.org") is None


def _journey(*consents: dict[str, object]) -> tuple[str, list[Event]]:
    device = SimDevice("dev-1")
    events = [device.start()] + [device.event(kind, data) for kind, data in consents]  # type: ignore[arg-type]
    return device.journey_id, events


def test_a_number_belongs_to_a_journey_whose_messages_go_to_it_by_sms() -> None:
    given = ("consent.given", {"purposes": ["services", "contact"], "channel": "sms",
                                "address": NUMBER})  # fmt: skip
    journey_id, events = _journey(given)
    assert belongs_to(fold(journey_id, events), NUMBER)
    assert not belongs_to(fold(journey_id, events), "+351900000000")


def test_not_once_the_consent_is_withdrawn_or_the_contact_is_another() -> None:
    given = ("consent.given", {"purposes": ["services", "contact"], "channel": "sms",
                                "address": NUMBER})  # fmt: skip
    withdrawn = ("consent.withdrawn", {"purposes": ["contact"]})
    journey_id, events = _journey(given, withdrawn)
    assert not belongs_to(fold(journey_id, events), NUMBER)
    moved = ("consent.given", {"purposes": ["contact"], "channel": "email",
                                "address": "a@example.org"})  # fmt: skip
    journey_id, events = _journey(given, withdrawn, moved)
    assert not belongs_to(fold(journey_id, events), NUMBER)
