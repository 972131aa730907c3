"""The notifier against real receivers: aiosmtpd on loopback and an HTTP SMS gateway.

The central store is real (SQLite in a temp folder); a test drives the notifier's
drain by hand (``drain_once``) over the store's clock, so quiet hours and
backoff are decided on a fixed clock, never on the wall clock.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from sync.catalogue.loader import load_catalogue
from sync.central import schema as t
from sync.central.notify.driver import Driver
from sync.central.notify.sms import SmsConfig, SmsGatewayDriver
from sync.central.notify.smtp import SmtpConfig, SmtpDriver
from sync.central.notify.worker import Notifier
from sync.central.store import CentralStore
from sync.domain.events import ContactChannel
from sync.domain.ids import format_reference
from sync.domain.notify import Policy
from tests.domain.factory import FakeTime
from tests.notify.journeys import AGENCY, NAME, NATIONAL_NUMBER, SERVICE, Seeder
from tests.notify.receivers import Gateway, SmtpSink, sms_gateway, smtp_sink
from tests.sync.serverproc import ROOT

LISBON = ZoneInfo("Europe/Lisbon")
# 2026-12-02 14:00 in Lisbon (UTC+0 in winter): within the day, past every seeded event.
NOON_MS = int(dt.datetime(2026, 12, 2, 14, 0, tzinfo=dt.UTC).timestamp() * 1000)


@pytest.fixture
def clock() -> FakeTime:
    return FakeTime(NOON_MS)


@pytest.fixture
def store(tmp_path: Path, clock: FakeTime) -> Iterator[CentralStore]:
    central = CentralStore(f"sqlite:///{tmp_path / 'central.db'}", clock=clock)
    yield central
    central.close()


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    with smtp_sink() as s:
        yield s


def _notifier(store: CentralStore, drivers: dict[ContactChannel, Driver]) -> Notifier:
    return Notifier(store, drivers, policy=Policy(zone=LISBON), jitter=lambda: 0.0)


def _smtp(sink: SmtpSink) -> SmtpDriver:
    return SmtpDriver(SmtpConfig("127.0.0.1", sink.port, "notify@counterpart.test", starttls=False))


def _outbox(store: CentralStore) -> list[tuple[str, str, int, str | None]]:
    o = t.outbox.c
    with store.read() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            select(o.state, o.due, o.tries, o.last_error).order_by(o.pos))]  # fmt: skip


def _types(store: CentralStore, journey_id: str) -> list[str]:
    return [e.type for e in store.journey_events(journey_id)]


def test_an_agency_status_sends_one_email_in_the_citizens_language(
    store: CentralStore, sink: SmtpSink
) -> None:
    seeder = Seeder(store)
    journey_id, ref = seeder.journey(language="es", address="amina@example.org")
    store.record_status(AGENCY, ref, SERVICE, "in_progress", None)
    notifier = _notifier(store, {"email": _smtp(sink)})
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    notifier.catalogue = lambda: catalogue
    assert notifier.drain_once() == 1
    assert notifier.drain_once() == 0
    notifier.stop()
    assert len(sink.messages) == 1
    mail = sink.messages[0]
    body = mail.get_payload(decode=True).decode()  # type: ignore[union-attr]
    print(mail["Subject"], body, sep="\n")
    assert mail["To"] == "amina@example.org"
    assert mail["Content-Language"] == "es"
    assert format_reference(ref) in mail["Subject"] and format_reference(ref) in body
    assert "Hay novedades sobre su solicitud" in body
    assert "en trámite" in body and "in_progress" not in body  # the status in Spanish
    assert catalogue.services[SERVICE].name.es in body
    for personal in (NAME, "Amina", NATIONAL_NUMBER, "1990", "amina@example.org"):
        assert personal not in body and personal not in mail["Subject"]
    sent = [e for e in store.journey_events(journey_id) if e.type == "notification.sent"]
    assert len(sent) == 1
    assert f"<{sent[0].data['message_id']}@counterpart.test>" == mail["Message-ID"]
    assert sent[0].data["trigger"] == "status" and "amina" not in sent[0].data_json()


def test_a_reminder_due_before_start_up_is_sent_once(
    tmp_path: Path, store: CentralStore, sink: SmtpSink
) -> None:
    seeder = Seeder(store)
    journey_id, _ref = seeder.journey(language="pt")
    what = "trazer o contrato de arrendamento"
    seeder.add(journey_id, "reminder.scheduled", {"at": "2026-12-01T09:00:00Z", "what": what})
    for _ in range(2):  # two start-ups: the second finds nothing left to send
        notifier = _notifier(store, {"email": _smtp(sink)})
        notifier.poll_seconds = 0.05
        notifier.start()
        deadline = time.monotonic() + 20
        while not sink.count() and time.monotonic() < deadline:
            time.sleep(0.05)
        notifier.stop()
    assert len(sink.messages) == 1
    body = sink.messages[0].get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "Lembrete" in body and what in body
    assert _types(store, journey_id).count("notification.sent") == 1


def test_an_sms_reminder_in_quiet_hours_waits_for_the_morning(
    store: CentralStore, clock: FakeTime
) -> None:
    seeder = Seeder(store)
    journey_id, _ref = seeder.journey(language="en", channel="sms")
    what = "come back to collect your card"
    seeder.add(journey_id, "reminder.scheduled", {"at": "2026-12-02T22:30:00Z", "what": what})
    with sms_gateway() as gateway:
        notifier = _notifier(store, {"sms": _gateway(gateway)})
        clock.ms = int(dt.datetime(2026, 12, 2, 22, 31, tzinfo=dt.UTC).timestamp() * 1000)
        assert notifier.drain_once() == 1
        assert gateway.requests == []
        assert _outbox(store)[0][:2] == ("queued", "2026-12-03T08:00:00Z")
        clock.ms = int(dt.datetime(2026, 12, 3, 7, 59, tzinfo=dt.UTC).timestamp() * 1000)
        assert notifier.drain_once() == 0
        clock.ms = int(dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC).timestamp() * 1000)
        assert notifier.drain_once() == 1
        notifier.stop()
    assert len(gateway.accepted) == 1
    (text,) = [body["text"] for body in gateway.accepted.values()]
    assert what in text and "Reply STOP" in text
    assert _outbox(store)[0][0] == "sent"


def test_withdrawn_consent_stops_a_queued_message(store: CentralStore, sink: SmtpSink) -> None:
    seeder = Seeder(store)
    journey_id, ref = seeder.journey()
    store.record_status(AGENCY, ref, SERVICE, "accepted", None)
    seeder.add(journey_id, "consent.withdrawn", {"purposes": ["contact"]})
    notifier = _notifier(store, {"email": _smtp(sink)})
    notifier.drain_once()
    notifier.stop()
    assert sink.messages == []
    state, _due, _tries, reason = _outbox(store)[0]
    assert (state, reason) == ("dropped", "the citizen withdrew their consent to messages")
    assert "notification.sent" not in _types(store, journey_id)


def test_a_cancelled_reminder_is_not_sent(store: CentralStore, sink: SmtpSink) -> None:
    seeder = Seeder(store)
    journey_id, _ref = seeder.journey()
    reminder = seeder.add(journey_id, "reminder.scheduled",
                          {"at": "2026-12-02T10:00:00Z", "what": "bring the lease"})  # fmt: skip
    seeder.add(journey_id, "reminder.cancelled", {"reminder_id": reminder.id})
    notifier = _notifier(store, {"email": _smtp(sink)})
    notifier.drain_once()
    notifier.stop()
    assert sink.messages == [] and _outbox(store)[0][0] == "dropped"


def _gateway(gateway: Gateway) -> SmsGatewayDriver:
    return SmsGatewayDriver(SmsConfig(gateway.url, gateway.token, "Counterpart", timeout=5))


def test_a_gateway_that_fails_for_a_while_gets_the_sms_once(
    store: CentralStore, clock: FakeTime
) -> None:
    seeder = Seeder(store)
    journey_id, ref = seeder.journey(channel="sms", language="pt")
    store.record_status(AGENCY, ref, SERVICE, "aceite", None)
    with sms_gateway(fail_first=3) as gateway:
        notifier = _notifier(store, {"sms": _gateway(gateway)})
        waits = []
        for _ in range(10):
            notifier.drain_once()
            state, due, tries, error = _outbox(store)[0]
            if state != "queued":
                break
            assert error == 'the SMS gateway answered 500: {"error": "busy"}'
            waits.append((tries, due))
            clock.ms += 3600_000  # past any backoff
        notifier.stop()
    assert [tries for tries, _ in waits] == [1, 2, 3]
    assert [status for status, _, _ in gateway.requests] == [500, 500, 500, 200]
    keys = {headers["idempotency-key"] for _, headers, _ in gateway.requests}
    assert len(keys) == 1 and len(gateway.accepted) == 1
    (sent,) = [e for e in store.journey_events(journey_id) if e.type == "notification.sent"]
    assert sent.data["attempts"] == 4 and sent.data["message_id"] in keys


def test_a_refused_recipient_is_notification_failed_with_the_reason(
    store: CentralStore, sink: SmtpSink
) -> None:
    seeder = Seeder(store)
    journey_id, ref = seeder.journey(address="nobody@example.org")
    sink.refuse.add("nobody@example.org")
    store.record_status(AGENCY, ref, SERVICE, "accepted", None)
    notifier = _notifier(store, {"email": _smtp(sink)})
    notifier.drain_once()
    notifier.stop()
    assert sink.messages == []
    (failed,) = [e for e in store.journey_events(journey_id) if e.type == "notification.failed"]
    reason = failed.data["reason"]
    print(reason)
    assert "550" in reason and "Recipient address rejected" in reason
    assert "nobody@example.org" not in reason and "nobody" not in failed.data_json()
    assert store.journey_state(journey_id).notifications[-1].reason == reason
