"""Done online through a handoff link: confirmed at its first web redeem, then the web's steps
and answers; nothing from another channel, another handoff or before the confirmation."""

from __future__ import annotations

import datetime as dt
import random

from sync.domain.fold import fold
from sync.domain.handoff import expiry, handoff_id_for, token_hash
from sync.domain.home import DoneOnline, done_online, still_usable
from tests.domain.factory import FakeTime, SimDevice

NOW = dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
SERVICE = "social-security.change-of-address"


def _issue(counter: SimDevice, token: str) -> str:
    hashed = token_hash(token)
    handoff_id = handoff_id_for(hashed)
    data = {"handoff_id": handoff_id, "token_hash": hashed, "expires": expiry(NOW)}
    counter.event("handoff.issued", data)
    return handoff_id


def _pair() -> tuple[SimDevice, SimDevice]:
    time = FakeTime()
    counter = SimDevice("dev-1", time=time)
    web = SimDevice("central", journey_id=counter.journey_id, channel="web", actor="citizen",
                    site_id="central", time=time)  # fmt: skip
    return counter, web


def test_what_was_done_online_after_the_link_was_confirmed() -> None:
    counter, web = _pair()
    counter.start()
    counter.answer("ss.number", "12345678901", service=SERVICE)
    old = _issue(counter, "token-old-aaaaaaaaaaaaa")
    handoff = _issue(counter, "token-new-aaaaaaaaaaaaa")
    web.sync_from(counter)
    web.answer("citizen.phone", "+351 900 000 000")  # before confirming: not through this link
    web.event("handoff.redeemed", {"handoff_id": old})
    assert done_online(web.known.values(), handoff) == DoneOnline(handoff)

    redeemed = web.event("handoff.redeemed", {"handoff_id": handoff})
    web.answer("address.move_date", "2026-12-01", service=SERVICE)
    web.event("step.completed", {"service": SERVICE, "step": "new-address"})
    web.answer("address.move_date", "2026-12-02", service=SERVICE)  # corrected: named once
    web.event("handoff.redeemed", {"handoff_id": handoff})  # back later: the first one counts
    counter.sync_from(web)
    counter.event("step.completed", {"service": SERVICE, "step": "identity"})  # at the counter
    counter.answer("citizen.email", "marie@example.org")

    events = list(counter.known.values())
    random.Random(3).shuffle(events)
    done = done_online([*events, *events[:4]], handoff)  # any order, duplicates
    assert done.confirmed and done.confirmed_wall == redeemed.wall
    assert done.steps == ((SERVICE, "new-address"),)
    assert done.answers == ("address.move_date",)


def test_a_redeem_on_another_channel_is_not_the_citizen_confirming_online() -> None:
    counter, _web = _pair()
    counter.start()
    handoff = _issue(counter, "token-one-aaaaaaaaaaaaa")
    counter.event("handoff.redeemed", {"handoff_id": handoff})
    counter.event("step.completed", {"service": SERVICE, "step": "new-address"})
    assert not done_online(counter.known.values(), handoff).confirmed


def test_a_link_is_watched_while_it_can_be_used() -> None:
    counter, web = _pair()
    counter.start()
    handoff = _issue(counter, "token-one-aaaaaaaaaaaaa")
    state = fold(counter.journey_id, counter.known.values())
    assert still_usable(state, handoff, NOW)
    assert not still_usable(state, "h-0000000000000000", NOW)
    assert not still_usable(state, handoff, NOW + dt.timedelta(days=31))
    web.sync_from(counter)
    web.event("handoff.redeemed", {"handoff_id": handoff})
    assert still_usable(fold(counter.journey_id, web.known.values()), handoff, NOW)
    counter.sync_from(web)
    counter.event("handoff.revoked", {"handoff_id": handoff, "reason": "reissued"})
    assert not still_usable(fold(counter.journey_id, counter.known.values()), handoff, NOW)
