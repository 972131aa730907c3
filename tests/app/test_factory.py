"""The app the tests drive is the app ``counterpart`` runs: one factory, the same pieces."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from app.config import Settings
from app.factory import build_app, close_app, embedded_port, make_sync_link
from app.print_queue import PersistentPrintQueue
from sync.central.target import EmbeddedTarget
from sync.domain.handoff import handoff_url
from sync.link import RemoteCentral
from sync.store.store import LocalStore
from tests.app.conftest import PUBLIC_URL, AppFactory
from tests.sync.serverproc import free_port


def test_the_tests_app_has_the_persistent_queue_and_background_sync(
    make_app: AppFactory, machine: Settings, tmp_path: Path
) -> None:
    app = make_app()
    assert isinstance(app.desk.print_queue, PersistentPrintQueue)
    link = app.sync_link
    assert link is not None and isinstance(link.target, EmbeddedTarget)
    assert link.target.db_path == tmp_path / "central.db"
    assert app.desk.store.on_append is not None  # every save nudges a round


def test_counterpart_builds_everything_from_kiosk_toml(machine: Settings, tmp_path: Path) -> None:
    app = build_app(machine)  # what ``counterpart --config kiosk.toml`` runs
    try:
        assert app.desk.store.path == tmp_path / "counterpart.db"
        assert isinstance(app.desk.print_queue, PersistentPrintQueue)
        assert app.desk.card_reader is not None and app.desk.printer is not None
        assert app.sync_link is not None and isinstance(app.sync_link.target, EmbeddedTarget)
        assert app.lock_after == float(machine.site.lock_after_seconds)
    finally:
        close_app(app)


def test_a_central_url_makes_a_remote_target(machine: Settings) -> None:
    central = machine.central.model_copy(update={"url": "https://central.example"})
    app = build_app(machine.model_copy(update={"central": central}), use_devices=False)
    try:
        assert app.sync_link is not None
        target = app.sync_link.target
        assert isinstance(target, RemoteCentral) and target.url == "https://central.example"
    finally:
        close_app(app)


def test_no_sync_when_central_is_off(machine: Settings) -> None:
    central = machine.central.model_copy(update={"url": "off"})
    app = build_app(machine.model_copy(update={"central": central}), use_devices=False)
    try:
        assert app.sync_link is None and app.desk.store.on_append is None
    finally:
        close_app(app)


@pytest.mark.parametrize(
    ("public_url", "port"),
    [
        ("http://127.0.0.1:8780", 8780),
        ("http://localhost:9001/", 9001),
        ("http://127.0.0.1", 80),
        ("https://localhost", 443),
        ("https://continuar.example.gov.pt", 0),
        ("http://192.0.2.7:8780", 0),
        (PUBLIC_URL, 0),
    ],
)
def test_the_embedded_store_takes_public_urls_port_when_it_is_this_machine(
    public_url: str, port: int
) -> None:
    assert embedded_port(public_url) == port


def test_the_qr_of_the_embedded_demo_opens_on_this_machine(
    machine: Settings, tmp_path: Path
) -> None:
    port = free_port()
    central = machine.central.model_copy(update={"public_url": f"http://127.0.0.1:{port}"})
    link = make_sync_link(machine.model_copy(update={"central": central}))
    assert link is not None and isinstance(link.target, EmbeddedTarget)
    assert link.target.port == port
    try:
        with LocalStore(tmp_path / "counterpart.db", site_id=machine.site.id) as store:
            assert link.sync_round(store).state == "synced"
        # What the finish screen's QR holds reaches the store that just synced.
        shown = httpx.URL(handoff_url(central.public_url, "SomeTokenSomeTokenSomeToken0"))
        assert (shown.host, shown.port) == ("127.0.0.1", port)
        assert httpx.get(f"http://{shown.host}:{shown.port}/openapi.json").status_code == 200
    finally:
        link.close()


def test_the_tests_machine_does_not_take_the_demo_port(machine: Settings) -> None:
    link = make_sync_link(machine)
    assert link is not None and isinstance(link.target, EmbeddedTarget)
    assert link.target.port == 0  # tests run side by side, and beside ``./dev run``
