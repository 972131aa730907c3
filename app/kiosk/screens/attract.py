"""Attract: what the kiosk shows while nobody uses it; any touch or key begins."""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from app.kiosk.base import KioskScreen
from app.kiosk.intents import Begin
from app.kiosk.texts import say


class AttractScreen(KioskScreen):
    """Welcome in the site's languages, and one large button."""

    SCREEN_NAME = "attract"
    TITLE_KEY = "attract.title"

    def heading(self) -> str:
        return " · ".join(say(lang, "attract.title") for lang in self.session.languages)

    def question(self) -> str:
        return self.say("attract.body")

    def body(self) -> ComposeResult:
        yield Static("")
        yield Button(self.say("attract.start"), id="begin", classes="big-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#begin", Button).focus()

    @on(Button.Pressed, "#begin")
    def _begin(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Begin())

    def on_click(self, event: events.Click) -> None:
        if not isinstance(event.widget, Button):
            self.post_message(Begin())
