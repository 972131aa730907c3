"""What the CLI tests share: a copy of the committed kiosk.toml in the test's folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A copy of the committed kiosk.toml whose store lives in a temp folder."""
    text = (ROOT / "kiosk.toml").read_text()
    text = text.replace('path = "fixtures/catalogue"', f'path = "{ROOT / "fixtures/catalogue"}"')
    text = text.replace('cards = "fixtures/cards"', f'cards = "{ROOT / "fixtures/cards"}"')
    config = tmp_path / "kiosk.toml"
    config.write_text(text)
    return config
