"""What every kiosk screen shares: a heading, a question, a body, the assist bar; what it
reads aloud; where the citizen is when they call a mediator.

Screens reach shared state through ``self.session`` (``app.kiosk.kiosk_session``)
and ask for another screen by posting an intent (``app.kiosk.intents``).
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Input, Label, Static

from app.desk import Desk
from app.kiosk.assist_bar import AssistBar
from app.kiosk.kiosk_session import KioskSession, kiosk_session_of
from app.kiosk.speech import Speech
from app.messages import OperationFailed
from app.widgets.date_picker import StepButton
from app.widgets.onscreen_keyboard import KeyButton

Where = tuple[str, str | None, str | None]
"""Where the citizen is: the screen's name, and the service and step when on one."""


class KioskParts:
    """What kiosk screens and modals share (a mixin over ``Screen``)."""

    SCREEN_NAME: ClassVar[str] = "kiosk"
    """How a call for a mediator names this screen."""
    TITLE_KEY: ClassVar[str] = ""
    QUESTION_KEY: ClassVar[str] = ""

    @property
    def session(self) -> KioskSession:
        """What the kiosk's screens share."""
        return kiosk_session_of(self)  # type: ignore[arg-type]

    @property
    def desk(self) -> Desk:
        """The journey operations."""
        return self.session.desk

    def say(self, key: str, **values: object) -> str:
        """A kiosk text in the citizen's language."""
        return self.session.say(key, **values)

    def heading(self) -> str:
        """The screen's title."""
        return self.say(self.TITLE_KEY)

    def question(self) -> str:
        """What the screen asks."""
        return self.say(self.QUESTION_KEY) if self.QUESTION_KEY else ""

    def speech(self) -> Speech:
        """What "listen" reads: the heading, the question, the labels of its buttons."""
        screen: Any = self
        labels = tuple(
            str(button.label)
            for button in screen.query(Button)
            if not isinstance(button, KeyButton | StepButton)
            and not button.has_class("bar-button")
            and button.display
        )
        return Speech(self.heading(), self.question(), labels)

    def where(self) -> Where:
        """Where the citizen is, for a call for a mediator."""
        return (self.SCREEN_NAME, None, None)

    def typed(self) -> list[str]:
        """What the citizen typed on this screen (never spoken)."""
        screen: Any = self
        return [field.value for field in screen.query(Input) if field.value]

    def fail(self, exc: BaseException, retry: Any = None) -> None:
        """Report a failure from any thread; the kiosk shows a calm message and calls a person."""
        screen: Any = self
        screen.post_message(OperationFailed(str(getattr(exc, "title", "")), str(exc), retry))


class KioskScreen(KioskParts, Screen[None]):
    """Base of the kiosk's full screens: heading, question, body, assist bar."""

    def compose(self) -> ComposeResult:
        yield Label(self.heading(), id="kiosk-title", classes="kiosk-title")
        question = self.question()
        if question:
            yield Static(question, id="kiosk-question", classes="kiosk-question")
        with VerticalScroll(id="kiosk-body"):
            yield from self.body()
        yield AssistBar(self.session.citizen_language)

    def body(self) -> ComposeResult:
        """The screen's own widgets (screens override)."""
        yield from ()


class KioskModal(KioskParts, ModalScreen[None]):
    """Base of what covers a kiosk screen for a moment (idle, a mediator, the card)."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="kiosk-modal"):
            yield Label(self.heading(), classes="kiosk-title")
            question = self.question()
            if question:
                yield Static(question, id="kiosk-question", classes="kiosk-question")
            yield from self.body()

    def body(self) -> ComposeResult:
        """The modal's own widgets (modals override)."""
        yield from ()
