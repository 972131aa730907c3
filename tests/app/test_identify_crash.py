"""SIGKILL a counter in the middle of identifying citizens, many times: each journey holds
the whole identification (journey.started, citizen.identified, every card answer) or is not
there at all."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

from sync.domain.identity import CARD_FIELDS
from sync.store.store import LocalStore
from tests.store.test_crash import ROUNDS, run_and_kill

IDENTIFIER = Path(__file__).with_name("killable_identifier.py")
WHOLE = ["journey.started", "citizen.identified", *["answer.recorded"] * len(CARD_FIELDS)]


def test_sigkill_mid_identify_leaves_whole_identifications_or_none(tmp_path: Path) -> None:
    store_path = tmp_path / "crash.db"
    rng = random.Random(9)
    confirmed: list[str] = []
    for _ in range(ROUNDS):
        confirmed += run_and_kill(store_path, rng.randint(1, 40), IDENTIFIER)
        with LocalStore(store_path, site_id="crash-site") as store:
            assert store.integrity_check() == "ok"
            kinds: dict[str, list[str]] = defaultdict(list)
            fields: dict[str, list[str]] = defaultdict(list)
            for event in store.iter_events():
                kinds[event.journey_id].append(event.type)
                if event.type == "answer.recorded":
                    fields[event.journey_id].append(event.data["field"])
            broken = [j for j, seen in kinds.items() if seen != WHOLE]
            assert not broken, f"{len(broken)} journeys hold part of an identification"
            assert all(f == list(CARD_FIELDS) for f in fields.values())
            missing = [j for j in confirmed if j not in kinds]
            assert not missing, f"{len(missing)} confirmed identifications lost"
            assert len(store.journeys(limit=10_000)) == len(kinds)
            seqs = [
                r[0]
                for r in store.conn.execute(
                    "SELECT seq FROM events WHERE device_id = ? ORDER BY seq", (store.device_id,)
                )
            ]
            assert seqs == list(range(1, len(seqs) + 1))
    assert len(confirmed) > ROUNDS
