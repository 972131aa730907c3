"""Debian's Chromium driven by Playwright: launched from ``/usr/bin/chromium``, never downloaded.

``./dev`` installs the ``chromium`` package (the README's test command). A machine
without it fails these tests with a message saying so: a browser test that
skipped would let CI pass without a browser ever having opened a page.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Final

import pytest
from playwright.sync_api import Browser, BrowserContext, Playwright, ViewportSize

CHROMIUM: Final = Path("/usr/bin/chromium")
"""Debian's Chromium (the ``chromium`` package)."""

ARGS: Final = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
"""Headless, and nothing that reaches out to the network on its own."""

PHONE: Final[ViewportSize] = {"width": 390, "height": 844}
"""A phone's viewport in CSS pixels (drawn at device scale 2)."""


def require(executable: Path = CHROMIUM) -> Path:
    """The browser to launch; fails the test (never skips it) when it is not installed."""
    if shutil.which(str(executable)) is None:
        pytest.fail(
            f"{executable} is missing: install Debian's chromium package "
            "(`./dev test` as root does: it is in SYSTEM_PACKAGES); "
            "the browser tests never download a browser",
            pytrace=False,
        )
    return executable


def launch(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless, with a fresh temporary profile.

    Playwright gives each launch its own new ``--user-data-dir`` (and removes it on
    close), so no profile is shared between runs.
    """
    executable = require()
    return playwright.chromium.launch(
        executable_path=str(executable), headless=True, args=list(ARGS)
    )


def phone(browser: Browser, *, javascript: bool = True, lang: str = "pt-PT") -> BrowserContext:
    """A fresh context (no cookies, no cache) at a phone's width."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        java_script_enabled=javascript,
        locale=lang,
        timezone_id="UTC",
        reduced_motion="reduce",
    )
    context.set_default_timeout(15_000)
    return context
