"""The app with the embedded central store: a finished journey syncs, the header says so,
and `counterpart central status` on the central database lists the device with backlog 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app.counter.screens.finish import FinishScreen
from sync.central.store import CentralStore
from sync.client import Backoff
from sync.link import RemoteCentral, SyncLink
from sync.store.store import LocalStore
from tests.app.conftest import (
    PUBLIC_URL,
    ROOT,
    SIZE,
    AppFactory,
    embedded_link,
    seed_journey,
    settle,
    sign_in,
)
from tests.sync.serverproc import free_port

pytestmark = pytest.mark.anyio


def header_text(app: object) -> str:
    bar = app.screen.status_bar  # type: ignore[attr-defined]
    assert bar is not None
    return str(bar.render())


async def test_a_finished_journey_syncs_to_the_embedded_central_store(
    make_app: AppFactory, store: LocalStore, tmp_path: Path
) -> None:
    token_file = tmp_path / "var" / "device.token"
    link = embedded_link(tmp_path)
    app = make_app(sync_link=link)
    try:
        async with app.run_test(size=SIZE) as pilot:
            journey_id = seed_journey(app)
            await sign_in(pilot)  # meanwhile the first round, on mount, pushes the seeded events
            app.push_screen(FinishScreen(journey_id))
            await settle(pilot)  # the finish posts a sync round
            app.sync_now()  # and one more for what the receipt printer appended meanwhile
            await settle(pilot)
            assert app.session.sync_outcome is not None
            assert (app.session.sync_outcome.state, app.session.sync_outcome.waiting) == (
                "synced",
                0,
            )
            assert store.backlog() == 0 and app.session.events_waiting == 0
            header = header_text(app)
            assert "synced " in header or "sincronizado " in header, header
            assert "waiting" not in header and "por sincronizar" not in header, header
    finally:
        link.close()
    assert token_file.stat().st_mode & 0o777 == 0o600
    central = CentralStore(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        with central.engine.connect() as conn:
            held = conn.execute(
                text("SELECT count(*) FROM events WHERE device_id = :d"), {"d": store.device_id}
            ).scalar_one()
        assert held == store.last_seq()
        assert [(d.device_id, d.backlog) for d in central.device_statuses()] == [
            (store.device_id, 0)
        ]
    finally:
        central.close()

    (tmp_path / "kiosk.toml").write_text(
        '[site]\nid = "demo-lisboa"\nname = "Test"\n'
        '[store]\npath = "counterpart.db"\n'
        '[central]\nurl = "embedded"\ntoken_file = "var/device.token"\n'
        f'public_url = "{PUBLIC_URL}"\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n'
    )
    cli = Path(sys.executable).with_name("counterpart")
    done = subprocess.run(
        [str(cli), "--config", str(tmp_path / "kiosk.toml"), "central", "status"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr
    row = next(line for line in done.stdout.splitlines() if store.device_id in line)
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert (cells[1], cells[4], cells[-1]) == ("demo-lisboa", "0", "active"), done.stdout


@pytest.mark.parametrize("enrolled", [False, True])
async def test_the_header_is_calm_when_not_enrolled_or_offline(
    make_app: AppFactory, tmp_path: Path, enrolled: bool
) -> None:
    token_file = tmp_path / "device.token"
    if enrolled:
        token_file.write_text("some-token\n")
    port = free_port()  # nothing listens there
    link = SyncLink(RemoteCentral(f"http://127.0.0.1:{port}", token_file), backoff=Backoff.off())
    app = make_app(sync_link=link)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)  # the round on mount (a second one would cancel it)
        seed_journey(app)
        app.sync_now()
        await settle(pilot)
        header = header_text(app)
        assert app.session.sync_outcome is not None
        if enrolled:
            assert app.session.sync_outcome.state == "offline"
            assert "desde" in header or "since" in header, header
            assert app.session.sync_outcome.waiting == app.desk.store.backlog() > 0
        else:
            assert app.session.sync_outcome.state == "not_enrolled"
            assert "counterpart enrol" in header, header
        assert not app.screen.query("Toast"), "no error dialogs for being offline"
    link.close()


def test_counterpart_sync_from_the_shell_uses_the_embedded_store(tmp_path: Path) -> None:
    from app.config import load_settings
    from app.factory import open_store

    config = tmp_path / "kiosk.toml"
    config.write_text(
        '[site]\nid = "demo-lisboa"\nname = "Test"\n'
        '[store]\npath = "var/counterpart.db"\n'
        '[central]\nurl = "embedded"\ntoken_file = "var/device.token"\n'
        f'public_url = "{PUBLIC_URL}"\n'
        f'[catalogue]\npath = "{ROOT / "fixtures" / "catalogue"}"\n'
    )
    with open_store(load_settings(config)) as store:
        store.start_journey(language="pt", channel="counter", actor="operator:demo")
        written = store.last_seq()
    cli = Path(sys.executable).with_name("counterpart")
    done = subprocess.run(
        [str(cli), "--config", str(config), "sync"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"pushed {written}, pulled 0, parked 0, left 0"), done.stdout
    assert (tmp_path / "var" / "central.db").exists()
    assert (tmp_path / "var" / "device.token").stat().st_mode & 0o777 == 0o600
