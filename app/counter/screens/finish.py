"""Finish: submit what is complete, hand off (QR on screen), print the receipt, ask for feedback."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input, Label, RadioSet, Static

from app.counter.intents import GoHome
from app.counter.journey_screen import JourneyScreen
from app.failures import RECOVERABLE
from app.messages import EventSaved, Finished, ReceiptDone, SyncWanted
from app.outcomes import Handoff
from app.widgets.qr_view import QrView
from app.widgets.status_bar import StatusBar
from app.widgets.tick import Choice
from app.widgets.tones import tone_style, toned
from sync.domain.consent import allows_handoff
from sync.domain.ids import format_reference
from sync.domain.progress import journey_progress
from sync.domain.rules import ready_to_submit


class FinishScreen(JourneyScreen):
    """Runs the finishing steps once, then shows the link and asks for feedback."""

    HELP_TEXT = "help.finish"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "reprint", "key.reprint"),
        Binding("ctrl+s", "send_feedback", "key.feedback"),
        # Not ctrl+h: terminals send it as Backspace.
        Binding("ctrl+g", "home", "key.home"),
    ]

    def __init__(self, journey_id: str) -> None:
        super().__init__(journey_id)
        self.handoff: Handoff | None = None
        self.submitted: list[str] = []
        self.print_text = ""
        self.feedback_sent = False

    def compose(self) -> ComposeResult:
        yield StatusBar()
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        yield Label(self.t("finish.title", ref=ref), classes="title")
        with Horizontal(id="finish-body"):
            with Vertical(id="finish-left", classes="panel"):
                yield Static(self._summary(), id="finish-summary")
                yield Static(self.print_text or self.t("finish.printing"), id="print-status")
                yield Label(self.t("finish.feedback"), classes="section")
                with RadioSet(id="score"):
                    for score in range(1, 6):
                        yield Choice(f"{score} {'★' * score}", id=f"score-{score}")
                yield Input(id="comment", placeholder=self.t("finish.comment"))
                yield Static(
                    self.t("finish.thanks") if self.feedback_sent else "", id="feedback-status"
                )
            with Vertical(id="finish-right", classes="panel"):
                yield Label(self.ct("finish.scan"), classes="section")
                yield QrView(id="qr")
                yield Static(self._handoff_text(), id="handoff-url", classes="url")
        yield Footer()

    def _handoff_text(self) -> str:
        if self.handoff is not None:
            return self.handoff.url
        if self.state is not None and not allows_handoff(self.state):
            return self.t("finish.no_handoff")
        return ""

    def _summary(self) -> Text:
        text = Text()
        if self.state is None:
            return text
        lang = self.session.ui_language
        for progress in journey_progress(self.state, self.desk.catalogue):
            service = progress.service
            if progress.submitted:
                text.append(
                    f"✓ {service.name.get(lang)}: {self.t('review.submitted')}\n",
                    style=tone_style(self, "ok"),
                )
            elif progress.home_possible:
                text.append(
                    f"⌂ {service.name.get(lang)}: {self.t('finish.at_home')}\n",
                    style=tone_style(self, "note"),
                )
            else:
                text.append(
                    f"○ {service.name.get(lang)}: {self.t('finish.left')}\n",
                    style=tone_style(self, "warn"),
                )
        return text

    async def show_state(self, first: bool) -> None:
        if not first:
            self.query_one("#finish-summary", Static).update(self._summary())
            return
        await self.recompose()
        self.finish()
        self.query_one("#score", RadioSet).focus()

    async def relabel(self) -> None:
        await super().relabel()
        self.query_one("#qr", QrView).show(self.handoff.url if self.handoff else None)

    @work(thread=True, exclusive=True, exit_on_error=False, group="finish")
    def finish(self) -> None:
        """service.submitted for complete services, then handoff.issued."""
        try:
            state = self.desk.journey(self.journey_id)
            ready = ready_to_submit(state, self.desk.catalogue)
            self.desk.submit(self.journey_id, ready)
            # A link home only with the citizen's consent to it; the receipt's reference
            # still lets any counter resume the journey.
            handoff = self.desk.issue_handoff(self.journey_id) if allows_handoff(state) else None
        except RECOVERABLE as exc:
            self.fail(exc, self.finish)
            return
        self.post_message(Finished(handoff, ready))

    def on_finished(self, message: Finished) -> None:
        message.stop()
        self.handoff = message.handoff
        self.submitted = message.submitted
        url = message.handoff.url if message.handoff else None
        self.query_one("#qr", QrView).show(url)
        self.query_one("#handoff-url", Static).update(url or self.t("finish.no_handoff"))
        self.print_receipt(message.handoff)
        self.reload()
        self.post_message(SyncWanted())  # a finished journey goes to the central store now

    @work(thread=True, exclusive=True, exit_on_error=False, group="printer")
    def print_receipt(self, handoff: Handoff | None) -> None:
        """Queue the receipt and print it; a printer fault leaves it queued."""
        try:
            printed = self.desk.print_receipt(
                self.journey_id, handoff, self.session.citizen_language
            )
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.print_receipt(handoff))
            return
        self.post_message(ReceiptDone(printed))

    @work(thread=True, exclusive=True, exit_on_error=False, group="printer")
    def drain_printer(self) -> None:
        """Print what is still waiting (after the printer is fixed), this receipt and others."""
        try:
            printed = self.desk.drain_printer()
        except RECOVERABLE as exc:
            self.fail(exc, self.drain_printer)
            return
        self.post_message(ReceiptDone(printed))

    def on_receipt_done(self, message: ReceiptDone) -> None:
        message.stop()
        result = message.printed.result
        if result.error is not None:
            self.print_text = self.t("finish.print_failed", reason=str(result.error))
            self.query_one("#print-status", Static).update(
                toned(self, self.print_text, "error", bold=True)
            )
            self.fail(result.error, self.drain_printer)
            return
        if not message.printed.printer:
            self.print_text = self.t("finish.no_printer")
        else:
            self.print_text = self.t("finish.printed", printer=message.printed.printer)
        self.query_one("#print-status", Static).update(toned(self, self.print_text, "ok"))
        self.reload()

    def action_reprint(self) -> None:
        """A new handoff (the old one is revoked) and a new receipt."""
        self.finish()

    @on(Input.Submitted, "#comment")
    def _comment_done(self) -> None:
        self.action_send_feedback()

    def action_send_feedback(self) -> None:
        """Record the score and comment."""
        radio = self.query_one("#score", RadioSet)
        if radio.pressed_button is None or radio.pressed_button.id is None:
            self.query_one("#feedback-status", Static).update(
                toned(self, self.t("finish.pick_score"), "warn")
            )
            radio.focus()
            return
        score = int(radio.pressed_button.id.removeprefix("score-"))
        comment = self.query_one("#comment", Input).value
        self.save_feedback(score, comment)

    @work(thread=True, exclusive=True, exit_on_error=False, group="feedback")
    def save_feedback(self, score: int, comment: str) -> None:
        """feedback.given."""
        try:
            event = self.desk.feedback(self.journey_id, score, comment)
        except RECOVERABLE as exc:
            self.fail(exc, lambda: self.save_feedback(score, comment))
            return
        self.post_message(EventSaved(event, "feedback"))

    def on_event_saved(self, message: EventSaved) -> None:
        message.stop()
        self.feedback_sent = True
        self.query_one("#feedback-status", Static).update(
            toned(self, self.t("finish.thanks"), "ok")
        )

    def action_home(self) -> None:
        """Back to today's journeys."""
        self.post_message(GoHome())
