"""Tones take their colours from the running theme, so a high-contrast theme restyles them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.color import Color
from textual.app import App, ComposeResult
from textual.theme import Theme
from textual.widgets import Static

from app.widgets.tones import THEME_VARIABLE, tone_style, toned

pytestmark = pytest.mark.anyio

APP_SOURCES = Path(__file__).resolve().parents[2] / "app"
COLOUR_NAME = re.compile(
    r"""style\s*=\s*["'][^"']*\b(red|green|yellow|cyan|blue|magenta|white|black)\b"""
    r"""|["'](?:bold |dim |italic )*(red|green|yellow|cyan|blue|magenta)["']"""
)


CONTRAST = Theme(
    name="contrast",
    primary="#ffffff",
    success="#00ff00",
    warning="#ffff00",
    error="#ff0000",
    accent="#00ffff",
    background="#000000",
    dark=True,
)
"""A high-contrast theme of the kind a kiosk uses."""


class Harness(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="probe")

    def on_mount(self) -> None:
        self.register_theme(CONTRAST)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "contrast"])
async def test_each_tone_is_the_colour_of_its_theme_variable(theme: str) -> None:
    app = Harness()
    async with app.run_test() as pilot:
        app.theme = theme
        await pilot.pause()
        probe = app.query_one("#probe")
        for tone, variable in THEME_VARIABLE.items():
            expected = app.theme_variables[variable]
            assert tone_style(probe, tone).color == Color.parse(expected)
        assert toned(probe, "x", "error", bold=True).style == tone_style(probe, "error", bold=True)


async def test_switching_theme_changes_the_tone() -> None:
    app = Harness()
    async with app.run_test() as pilot:
        probe = app.query_one("#probe")
        app.theme = "textual-dark"
        await pilot.pause()
        dark = tone_style(probe, "ok").color
        app.theme = "contrast"
        await pilot.pause()
        assert dark != tone_style(probe, "ok").color == Color.parse("#00ff00")


def test_no_colour_is_named_in_the_apps_python() -> None:
    named = [
        f"{path.relative_to(APP_SOURCES.parent)}:{number}: {line.strip()}"
        for path in sorted(APP_SOURCES.rglob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if COLOUR_NAME.search(line)
    ]
    assert named == []
