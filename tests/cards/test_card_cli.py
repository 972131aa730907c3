"""``counterpart card read`` through the real stack: pcscd, vpcd, the virtual BELPIC card."""

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


def _card_read(
    pcsc_stack: PcscStack, folder: Path, *options: str
) -> subprocess.CompletedProcess[str]:
    """``counterpart card read`` on a kiosk.toml naming this session's virtual reader."""
    config = folder / "kiosk.toml"
    config.write_text(
        '[site]\nid = "demo-test"\nname = "Test site"\n\n'
        f'[card_reader]\ndriver = "pcsc"\nreader = "{pcsc_stack.reader_name}"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures/catalogue"}"\n'
    )
    # The console script must talk to this session's private pcscd.
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": os.environ["PCSCLITE_CSOCK_NAME"]}
    command = [COUNTERPART, "--config", str(config), "card", "read", *options, "--timeout", "10"]
    return subprocess.run(
        command, cwd=folder, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def test_card_read_json_reads_a_demo_identity_through_pcscd(
    pcsc_stack: PcscStack, slot: CardSlot, tmp_path: Path
) -> None:
    key, record = list(load_citizens().items())[1]
    image = demo_cards()[key]
    slot.insert(MemoryCard(image.files(), applet_version=image.applet_version))
    result = _card_read(pcsc_stack, tmp_path, "--json")
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


def test_card_read_says_when_the_card_gives_only_the_year_of_birth(
    pcsc_stack: PcscStack, slot: CardSlot, tmp_path: Path
) -> None:
    image = demo_cards()["amina-sesay"]
    slot.insert(MemoryCard(image.files(), applet_version=image.applet_version))
    result = _card_read(pcsc_stack, tmp_path)
    assert result.returncode == 0, f"{result.stderr}\n{pcsc_stack.log_tail()}"
    born = next(line for line in result.stdout.splitlines() if line.startswith("born:"))
    assert born.split(None, 1)[1] == "1979 (the card gives only this part of the date) in Freetown"
    assert "surname:         Sesay" in result.stdout
