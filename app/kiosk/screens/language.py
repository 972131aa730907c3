"""Language first: each language offered, written in its own name."""

from __future__ import annotations

from typing import Final

from textual import on
from textual.app import ComposeResult
from textual.widgets import Button

from app.kiosk.base import KioskScreen
from app.kiosk.intents import Back, LanguageChosen
from app.kiosk.texts import say

OWN_NAMES: Final = {"pt": "Português", "en": "English", "es": "Español"}
"""Each language as its speakers write it."""


class LanguageScreen(KioskScreen):
    """Three large buttons, one per language; the question in every language offered."""

    SCREEN_NAME = "language"
    TITLE_KEY = "language.title"

    def heading(self) -> str:
        return " · ".join(say(lang, "language.title") for lang in self.session.languages)

    def question(self) -> str:
        return say(self.session.citizen_language, "language.question")

    def body(self) -> ComposeResult:
        for lang in self.session.languages:
            yield Button(OWN_NAMES[lang], id=f"lang-{lang}", classes="big-button choice")
        yield Button(self.say("nav.back"), id="back", classes="nav-button")

    def on_mount(self) -> None:
        self.query_one(f"#lang-{self.session.languages[0]}", Button).focus()

    @on(Button.Pressed, ".choice")
    def _chosen(self, event: Button.Pressed) -> None:
        event.stop()
        lang = (event.button.id or "").removeprefix("lang-")
        self.session.choose_language(lang)
        self.post_message(LanguageChosen(lang))

    @on(Button.Pressed, "#back")
    def _back(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Back())
