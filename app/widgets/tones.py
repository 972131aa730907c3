"""Tones instead of colours: what a text means (done, warning, error, note, a citizen's call
for help), styled by the theme.

Screens and widgets never name a colour: they ask for a tone, and the tone takes
its colour from the running app's theme variables (``$success``, ``$warning``,
``$error``, ``$accent``, ``$primary``), so a high-contrast theme (the kiosk's) restyles every
text that Python builds, as the stylesheet restyles the rest.
"""

from __future__ import annotations

from typing import Final, Literal

from rich.style import Style
from rich.text import Text
from textual.dom import DOMNode

Tone = Literal["ok", "warn", "error", "note", "help"]
"""What a text says: done or saved, needs attention, went wrong, a remark, the citizen asked
for a person (from home or a kiosk)."""

THEME_VARIABLE: Final[dict[Tone, str]] = {
    "ok": "success",
    "warn": "warning",
    "error": "error",
    "note": "accent",
    "help": "primary",
}
"""The theme variable each tone takes its colour from."""


def tone_style(node: DOMNode, tone: Tone, *, bold: bool = False) -> Style:
    """The Rich style of ``tone`` in the theme of the app ``node`` runs in."""
    colour = node.app.theme_variables.get(THEME_VARIABLE[tone])
    return Style(color=colour, bold=bold or None)


def toned(node: DOMNode, text: str, tone: Tone, *, bold: bool = False) -> Text:
    """``text`` in ``tone``."""
    return Text(text, style=tone_style(node, tone, bold=bold))
