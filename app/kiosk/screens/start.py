"""Start something new, or go on with the journey of a receipt."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, GoOn, StartNew


class StartScreen(KioskScreen):
    """Two large choices."""

    SCREEN_NAME = "start"
    TITLE_KEY = "start.title"

    def body(self) -> ComposeResult:
        yield Button(self.say("start.new"), id="new", classes="big-button")
        yield Button(self.say("start.continue"), id="go-on", classes="big-button")
        yield Button(self.say("nav.back"), id="back", classes="nav-button")

    def on_mount(self) -> None:
        self.query_one("#new", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        intent = {"new": StartNew, "go-on": GoOn, "back": Back}.get(event.button.id or "")
        if intent is not None:
            event.stop()
            self.post_message(intent())
