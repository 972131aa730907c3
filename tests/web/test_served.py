"""``counterpart central serve`` serves the citizen's pages, and its output holds no token
and no personal data (no access log: a link's path is a secret)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx

from sync.central.store import CentralStore
from tests.sync.serverproc import ROOT, free_port
from tests.web.seed import seed_journey


def _config(folder: Path, url: str) -> Path:
    path = folder / "kiosk.toml"
    path.write_text(
        '[site]\nid = "central-test"\nname = "Central"\n\n'
        f'[central]\npublic_url = "{url}"\ndocuments_path = "{folder / "documents"}"\n\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n',
        encoding="utf-8",
    )
    return path


def test_the_served_pages_log_no_token_and_no_personal_data(tmp_path: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = f"sqlite:///{tmp_path / 'central.db'}"
    store = CentralStore(db)
    seeded = seed_journey(store)
    store.close()
    argv = [sys.executable, "-m", "app.cli", "--config", str(_config(tmp_path, url)),
            "central", "serve", "--db", db, "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(
        argv, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        with httpx.Client(base_url=url, timeout=10, follow_redirects=True) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    page = client.get(f"/c/{seeded.token}")
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "central serve did not start"
                    time.sleep(0.1)
            assert page.status_code == 200
            token = re.search(r'name="csrftoken" value="([^"]+)"', page.text)
            assert token
            opened = client.post("/c/confirm", data={
                "csrftoken": token.group(1), "token": seeded.token,
                "day": "23", "month": "04", "year": "1958",
            })  # fmt: skip
            assert opened.status_code == 200 and seeded.shown_ref in opened.text
            assert "Maria da Conceição Silva" not in opened.text  # the journey page has no name
    finally:
        server.terminate()
        output = server.communicate(timeout=15)[0].decode()
    assert seeded.token not in output
    assert "1958" not in output and "Maria" not in output
