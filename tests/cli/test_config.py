"""kiosk.toml settings: the committed demo file, relative paths, and the generated reference."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.config import ConfigError, load_settings, reference_markdown

ROOT = Path(__file__).resolve().parents[2]


def test_committed_kiosk_toml_runs_the_demo() -> None:
    settings = load_settings(ROOT / "kiosk.toml")
    assert settings.site.mode == "counter"
    assert settings.card_reader.driver == "simulated"
    assert settings.printer.driver == "preview"
    assert settings.central.url == "embedded"
    assert settings.resolve(settings.catalogue.path) == ROOT / "fixtures/catalogue"


def test_settings_are_frozen() -> None:
    settings = load_settings(ROOT / "kiosk.toml")
    with pytest.raises(ValueError):
        settings.site.name = "changed"  # type: ignore[misc]


def test_driver_specific_keys_are_required(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text('[site]\nid = "s1"\nname = "S"\n[printer]\ndriver = "usb"\n')
    with pytest.raises(
        ConfigError, match=r"printer\.vendor_id \(not set\): .*usb driver needs both"
    ):
        load_settings(config)


def test_source_is_not_a_key(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text('source = "x"\n[site]\nid = "s1"\nname = "S"\n')
    with pytest.raises(ConfigError, match="source: unknown key"):
        load_settings(config)


def test_docs_configuration_md_matches_the_code() -> None:
    documented = (ROOT / "docs/configuration.md").read_text()
    assert documented == reference_markdown() + "\n", (
        "docs/configuration.md is stale: python -m app.config > docs/configuration.md"
    )


def test_lock_and_body_limits_are_bounded(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text('[site]\nid = "s1"\nname = "S"\nlock_after_seconds = 0\n')
    assert load_settings(config).site.lock_after_seconds == 0  # never lock
    config.write_text('[site]\nid = "s1"\nname = "S"\nlock_after_seconds = -5\n')
    with pytest.raises(ConfigError, match=r"site\.lock_after_seconds = -5: .*greater than or eq"):
        load_settings(config)
    config.write_text('[site]\nid = "s1"\nname = "S"\n[central]\nmax_body_bytes = 1024\n')
    with pytest.raises(ConfigError, match=r"central\.max_body_bytes = 1024: .*65536"):
        load_settings(config)
