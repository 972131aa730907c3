"""A drain sends the next message's envelope while it commits the last one, never its content.

The SMTP server here looks at the outbox as each message's content arrives: by
then every message accepted before it is committed as sent (so a crash can
resend at most the one being sent), whatever the row before it came to (sent,
refused, dropped). A commit that fails leaves the next message undelivered.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.notify.driver import Outgoing
from sync.central.notify.outbox import SENT
from sync.central.notify.smtp import SmtpConfig, SmtpDriver
from sync.central.notify.worker import Notifier
from sync.central.store import CentralStore
from sync.domain.notify import Policy
from tests.domain.factory import FakeTime
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.notify.receivers import SmtpSink, smtp_sink
from tests.notify.test_notifier import NOON_MS

SENDER = "notify@counterpart.test"


class Watching(SmtpSink):
    """A sink that counts the outbox's sent rows as each message's content arrives."""

    store: CentralStore | None = None
    sent_at_arrival: list[int]

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert self.store is not None
        with self.store.read() as conn:
            sent = conn.execute(
                select(func.count()).select_from(t.outbox).where(t.outbox.c.state == SENT)
            ).scalar_one()
        self.sent_at_arrival.append(int(sent))
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CentralStore]:
    central = CentralStore(f"sqlite:///{tmp_path / 'central.db'}", clock=FakeTime(NOON_MS))
    yield central
    central.close()


@pytest.fixture
def sink(store: CentralStore) -> Iterator[Watching]:
    with smtp_sink() as plain:
        plain.__class__ = Watching
        watching: Watching = plain  # type: ignore[assignment]
        watching.store, watching.sent_at_arrival = store, []
        yield watching


def _driver(sink: SmtpSink) -> SmtpDriver:
    return SmtpDriver(SmtpConfig("127.0.0.1", sink.port, SENDER, starttls=False))


def test_each_message_arrives_after_every_one_before_it_is_committed(
    store: CentralStore, sink: Watching
) -> None:
    seeder = Seeder(store)
    journeys = []
    for i in range(8):
        journey_id, ref = seeder.journey(language="en", address=f"c{i}@example.org")
        store.record_status(AGENCY, ref, SERVICE, "accepted", None)
        journeys.append(journey_id)
    sink.refuse.add("c3@example.org")  # a refusal in the middle of the drain
    notifier = Notifier(store, {"email": _driver(sink)}, policy=Policy(daily_limit=100),
                        jitter=lambda: 0.0, fold_chunk=3)  # fmt: skip
    assert notifier.drain_once() == 8
    notifier.stop()
    print("sent rows as each message arrived:", sink.sent_at_arrival)
    assert sink.sent_at_arrival == [0, 1, 2, 3, 4, 5, 6]
    assert sorted(str(m["To"]) for m in sink.messages) == [
        f"c{i}@example.org" for i in range(8) if i != 3
    ]
    for i, journey_id in enumerate(journeys):
        types = [e.type for e in store.journey_events(journey_id)]
        expected = "notification.failed" if i == 3 else "notification.sent"
        assert types.count(expected) == 1, (i, types)


def test_a_commit_that_fails_beside_the_envelope_sends_nothing(sink: Watching) -> None:
    driver = _driver(sink)
    message = Outgoing("a" * 32, "email", "c1@example.org", "Your request", "News.\n", "en")

    def broken_commit() -> None:
        raise OSError("disk gone")

    with pytest.raises(OSError, match="disk gone"):
        driver.send(message, meanwhile=broken_commit)
    assert sink.count() == 0
    ran: list[str] = []
    driver.send(message, meanwhile=lambda: ran.append("committed"))  # connects again
    driver.close()
    assert ran == ["committed"] and sink.count() == 1
