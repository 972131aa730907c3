"""What the kiosk offers: services with a step allowed on it, by life circumstance; the
questions left for it on a journey, each field once, without those answered."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.domain.drafts import answer_recorded, fold_after
from sync.domain.offer import by_circumstance, offered, questions_left

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT / "fixtures" / "catalogue")


def test_services_on_the_kiosk_by_circumstance(catalogue: Catalogue) -> None:
    kiosk = offered(catalogue, "kiosk")
    assert kiosk and all(any(st.allows("kiosk") for st in s.steps) for s in kiosk)
    groups = by_circumstance(catalogue, kiosk)
    assert next(g.circumstance.id for g in groups if g.circumstance) == "moving-house"
    assert groups[-1].circumstance is None
    assert all(not s.circumstances for s in groups[-1].services)
    listed = {s.id for g in groups for s in g.services}
    assert listed == {s.id for s in kiosk}


def test_questions_left_skip_answers_and_ask_a_shared_field_once(catalogue: Catalogue) -> None:
    jid = "0192f0c4-0000-7000-8000-000000000001"

    state = fold_after(
        jid,
        [],
        [
            ("journey.started", {"ref": "GEG0V686Q", "language": "en"}),
            ("service.added", {"service": "social-security.change-of-address"}),
            ("service.added", {"service": "tax.change-of-address"}),
            answer_recorded("ss.number", "12345678901", source="typed"),
        ],
        channel="kiosk",
    )
    keys = [q.key for q in questions_left(state, catalogue, "kiosk")]
    assert "ss.number" not in keys
    assert keys.count("address.new") == 1
    assert keys[0] == "address.new"
