"""``counterpart devices``, ``card read`` and ``printer test`` run as a site installer runs them."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from app.desk import new_token
from devices.cards.demo import load_citizens
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PrinterListener
from tests.printing.scan import qr_texts

ROOT = Path(__file__).resolve().parents[2]
COUNTERPART = str(Path(sys.executable).with_name("counterpart"))


def run(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COUNTERPART, "--config", str(config), *args],
        cwd=config.parent,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def kiosk(tmp_path: Path, printer: str = 'driver = "preview"\npath = "var/receipts"') -> Path:
    """A kiosk.toml with the simulated reader, the demo cards and the given [printer] keys."""
    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[site]\nid = "demo-test"\nname = "Test site"\n\n'
        f'[card_reader]\ndriver = "simulated"\ncards = "{ROOT / "fixtures/cards"}"\n\n'
        f"[printer]\ncolumns = 32\n{printer}\n\n"
        f'[catalogue]\npath = "{ROOT / "fixtures/catalogue"}"\n'
    )
    return config


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_card_read_json_prints_the_first_demo_citizen(tmp_path: Path) -> None:
    result = run(kiosk(tmp_path), "card", "read", "--json")
    assert result.returncode == 0, result.stderr
    identity = json.loads(result.stdout)
    record = next(iter(load_citizens().values()))
    assert identity["national_number"] == record.national_number
    assert identity["surname"] == record.surname
    assert identity["card_number"] == record.card_number
    assert identity["birth_date"] == record.birth_date.isoformat()
    assert identity["photo"]["present"] is True
    assert identity["photo"]["hash_ok"] is True and identity["photo"]["size"] > 0
    assert "photo_bytes" not in result.stdout and "\\xff\\xd8" not in result.stdout


def test_card_read_picks_a_demo_card_by_key_and_refuses_an_unknown_one(tmp_path: Path) -> None:
    config = kiosk(tmp_path)
    key, record = list(load_citizens().items())[2]
    result = run(config, "card", "read", "--card", key)
    assert result.returncode == 0, result.stderr
    assert record.national_number in result.stdout and "matches its hash" in result.stdout

    missing = run(config, "card", "read", "--card", "nobody")
    assert missing.returncode == 1
    assert "no demo card 'nobody'" in missing.stderr and key in missing.stderr


def test_printer_test_with_the_file_driver_writes_escpos_bytes(tmp_path: Path) -> None:
    out = tmp_path / "receipt.bin"
    result = run(kiosk(tmp_path, f'driver = "file"\npath = "{out}"'), "printer", "test")
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\x1b@")  # ESC @: initialise
    assert b"TST-000-000" in data and b"\x1dV" in data  # the test reference and a cut
    assert "test receipt" in result.stdout


def test_printer_test_on_the_loopback_printer_prints_a_qr_code_that_decodes(
    tmp_path: Path,
) -> None:
    with PrinterListener() as listener:
        printer = f'driver = "network"\nhost = "127.0.0.1"\nport = {listener.port}'
        result = run(kiosk(tmp_path, printer), "printer", "test", "--lang", "es")
        assert result.returncode == 0, result.stderr
        (job,) = listener.wait_for(1)
    decoded = decode(bytes(job.data))
    assert any("TST-000-000" in line for line in decoded.lines)
    assert max(len(line) for line in decoded.lines) <= 32
    assert decoded.cuts == 1
    (image,) = decoded.images
    (url,) = qr_texts(image)
    assert url.startswith("http://127.0.0.1:8780/c/") and url in result.stdout
    # As dense as a real handoff code: its token is as long as one the desk issues.
    assert len(url.removeprefix("http://127.0.0.1:8780/c/")) == len(new_token())


def test_printer_keys_shown_in_docs_printing_md_are_used(tmp_path: Path) -> None:
    keys = 'timeout = 0.5\nprofile = "TM-T88V"\ncodepage = "CP858"'
    with PrinterListener() as listener:
        printer = f'driver = "network"\nhost = "127.0.0.1"\nport = {listener.port}\n{keys}'
        result = run(kiosk(tmp_path, printer), "printer", "test", "--lang", "pt")
        assert result.returncode == 0, result.stderr
        (job,) = listener.wait_for(1)
    data = bytes(job.data)
    # One code page, the pinned one, for every accent of the page.
    assert len(set(re.findall(rb"\x1bt(.)", data, re.DOTALL))) == 1
    decoded = decode(data, profile="TM-T88V")
    assert any("ç" in line or "ã" in line for line in decoded.lines)
    with PrinterListener(answer=False) as silent:
        printer = f'driver = "network"\nhost = "127.0.0.1"\nport = {silent.port}\n{keys}'
        result = run(kiosk(tmp_path, printer), "printer", "test")
    assert result.returncode == 1
    assert "(timeout)" in result.stderr and "Traceback" not in result.stderr
    bad = f'driver = "network"\nhost = "127.0.0.1"\nport = 9100\n{keys}'.replace("CP858", "CP9")
    result = run(kiosk(tmp_path, bad), "printer", "test")
    assert result.returncode == 1
    assert "CP9" in result.stderr and "Traceback" not in result.stderr
    result = run(kiosk(tmp_path, bad))  # the app itself: a configuration error
    assert result.returncode == 2
    assert "CP9" in result.stderr and "Traceback" not in result.stderr


def test_printer_test_on_a_closed_port_exits_1_naming_unreachable(tmp_path: Path) -> None:
    printer = f'driver = "network"\nhost = "127.0.0.1"\nport = {closed_port()}'
    result = run(kiosk(tmp_path, printer), "printer", "test", "--lang", "en")
    assert result.returncode == 1
    assert "unreachable" in result.stderr
    assert "Traceback" not in result.stderr


def test_devices_lists_the_simulated_reader_and_the_printer(tmp_path: Path) -> None:
    result = run(kiosk(tmp_path), "devices")
    assert result.returncode == 0, result.stderr
    assert "Counterpart simulated reader" in result.stdout
    for key in load_citizens():
        assert key in result.stdout
    assert "preview printer" in result.stdout and "ready" in result.stdout


def test_devices_exits_1_when_the_printer_is_unreachable(tmp_path: Path) -> None:
    printer = f'driver = "network"\nhost = "127.0.0.1"\nport = {closed_port()}'
    result = run(kiosk(tmp_path, printer), "devices")
    assert result.returncode == 1
    assert "simulated reader" in result.stdout
    assert "unreachable" in result.stderr


@pytest.mark.parametrize("command", [("card", "read", "--timeout", "1"), ("devices",)])
def test_pcsc_without_pcscd_exits_1_with_a_plain_message(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    config = kiosk(tmp_path)
    config.write_text(config.read_text().replace('driver = "simulated"', 'driver = "pcsc"'))
    env_socket = tmp_path / "no-pcscd.comm"
    result = subprocess.run(
        [COUNTERPART, "--config", str(config), *command],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "PCSCLITE_CSOCK_NAME": str(env_socket)},
    )
    assert result.returncode == 1
    assert "pcscd" in result.stderr and "Traceback" not in result.stderr
