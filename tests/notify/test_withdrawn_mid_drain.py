"""A consent withdrawn while a drain is sending stops the journey's very next message.

The drain folds the journeys of a chunk of rows together, before sending any of
them. Here the SMTP server, as it accepts the first journey's e-mail, has the
second journey's citizen withdraw their consent (pushed by the counter, as a
withdrawal at the counter or at home arrives): that second e-mail, queued in the
same chunk, is dropped, not sent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.smtp import SMTP, Envelope, Session
from sqlalchemy import select

from sync.central import schema as t
from sync.central.notify.smtp import SmtpConfig, SmtpDriver
from sync.central.notify.worker import Notifier
from sync.central.store import CentralStore
from sync.domain.notify import Policy
from tests.domain.factory import FakeTime
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.notify.receivers import SmtpSink, smtp_sink
from tests.notify.test_notifier import NOON_MS


class Withdrawing(SmtpSink):
    """A sink that, on the first e-mail's content, pushes a withdrawal for another journey."""

    withdraw: tuple[Seeder, str] | None = None

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.withdraw is not None:
            seeder, journey_id = self.withdraw
            self.withdraw = None
            seeder.add(journey_id, "consent.withdrawn", {"purposes": ["contact"]})
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[CentralStore]:
    central = CentralStore(f"sqlite:///{tmp_path / 'central.db'}", clock=FakeTime(NOON_MS))
    yield central
    central.close()


@pytest.fixture
def sink() -> Iterator[Withdrawing]:
    with smtp_sink() as plain:
        plain.__class__ = Withdrawing
        withdrawing: Withdrawing = plain  # type: ignore[assignment]
        yield withdrawing


def test_a_consent_withdrawn_during_a_chunk_drops_its_next_message(
    store: CentralStore, sink: Withdrawing
) -> None:
    seeder = Seeder(store)
    first, first_ref = seeder.journey(address="first@example.org")
    second, second_ref = seeder.journey(address="second@example.org")
    store.record_status(AGENCY, first_ref, SERVICE, "accepted", None)
    store.record_status(AGENCY, second_ref, SERVICE, "accepted", None)
    sink.withdraw = (seeder, second)
    driver = SmtpDriver(SmtpConfig("127.0.0.1", sink.port, "notify@counterpart.test",
                                   starttls=False))  # fmt: skip
    notifier = Notifier(store, {"email": driver}, policy=Policy(), jitter=lambda: 0.0)
    assert notifier.fold_chunk >= 2  # both rows are folded together, before either is sent
    assert notifier.drain_once() == 2
    notifier.stop()
    assert [m["To"] for m in sink.messages] == ["first@example.org"]
    o = t.outbox.c
    with store.read() as conn:
        rows = conn.execute(select(o.journey_id, o.state, o.last_error).order_by(o.pos)).all()
    assert [tuple(r) for r in rows] == [
        (first, "sent", None),
        (second, "dropped", "the citizen withdrew their consent to messages"),
    ]
    assert "notification.sent" not in [e.type for e in store.journey_events(second)]
