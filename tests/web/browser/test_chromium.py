"""The browser the tests drive is Debian's, launched as asked, and its absence fails loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.web.browser.chromium import ARGS, CHROMIUM, require


def test_a_missing_chromium_fails_the_tests_with_what_to_install(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception) as failed:
        require(tmp_path / "chromium")
    assert "install Debian's chromium package" in str(failed.value)
    assert "./dev test" in str(failed.value)


def test_the_browser_is_debians_chromium_headless_and_offline(chromium: Browser) -> None:
    assert require() == CHROMIUM
    assert chromium.browser_type.name == "chromium"
    assert chromium.version.split(".")[0].isdigit()
    for flag in ("--headless", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"):  # fmt: skip
        assert flag in ARGS
