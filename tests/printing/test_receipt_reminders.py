"""The receipt says "we will remind you on ..." only to a citizen who agreed to messages."""

from __future__ import annotations

import datetime as dt

from app.receipts import build_receipt
from devices.printing.receipt import Receipt, TextLine, layout_receipt
from sync.catalogue.loader import load_catalogue
from sync.domain.fold import fold
from tests.domain.factory import SimDevice
from tests.sync.serverproc import ROOT

ISSUED = dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC)


def _receipt(contact: bool) -> Receipt:
    device = SimDevice()
    device.start(language="en")
    consent: dict[str, object] = {"purposes": ["services"]}
    if contact:
        consent = {"purposes": ["services", "contact"], "address": "ana@example.org"}
    device.event("consent.given", consent)
    device.event("reminder.scheduled",
                 {"at": "2026-12-10T09:00:00Z", "what": "bring your rental contract"})  # fmt: skip
    gone = device.event("reminder.scheduled", {"at": "2026-12-11T09:00:00Z", "what": "cancelled"})
    device.event("reminder.cancelled", {"reminder_id": gone.id})
    state = fold(device.journey_id, device.known.values())
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    return build_receipt(state, catalogue, site_name="Lisboa", issued_at=ISSUED, language="en",
                         url=None)  # fmt: skip


def test_a_citizen_who_agreed_is_told_when_they_will_be_reminded() -> None:
    receipt = _receipt(contact=True)
    assert len(receipt.reminders) == 1
    (line,) = receipt.reminders
    assert line.startswith("We will remind you on ") and "bring your rental contract" in line
    printed = " ".join(e.text for e in layout_receipt(receipt, 42).elements
                       if isinstance(e, TextLine))  # fmt: skip
    assert "We will remind you on" in printed and "ana@example.org" not in printed
    assert Receipt.from_json(receipt.to_json()) == receipt


def test_no_reminder_line_without_the_contact_consent() -> None:
    assert _receipt(contact=False).reminders == ()
