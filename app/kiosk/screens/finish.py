"""All done: submit what is complete, print the receipt with the handoff, then forget.

A printer without paper (or unreachable) leaves the receipt waiting in the
queue with its link, says so plainly, and calls a mediator; the journey is safe.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Button, Static

from app.failures import RECOVERABLE
from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, CallMediator, Forget
from app.messages import SyncWanted
from sync.domain.consent import allows_handoff
from sync.domain.progress import journey_progress
from sync.domain.rules import ready_to_submit


@dataclass
class PrintEnded(Message):
    """The receipt printed (``ok``) or waits in the queue; ``left``: what is still to do."""

    ok: bool
    left: list[str]


class FinishScreen(KioskScreen):
    """Print my receipt, Finish.

    Args:
        journey_id: The journey.
    """

    SCREEN_NAME = "finish"
    TITLE_KEY = "finish.title"
    QUESTION_KEY = "finish.question"

    def __init__(self, journey_id: str) -> None:
        super().__init__()
        self.journey_id = journey_id

    def body(self) -> ComposeResult:
        yield Button(self.say("finish.print"), id="print", classes="big-button primary-button")
        yield Static("", id="finish-status", classes="kiosk-status")
        if self.session.sync_outcome is not None and self.session.sync_outcome.state == "offline":
            yield Static(self.say("finish.offline"), classes="kiosk-status")
        with Horizontal(classes="nav-row"):
            yield Button(self.say("nav.back"), id="back", classes="nav-button")
            yield Button(self.say("finish.done"), id="done", classes="nav-button")

    def on_mount(self) -> None:
        self.query_one("#print", Button).focus()

    @on(Button.Pressed, "#back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Back())

    @on(Button.Pressed, "#done")
    def _done(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Forget())

    @on(Button.Pressed, "#print")
    def _print(self, event: Button.Pressed) -> None:
        event.stop()
        event.button.disabled = True
        self.query_one("#finish-status", Static).update(self.say("finish.printing"))
        self.finish(self.session.citizen_language)

    @work(thread=True, exclusive=True, exit_on_error=False, group="kiosk-finish")
    def finish(self, language: str) -> None:
        """Submit what is ready, issue a handoff (with the consent), print the receipt."""
        desk = self.desk
        try:
            state = desk.journey(self.journey_id)
            desk.submit(self.journey_id, ready_to_submit(state, desk.catalogue))
            handoff = desk.issue_handoff(self.journey_id) if allows_handoff(state) else None
            printed = desk.print_receipt(self.journey_id, handoff, language)
            state = desk.journey(self.journey_id)
        except RECOVERABLE as exc:
            self.fail(exc)
            return
        left = [
            progress.service.name.get(language)
            for progress in journey_progress(state, desk.catalogue)
            if not progress.complete
        ]
        self.post_message(PrintEnded(printed.result.error is None, left))
        self.post_message(SyncWanted())

    def on_print_ended(self, message: PrintEnded) -> None:
        message.stop()
        lines = [self.say("finish.printed" if message.ok else "finish.waiting")]
        if message.left:
            lines.append(self.say("finish.left", what=", ".join(message.left)))
        self.query_one("#finish-status", Static).update("\n".join(lines))
        self.query_one("#done", Button).focus()
        if not message.ok:
            self.post_message(CallMediator(reason="printer"))
