"""The central store keeps a folded journey while its log is unchanged, and folds again
as soon as an event arrives (from a device or written for the citizen)."""

from __future__ import annotations

from pathlib import Path

from sync.central.store import CentralStore
from tests.domain.factory import SimDevice
from tests.web.seed import seed_journey


def test_a_kept_state_is_reused_until_the_log_grows(tmp_path: Path) -> None:
    store = CentralStore(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        seeded = seed_journey(store)
        first = store.journey_state(seeded.journey_id)
        assert store.journey_state(seeded.journey_id) is first
        store.record_for_citizen(seeded.journey_id, [("assistance.requested", {})])
        after_web = store.journey_state(seeded.journey_id)
        assert after_web is not first and after_web.assistance_requests == 1
        device = store.device_for_token(store.enrol(store.issue_enrolment_code("lisboa"),
                                                    "counter-2")[0])  # fmt: skip
        assert device is not None
        counter = SimDevice("counter-2", journey_id=seeded.journey_id, site_id="lisboa")
        note = counter.event("note.added", {"text": "brought the contract"})
        assert store.push(device, [note.to_dict()]).stored == 1
        assert store.journey_state(seeded.journey_id).notes == ("brought the contract",)
    finally:
        store.close()
