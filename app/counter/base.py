"""What every counter screen shares: the header, texts, relabelling on a language switch.

Screens reach shared state through ``self.session`` (``app.session``), never
through the App class, and ask for another screen by posting an intent
(``app.counter.intents``), never by building it.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Input

from app.desk import Desk
from app.localize import localize_bindings
from app.messages import LanguageSwitched, OperationFailed
from app.session import Session, session_of
from app.widgets.status_bar import StatusBar


class CounterScreen(Screen[None]):
    """Base of the counter's screens.

    ``compose`` builds the screen from state and the current texts; a language
    switch recomposes it, keeping what was typed in its inputs.
    """

    HELP_TEXT = "help.general"
    """Text key of this screen's paragraph on the help screen."""

    @property
    def session(self) -> Session:
        """What the app's screens share."""
        return session_of(self)

    @property
    def desk(self) -> Desk:
        """The journey operations."""
        return self.session.desk

    def t(self, key: str, **values: object) -> str:
        """A UI text in the operator's language."""
        return self.session.t(key, **values)

    def ct(self, key: str, **values: object) -> str:
        """A text in the citizen's language."""
        return self.session.ct(key, **values)

    @property
    def status_bar(self) -> StatusBar | None:
        """This screen's header, if it has one."""
        found = self.query(StatusBar)
        return found.first() if found else None

    def on_mount(self) -> None:
        localize_bindings(self, self.session.ui_language)

    async def relabel(self) -> None:
        """Show the screen in the current language, keeping typed drafts."""
        drafts = {w.id: w.value for w in self.query(Input) if w.id}
        focused = self.focused.id if self.focused is not None else None
        await self.recompose()
        self.refresh_bindings()
        for widget in self.query(Input):
            if widget.id in drafts:
                widget.value = drafts[widget.id]
        if focused:
            found = self.query(f"#{focused}")
            if found:
                found.first().focus()
        localize_bindings(self, self.session.ui_language)
        self.refresh_bindings()  # the footer fits the keys' new words to its width

    def switch_citizen_language(self) -> None:
        """Cycle the citizen's language (receipt, handoff, what is read to them)."""
        lang = self.session.next_citizen_language()
        self.notify(self.t("lang.citizen_now", lang=self.t(f"lang.{lang}")))
        self.post_message(LanguageSwitched())

    def fail(self, exc: BaseException, retry: Any = None) -> None:
        """Report a failure from any thread; the app notifies and offers a retry."""
        title = getattr(exc, "title", self.t("fail.title"))
        self.post_message(OperationFailed(str(title), str(exc), retry))
