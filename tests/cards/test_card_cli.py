"""``counterpart card read --json`` through the real stack: pcscd, vpcd, the virtual BELPIC card."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from devices.cards.demo import demo_cards, load_citizens
from devices.cards.memcard import MemoryCard
from tests.cards.conftest import CardSlot, PcscStack

pytestmark = pytest.mark.pcsc

ROOT = Path(__file__).resolve().parents[2]
COUNTERPART = str(Path(sys.executable).with_name("counterpart"))


def test_card_read_json_reads_a_demo_identity_through_pcscd(
    pcsc_stack: PcscStack, slot: CardSlot, tmp_path: Path
) -> None:
    key, record = list(load_citizens().items())[1]
    image = demo_cards()[key]
    slot.insert(MemoryCard(image.files(), applet_version=image.applet_version))
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[site]\nid = "demo-test"\nname = "Test site"\n\n'
        f'[card_reader]\ndriver = "pcsc"\nreader = "{pcsc_stack.reader_name}"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures/catalogue"}"\n'
    )
    # The console script must talk to this session's private pcscd.
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": os.environ["PCSCLITE_CSOCK_NAME"]}
    result = subprocess.run(
        [COUNTERPART, "--config", str(config), "card", "read", "--json", "--timeout", "10"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"{result.stderr}\n{pcsc_stack.log_tail()}"
    identity = json.loads(result.stdout)
    assert identity["national_number"] == record.national_number
    assert identity["card_number"] == record.card_number
    assert identity["surname"] == record.surname
    assert identity["given_names"] == record.given_names
    assert identity["birth_date"] == record.birth_date.isoformat()
    assert identity["address"]["municipality"] == record.address.municipality
    assert identity["photo"]["hash_ok"] is True
    assert identity["photo"]["size"] == len(image.photo)
