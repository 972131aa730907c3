"""The bar at the foot of every kiosk screen: listen, call a mediator, text size, contrast."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button

from app.kiosk import intents
from app.kiosk.texts import say

ACTIONS = (
    ("listen", "bar.listen", intents.Listen),
    ("mediator", "bar.mediator", intents.CallMediator),
    ("text-size", "bar.text_size", intents.ToggleLargeText),
    ("contrast", "bar.contrast", intents.ToggleContrast),
)
"""Each button: its id, its text key and the intent it posts."""


class AssistBar(Horizontal):
    """Four large buttons that every screen has (and F1 to F4 do the same)."""

    DEFAULT_CLASSES = "assist-bar"

    def __init__(self, lang: str) -> None:
        super().__init__(id="assist-bar")
        self.lang = lang

    def compose(self) -> ComposeResult:
        for name, key, _ in ACTIONS:
            yield Button(say(self.lang, key), id=f"bar-{name}", classes="bar-button")

    @on(Button.Pressed, ".bar-button")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        for name, _, intent in ACTIONS:
            if event.button.id == f"bar-{name}":
                self.post_message(intent())
