"""Finish: submit what is complete, hand off (QR on screen), print the receipt, ask for feedback.

Learn it here: while the screen shows a link the citizen can still use, it asks for a
sync round every few seconds (``ONLINE_POLL_SECONDS``), so that when the citizen opens
the QR on their own phone beside the mediator, the screen shows within seconds that
they confirmed it and what they did there (``sync.domain.home``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.timer import Timer
from textual.widgets import Input, Label, RadioSet, Static

from app.counter.intents import GoHome
from app.counter.journey_screen import JourneyScreen
from app.describe import field_label, service_name, step_title, when
from app.failures import RECOVERABLE
from app.messages import EventSaved, Finished, ReceiptDone, SyncWanted
from app.outcomes import Handoff
from app.widgets.entry import Entry
from app.widgets.key_footer import KeyFooter
from app.widgets.qr_view import QrView
from app.widgets.status_bar import StatusBar
from app.widgets.tick import Choice
from app.widgets.tones import tone_style, toned
from sync.domain.consent import allows_handoff
from sync.domain.home import done_online, still_usable
from sync.domain.ids import format_reference
from sync.domain.progress import anything_at_home, continues_at_home, journey_progress
from sync.domain.rules import ready_to_submit
from sync.link import SyncOutcome

ONLINE_POLL_SECONDS = 3.0
"""Seconds between the sync rounds asked for while a usable link is on screen."""

FINISH_ROWS_BESIDE_QR = 12
"""Rows of the finish screen that are not the QR code's: the header, the title, the
panel's border, its heading, the address to type (two lines), the online line and
the footer, with their margins."""


class FinishScreen(JourneyScreen):
    """Runs the finishing steps once, then shows the link and asks for feedback."""

    HELP_TEXT = "help.finish"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "reprint", "key.reprint"),
        Binding("ctrl+s", "send_feedback", "key.feedback"),
        Binding("f8", "qr_full", "key.qr_full"),
        # Not ctrl+h: terminals send it as Backspace.
        Binding("ctrl+g", "home", "key.home"),
        # The prompt says "1 to 5": each digit picks its score (not while typing a comment).
        Binding("1", "score(1)", "key.score", show=False, key_display="1-5"),
        *(Binding(str(n), f"score({n})", "", show=False) for n in range(2, 6)),
    ]

    def __init__(self, journey_id: str) -> None:
        super().__init__(journey_id)
        self.handoff: Handoff | None = None
        self.submitted: list[str] = []
        self.print_text = ""
        self.feedback_sent = False
        self._feedback_asked = False
        """Whether the feedback was sent to be saved: a second Ctrl+S records nothing more."""
        self._watching: Timer | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._outcome_seen: SyncOutcome | None = None
        self.qr_full = False
        """Whether the QR code has the whole screen (F8), for a small terminal."""

    def compose(self) -> ComposeResult:
        yield StatusBar()
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        yield Label(self.t("finish.title", ref=ref), classes="title")
        with Horizontal(id="finish-body"):
            with Vertical(id="finish-left", classes="panel"):
                yield Static(self._summary(), id="finish-summary")
                yield Static(self.print_text or self.t("finish.printing"), id="print-status")
                # What the citizen answers is in the citizen's language, as the code's panel.
                yield Label(self.ct("finish.feedback"), classes="section")
                with RadioSet(id="score"):
                    for score in range(1, 6):
                        yield Choice(f"{score} {'★' * score}", id=f"score-{score}")
                yield Entry(id="comment", placeholder=self.ct("finish.comment"))
                yield Static(
                    self.ct("finish.thanks") if self.feedback_sent else "", id="feedback-status"
                )
            with Vertical(id="finish-right", classes="panel"):
                if self.state is None or allows_handoff(self.state):
                    yield Label(self._scan_text(), id="scan-label", classes="section")
                yield QrView(id="qr", too_small=self.ct("finish.qr_too_small"))
                yield Static(self._handoff_text(), id="handoff-url", classes="url")
                yield Static(self._online_text(), id="online")
        yield KeyFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._unsubscribe = self.session.subscribe(self._sync_changed)

    def on_resize(self) -> None:
        self._fit_qr()

    def _fit_qr(self) -> None:
        """Give the code the room it has: beside the feedback, or (F8) the whole screen."""
        qr = self.query("#qr").first(QrView) if self.query("#qr") else None
        if qr is None:
            return
        size = self.size
        if self.qr_full:  # the header and the footer stay
            qr.fit(Size(size.width, max(0, size.height - 2)))
        else:  # the right panel, under the title and its own lines (about 11 rows)
            qr.fit(Size(50, max(0, size.height - FINISH_ROWS_BESIDE_QR)))

    def action_qr_full(self) -> None:
        """Show the QR code on the whole screen, or go back to the finish screen."""
        self.qr_full = not self.qr_full
        self.set_class(self.qr_full, "qr-full")
        self._fit_qr()

    def on_unmount(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()

    def _handoff_text(self) -> str:
        if self.handoff is not None:
            return self._or_type()
        if self.state is not None and not allows_handoff(self.state):
            return self.t("finish.no_handoff")
        return ""

    def _or_type(self) -> str:
        """What to type without a camera, as the receipt prints it: the short address
        and the reference (the token is only in the QR code)."""
        ref = format_reference(self.state.ref) if self.state and self.state.ref else "—"
        return self.ct("finish.or_type", address=self.desk.short_address(), ref=ref)

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
            elif progress.complete:
                text.append(
                    f"✓ {service.name.get(lang)}: {self.t('review.ready')}\n",
                    style=tone_style(self, "ok"),
                )
            elif progress.steps_complete:
                key = (
                    "finish.documents_at_home"
                    if continues_at_home(self.state, progress)
                    else "finish.documents_missing"
                )
                documents = ", ".join(d.name.get(lang) for d in progress.to_bring)
                text.append(
                    f"○ {service.name.get(lang)}: {self.t(key, documents=documents)}\n",
                    style=tone_style(self, "warn"),
                )
            elif continues_at_home(self.state, progress):
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

    def _online_text(self) -> Text:
        """What the citizen did online through the link on screen (citizen's language)."""
        if self.handoff is None or self.state is None:
            return Text()
        done = done_online(self.events, self.handoff.handoff_id)
        if done.confirmed_wall is None:
            return toned(self, self.ct("finish.online_try"), "note")
        lang = self.session.citizen_language
        catalogue = self.desk.catalogue
        lines = [self.ct("finish.online_confirmed", time=when(done.confirmed_wall, lang))]
        for service, step in done.steps:
            lines.append(
                self.ct(
                    "finish.online_step",
                    step=step_title(catalogue, service, step, lang),
                    service=service_name(catalogue, service, lang),
                )
            )
        if done.answers:
            fields = ", ".join(field_label(catalogue, key, lang) for key in done.answers)
            lines.append(self.ct("finish.online_answers", fields=fields))
        return toned(self, "\n".join(lines), "ok")

    def _watch_online(self) -> None:
        """Sync often while a link the citizen can use is on screen."""
        if self._watching is None:
            self._watching = self.set_interval(ONLINE_POLL_SECONDS, self._poll_online)

    def _poll_online(self) -> None:
        if self.handoff is None or self.state is None or not self.is_current:
            return
        handoff_id = self.handoff.handoff_id
        read = handoff_id in self.state.handoffs  # else just issued, not read back yet
        if read and not still_usable(self.state, handoff_id, self.desk.clock()):
            return
        self.post_message(SyncWanted(poll=True))

    def _sync_changed(self) -> None:
        """After a round that pulled something, read the journey again: it may be the
        citizen's doing online."""
        outcome = self.session.sync_outcome
        if outcome is self._outcome_seen:
            return
        self._outcome_seen = outcome
        pulled = outcome is not None and outcome.report is not None and outcome.report.pulled
        if pulled and self.handoff is not None:
            self.reload()

    def _scan_text(self) -> str:
        """Above the code, as on the receipt: "continue at home" while something can be
        done there, "follow your request at home" once nothing can."""
        if self.state is not None and not anything_at_home(self.state, self.desk.catalogue):
            return self.ct("finish.follow")
        return self.ct("finish.scan")

    async def show_state(self, first: bool) -> None:
        self.refresh_bindings()  # F8 follows the link-home consent (``check_action``)
        if not first:
            for label in self.query("#scan-label").results(Label):
                label.update(self._scan_text())
            self.query_one("#finish-summary", Static).update(self._summary())
            self.query_one("#online", Static).update(self._online_text())
            return
        await self.recompose()
        self.finish()
        self.query_one("#score", RadioSet).focus()

    async def relabel(self) -> None:
        await super().relabel()
        qr = self.query_one("#qr", QrView)
        qr.too_small = self.ct("finish.qr_too_small")
        qr.show(self.handoff.url if self.handoff else None)
        self._fit_qr()

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
        self._fit_qr()
        shown = self._or_type() if message.handoff else self.t("finish.no_handoff")
        self.query_one("#handoff-url", Static).update(shown)
        self.query_one("#online", Static).update(self._online_text())
        if message.handoff is not None:
            self._watch_online()
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
            reason = str(result.error).rstrip(". ")  # the text adds its own full stop
            self.print_text = self.t("finish.print_failed", reason=reason)
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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "score" and isinstance(self.focused, Input):
            return False  # the digit goes into the comment
        if action == "qr_full" and self.state is not None and not allows_handoff(self.state):
            return False  # no link home: no code to show (nor F8 in the footer)
        return super().check_action(action, parameters)

    def action_score(self, score: int) -> None:
        """Pick a score with its digit key."""
        if self._feedback_asked:
            return
        self.query_one(f"#score-{score}", Choice).value = True

    def action_send_feedback(self) -> None:
        """Record the score and comment, once."""
        if self._feedback_asked:
            if self.feedback_sent:
                self.query_one("#feedback-status", Static).update(
                    toned(self, self.ct("finish.thanks"), "ok")
                )
            return
        radio = self.query_one("#score", RadioSet)
        if radio.pressed_button is None or radio.pressed_button.id is None:
            self.query_one("#feedback-status", Static).update(
                toned(self, self.ct("finish.pick_score"), "warn")
            )
            radio.focus()
            return
        score = int(radio.pressed_button.id.removeprefix("score-"))
        comment = self.query_one("#comment", Input).value
        self._feedback_asked = True
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
            toned(self, self.ct("finish.thanks"), "ok")
        )

    def action_home(self) -> None:
        """Back to today's journeys."""
        self.post_message(GoHome())
