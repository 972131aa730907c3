"""Are you still there: a countdown before the kiosk forgets the citizen."""

from __future__ import annotations

import math
from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button, Static

from app.kiosk.base import KioskModal
from app.kiosk.intents import Forget

Monotonic = Callable[[], float]
"""Seconds from a clock that never goes back (``time.monotonic``; tests pass their own)."""


class IdleScreen(KioskModal):
    """The seconds left, and "I'm still here".

    Args:
        seconds: How long the countdown lasts.
        monotonic: The clock it counts on.
    """

    SCREEN_NAME = "idle"
    TITLE_KEY = "idle.title"

    def __init__(self, seconds: float, monotonic: Monotonic) -> None:
        super().__init__()
        self.monotonic = monotonic
        self.deadline = monotonic() + seconds
        self.ended = False

    @property
    def left(self) -> int:
        """Whole seconds left."""
        return max(0, math.ceil(self.deadline - self.monotonic()))

    def question(self) -> str:
        return self.say("idle.body", seconds=self.left)

    def body(self) -> ComposeResult:
        yield Static(str(self.left), id="idle-seconds", classes="ticket")
        yield Button(self.say("idle.here"), id="still-here", classes="big-button primary-button")

    def on_mount(self) -> None:
        self.query_one("#still-here", Button).focus()
        self.set_interval(0.5, self.tick)

    def tick(self) -> None:
        """Show the seconds left; at zero, forget the citizen."""
        if self.ended:
            return
        left = self.left
        self.query_one("#idle-seconds", Static).update(str(left))
        self.query_one("#kiosk-question", Static).update(self.question())
        if left == 0:
            self.ended = True
            self.post_message(Forget())

    @on(Button.Pressed, "#still-here")
    def _here(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss()
