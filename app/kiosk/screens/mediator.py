"""A person is coming: a calm message with the ticket number of the call."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from app.kiosk.base import KioskModal


class MediatorScreen(KioskModal):
    """The ticket, and OK.

    Args:
        ticket: The call's number today.
        message: A text key said first (why the kiosk called), if any.
    """

    SCREEN_NAME = "mediator"
    TITLE_KEY = "mediator.title"

    def __init__(self, ticket: int, message: str | None = None) -> None:
        super().__init__()
        self.ticket = ticket
        self.message = message

    def question(self) -> str:
        body = self.say("mediator.body", ticket=f"{self.ticket:03d}")
        return f"{self.say(self.message)}\n{body}" if self.message else body

    def body(self) -> ComposeResult:
        yield Static(f"{self.ticket:03d}", id="ticket", classes="ticket")
        yield Button(self.say("mediator.ok"), id="ok", classes="big-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#ok", Button).focus()

    @on(Button.Pressed, "#ok")
    def _ok(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
