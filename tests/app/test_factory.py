"""The app the tests drive is the app ``counterpart`` runs: one factory, the same pieces."""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.factory import build_app, close_app
from app.print_queue import PersistentPrintQueue
from sync.central.target import EmbeddedTarget
from sync.link import RemoteCentral
from tests.app.conftest import AppFactory


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
