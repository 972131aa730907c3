"""The committed fixtures/van/kiosk.toml: van mode, its store encrypted at rest with a key
made on the first start, and a central store of its own (not the embedded one)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

from app.config import load_settings
from app.counter.van import VanApp
from app.factory import build_app, close_app
from tests.app.conftest import ROOT

VAN = ROOT / "fixtures" / "van" / "kiosk.toml"


def test_the_committed_van_config_starts_van_mode_with_an_encrypted_store(
    tmp_path: Path,
) -> None:
    # The config as committed, in a folder of its own with the fixtures beside it.
    (tmp_path / "van").mkdir()
    shutil.copy(VAN, tmp_path / "van" / "kiosk.toml")
    for folder in ("cards", "catalogue"):
        (tmp_path / folder).symlink_to(ROOT / "fixtures" / folder)
    settings = load_settings(tmp_path / "van" / "kiosk.toml")
    assert settings.site.mode == "van"
    assert settings.store.encryption == "sqlcipher"
    assert settings.central.url.startswith("http://127.0.0.1:")

    app = build_app(settings)
    try:
        assert isinstance(app, VanApp)
    finally:
        close_app(app)

    store = tmp_path / "van" / "var" / "van.db"
    key = tmp_path / "van" / "var" / "store.key"
    assert store.read_bytes()[:16] != b"SQLite format 3\x00"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
