"""The citizen's own calls for a person (from home, at a kiosk), newest first."""

from __future__ import annotations

from sync.domain.assistance import citizen_help, from_citizen
from sync.domain.fold import fold
from tests.domain.factory import FakeTime, SimDevice


def test_help_from_home_and_kiosks_newest_first_and_not_the_counters() -> None:
    time = FakeTime()
    counter = SimDevice("dev-1", time=time)
    counter.start()
    web = SimDevice("central", journey_id=counter.journey_id, channel="web", actor="citizen",
                    time=time)  # fmt: skip
    kiosk = SimDevice("kiosk-1", journey_id=counter.journey_id, channel="kiosk",
                      actor="citizen", time=time)  # fmt: skip
    where = {"service": "tax.change-of-address", "step": "tax-number", "screen": "step"}
    web.event("assistance.requested", where)
    counter.event("assistance.requested", {"reason": "noted at the desk"})
    kiosk.event("assistance.requested", {"reason": "call"})
    events = [*counter.known.values(), *web.known.values(), *kiosk.known.values()]

    asked = citizen_help(fold(counter.journey_id, events))

    assert [(r.channel, r.service, r.step, r.screen, r.reason) for r in asked] == [
        ("kiosk", None, None, None, "call"),
        ("web", "tax.change-of-address", "tax-number", "step", None),
    ]
    assert from_citizen("web") and from_citizen("kiosk")
    assert not any(from_citizen(c) for c in ("counter", "van", "backoffice"))
