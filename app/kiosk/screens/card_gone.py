"""The card was pulled out mid-journey: go on without it, or stop (and be forgotten)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from app.kiosk.base import KioskModal
from app.kiosk.intents import Forget


class CardGoneScreen(KioskModal):
    """Go on, or stop."""

    SCREEN_NAME = "card_gone"
    TITLE_KEY = "card_gone.title"
    QUESTION_KEY = "card_gone.body"

    def body(self) -> ComposeResult:
        yield Button(self.say("card_gone.go_on"), id="go-on", classes="big-button primary-button")
        yield Button(self.say("card_gone.stop"), id="stop", classes="big-button")

    def on_mount(self) -> None:
        self.query_one("#go-on", Button).focus()

    @on(Button.Pressed, "#go-on")
    def _go_on(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()

    @on(Button.Pressed, "#stop")
    def _stop(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Forget())
