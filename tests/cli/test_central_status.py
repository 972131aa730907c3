"""``counterpart central status`` lists the accessibility reports, contacts kept off the
terminal unless ``--show-contacts`` asks for them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.commands.central import _status
from sync.central.store import CentralStore

COUNTERPART = str(Path(sys.executable).with_name("counterpart"))
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path) -> CentralStore:
    store = CentralStore(f"sqlite:///{tmp_path / 'central.db'}")
    store.add_accessibility_report(
        page="Your request", language="en", wants="problem", contact="ana@example.org",
        problem="The Save button is hidden at 400% zoom\nsecond line [/] [bold]x",
    )  # fmt: skip
    store.add_accessibility_report(page="Step: new address", language="pt", wants="large_print",
                                   problem="", contact=None)  # fmt: skip
    return store


def test_reports_are_listed_with_contacts_as_given_or_none(
    store: CentralStore, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _status(store) == 0
    out = capsys.readouterr().out
    assert "No devices enrolled yet." in out and "Accessibility reports" in out
    assert "The Save button is hidden at 400% zoom" in out and "second line" not in out
    assert "large print" in out and "given" in out and "none" in out
    assert "ana@example.org" not in out


def test_show_contacts_shows_them(store: CentralStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert _status(store, show_contacts=True) == 0
    assert "ana@example.org" in capsys.readouterr().out


def test_no_reports_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _status(CentralStore(f"sqlite:///{tmp_path / 'empty.db'}")) == 0
    assert "No accessibility reports." in capsys.readouterr().out


def test_the_flag_on_the_command_line(store: CentralStore, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'central.db'}"
    args = [COUNTERPART, "--config", str(ROOT / "kiosk.toml"), "central", "status", "--db", db]
    hidden = subprocess.run(args, capture_output=True, text=True, timeout=60, check=False)
    shown = subprocess.run([*args, "--show-contacts"], capture_output=True, text=True,
                           timeout=60, check=False)  # fmt: skip
    assert hidden.returncode == shown.returncode == 0, hidden.stderr + shown.stderr
    assert "ana@example.org" not in hidden.stdout and "ana@example.org" in shown.stdout
