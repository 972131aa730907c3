"""``counterpart journeys`` says which journeys are closed, and why; Home's list says
"closed" too (issue 14, item 6: both said "open" for a journey whose services were
all submitted)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from sync.domain.ids import format_reference
from sync.store.store import LocalStore
from tests.cli.test_cli import COUNTERPART


def _journey(store: LocalStore, name: str, *, closed: str | None) -> str:
    started = store.start_journey(language="pt", channel="counter", actor="operator:demo")
    journey_id = started.journey_id
    store.append(journey_id, "citizen.identified",
                 {"method": "manual", "name": name, "birth_date": "1975-03-01"},
                 channel="counter", actor="operator:demo")  # fmt: skip
    store.append(journey_id, "service.added", {"service": "tax.change-of-address"},
                 channel="counter", actor="operator:demo")  # fmt: skip
    if closed is not None:
        store.append(journey_id, "service.submitted", {"service": "tax.change-of-address"},
                     channel="counter", actor="operator:demo")  # fmt: skip
        store.append(journey_id, "journey.closed", {"reason": closed},
                     channel="counter", actor="operator:demo")  # fmt: skip
    return str(started.data["ref"])


def _listing(site: Path, *args: str) -> str:
    """``counterpart journeys`` as a wide terminal runs it (no row wrapped)."""
    result = subprocess.run([COUNTERPART, "--config", str(site), "journeys", *args],
                            capture_output=True, text=True, timeout=60, check=False,
                            env={**os.environ, "COLUMNS": "200"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_listing_says_closed_with_the_reason_and_open_otherwise(site: Path) -> None:
    with LocalStore(site.parent / "var/counterpart.db", site_id="demo-lisboa") as store:
        done = _journey(store, "Lucía Pérez", closed="completed")
        going = _journey(store, "Rui Costa", closed=None)
    lines = _listing(site).splitlines()
    (done_line,) = [line for line in lines if format_reference(done) in line]
    (going_line,) = [line for line in lines if format_reference(going) in line]
    assert "closed: completed" in done_line and "open" not in done_line
    assert "open" in going_line and "closed" not in going_line
    rows = {r["ref"]: r for r in json.loads(_listing(site, "--json"))}
    assert rows[done]["closed"] == "completed"
    assert rows[going]["closed"] is None
