"""Replies the SMS gateway posts back: STOP withdraws the ``contact`` consent of that number.

The journeys a number belongs to are found through their consent records: the
``consent.given`` events that name it (the number is in their data, so the
database narrows the search), each journey folded again to check that its
messages still go to that number by SMS (``sync.domain.sms_reply.belongs_to``).
Each such journey gets a ``consent.withdrawn`` of ``contact``, as the citizen,
with an audit entry, in one transaction; the notifier then drops every message
still queued for it (``still_wanted``). The number is never logged nor kept.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.store import CentralStore
from sync.central.store.citizen import CITIZEN, write_own
from sync.domain.consent import CONTACT, withdraw
from sync.domain.notify import parse_utc
from sync.domain.sms_reply import asks_to_stop, belongs_to, phone_number

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ReplyOutcome:
    """What a reply did: whether it asked to stop, and on how many journeys it stopped messages."""

    stop: bool
    stopped: int


def journeys_of_number(store: CentralStore, number: str) -> list[str]:
    """The journeys whose messages go to ``number`` (E.164) by SMS now, oldest first."""
    with store.read() as conn:
        named = conn.execute(
            select(t.events.c.journey_id)
            .where(t.events.c.type == "consent.given", t.events.c.data.contains(f'"{number}"'))
            .group_by(t.events.c.journey_id)
            .order_by(func.min(t.events.c.server_pos))
        ).scalars().all()  # fmt: skip
    return [j for j in named if belongs_to(store.journey_state(j), number)]


def take_reply(store: CentralStore, sender: str, text: str) -> ReplyOutcome:
    """Act on one SMS reply from ``sender``: a STOP withdraws ``contact`` where it is held.

    A sender that is not a number in international form stops nothing.
    """
    if not asks_to_stop(text):
        return ReplyOutcome(False, 0)
    number = phone_number(sender)
    if number is None:
        return ReplyOutcome(True, 0)
    stopped = 0
    for journey_id in journeys_of_number(store, number):
        now = parse_utc(store.now())
        change = withdraw(store.journey_state(journey_id), CONTACT, now)
        if not change.allowed:
            continue
        with store.write() as conn:
            write_own(store, conn, journey_id, change.drafts, channel="backoffice", actor=CITIZEN)
            store.audit(conn, CITIZEN, "consent.withdrawn", journey_id, "channel=sms reply STOP")
        stopped += 1
    log.info("an SMS reply asked to stop: contact consent withdrawn on %d journeys", stopped)
    return ReplyOutcome(True, stopped)
