"""Help: what the screen underneath is for, and every key that works there."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from app.counter.base import CounterScreen
from app.counter.intents import Back
from app.widgets.key_footer import KeyFooter
from app.widgets.status_bar import StatusBar
from app.widgets.tones import tone_style


class HelpScreen(CounterScreen):
    """Explains the screen below it and lists its keys; Escape closes it.

    Args:
        below: The screen the help is about.
    """

    HELP_TEXT = "help.help"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "key.close")]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        yield StatusBar()
        yield Label(self.t("help.title"), classes="title")
        with VerticalScroll(id="help-body"):
            yield Static(
                self.t(getattr(self.below, "HELP_TEXT", "help.general")), classes="help-text"
            )
            yield Static(self._keys(), id="help-keys")
            yield Static(self.t("help.general"), classes="hint")
        yield KeyFooter()

    def _keys(self) -> Table:
        table = Table(title=self.t("help.keys"), show_header=False, box=None, padding=(0, 2))
        table.add_column(style=tone_style(self, "note", bold=True))
        table.add_column()
        seen: set[str] = set()
        for node in (self.below, self.app):
            for key, bindings in node._bindings.key_to_bindings.items():
                for binding in bindings:
                    if key in seen or not binding.description:
                        continue
                    seen.add(key)
                    shown = binding.key_display or self.app.get_key_display(binding)
                    table.add_row(Text(shown), binding.description)
        return table

    def action_close(self) -> None:
        """Back to the screen below."""
        self.post_message(Back())
