"""The kiosk's two themes: Textual's dark one, and a high-contrast one (white and yellow on
black, at least 7:1) for poor eyesight. Every colour of the kiosk comes from these."""

from __future__ import annotations

from typing import Final

from textual.theme import Theme

DEFAULT: Final = "textual-dark"
"""The kiosk's ordinary theme."""

HIGH_CONTRAST: Final = Theme(
    name="kiosk-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff66",
    warning="#ffff00",
    error="#ff8080",
    boost="#333333",
    dark=True,
)
"""High contrast: white text on black, yellow for what can be touched and for focus."""


def theme_name(high_contrast: bool) -> str:
    """The theme to show."""
    return HIGH_CONTRAST.name if high_contrast else DEFAULT
