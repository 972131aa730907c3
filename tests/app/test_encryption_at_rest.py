"""A stolen laptop gives nothing away: the demo citizens identified from their cards, with
answers and printed receipts, through the desk the CLI's factory builds, leave no name,
national number or answer in the bytes of an encrypted store (file and WAL), while the same
work on a plain store shows them all; receipt previews and print jobs hold none either way."""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

import pytest

from app.card_identity import identity_from_card
from app.config import load_settings
from app.factory import build_app, close_app
from devices.cards.simulated import SimulatedCardReader
from sync.store.operators import Operator

ROOT = Path(__file__).resolve().parents[2]
CITIZENS = tomllib.loads((ROOT / "fixtures/cards/citizens.toml").read_text())["citizen"]
SERVICE = "municipality.residence-registration"
ANSWERS = ["Vila Nogueira de Azeitão", "Tarrafal de Monchique", "Ribeira Quente do Sul"]
"""Typed answers (municipal.previous_municipality), one per citizen in turn."""


def _site(folder: Path, encryption: str) -> Path:
    folder.mkdir(exist_ok=True)
    config = folder / "kiosk.toml"
    config.write_text(
        '[site]\nid = "van-demo"\nname = "Van Demo"\nmode = "van"\n'
        f'[store]\npath = "var/counterpart.db"\nencryption = "{encryption}"\n'
        f'key_file = "keys/store.key"\n'
        f'[central]\nurl = "off"\n'
        f'[card_reader]\ndriver = "simulated"\ncards = "{ROOT / "fixtures/cards"}"\n'
        f'[printer]\ndriver = "preview"\npath = "var/receipts"\n'
        f'[catalogue]\npath = "{ROOT / "fixtures/catalogue"}"\n'
    )
    return config


def _secrets() -> dict[str, list[bytes]]:
    """Each name word, national number and answer, as the store could hold it."""
    found: dict[str, list[bytes]] = {}
    words = [w for c in CITIZENS for w in f"{c['given_names']} {c['surname']}".split()]
    for text in [*words, *(c["national_number"] for c in CITIZENS), *ANSWERS]:
        if len(text) < 4:
            continue
        folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
        forms = {text, text.lower(), folded, folded.lower()}
        found[text] = [f.encode() for f in forms if len(f) >= 4]
    return found


def _work(config: Path) -> tuple[list[bytes], list[str], Path]:
    """Identify every demo citizen and print their receipt; return the store's bytes
    (file and WAL, before the store is closed), the print jobs' text, the store path."""
    settings = load_settings(config)
    app = build_app(settings)
    desk = app.desk
    assert isinstance(desk.card_reader, SimulatedCardReader)
    desk.operator = Operator("mediator", "Mediator", "pt", "2026-01-01T00:00:00Z")
    store_path = settings.resolve(settings.store.path)
    try:
        for i, citizen in enumerate(CITIZENS):
            desk.card_reader.insert(citizen["key"])
            identity = identity_from_card(desk.card_reader.read(), desk.card_reader.reader_name)
            if identity.needs_birth_date:  # the mediator asks for the day and month
                identity = identity.with_birth_date(f"{identity.birth_date_partial}-06-15")
            journey = desk.start_with_identity(identity, "pt")
            desk.add_service(journey, SERVICE)
            desk.record_answer(
                journey, "municipal.previous_municipality", ANSWERS[i % len(ANSWERS)],
                service=SERVICE,
            )  # fmt: skip
            printed = desk.print_receipt(journey, desk.issue_handoff(journey), "pt")
            assert printed.result.printed, printed
        jobs = [
            " ".join(str(v) for v in row)
            for row in desk.store.conn.execute("SELECT * FROM print_jobs").fetchall()
        ]
        assert len(jobs) == len(CITIZENS)
        wal = store_path.with_name(store_path.name + "-wal")
        open_bytes = [store_path.read_bytes(), wal.read_bytes() if wal.exists() else b""]
    finally:
        close_app(app)
    return [*open_bytes, store_path.read_bytes()], jobs, store_path


def _shown(blobs: list[bytes]) -> set[str]:
    return {text for text, forms in _secrets().items() if any(f in b for f in forms for b in blobs)}


def test_an_encrypted_store_shows_no_name_number_or_answer(tmp_path: Path) -> None:
    plain_blobs, _, _ = _work(_site(tmp_path / "plain", "none"))
    # The scan finds what is there: in a plain store, every one of them.
    assert _shown(plain_blobs) == set(_secrets())

    config = _site(tmp_path / "van", "sqlcipher")
    blobs, _, store_path = _work(config)
    assert len(blobs[1]) > 0, "the WAL was scanned while it held the day's work"
    assert _shown(blobs) == set()
    key_file = config.parent / "keys" / "store.key"
    assert key_file.stat().st_mode & 0o777 == 0o600, "the first start made the key file"
    assert not store_path.read_bytes().startswith(b"SQLite format 3")


@pytest.mark.parametrize("encryption", ["none", "sqlcipher"])
def test_receipt_previews_and_print_jobs_hold_no_personal_data(
    tmp_path: Path, encryption: str
) -> None:
    config = _site(tmp_path, encryption)
    _, jobs, _ = _work(config)
    previews = sorted((tmp_path / "var" / "receipts").iterdir())
    assert len([p for p in previews if p.suffix == ".txt"]) == len(CITIZENS)
    texts = [p.read_text(encoding="utf-8") for p in previews if p.suffix == ".txt"]
    assert all("VAN DEMO" in t.upper() for t in texts), "the previews were read"
    blobs = [t.encode() for t in [*texts, *jobs]] + [p.read_bytes() for p in previews]
    assert _shown(blobs) == set()
