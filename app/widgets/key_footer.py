"""The footer of the counter screens: Textual's, rebuilt only when what it shows changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

_Shown = tuple[tuple[object, ...], ...]


class KeyFooter(Footer):
    """Textual's ``Footer``, rebuilt only when the keys it shows change.

    Textual's footer rebuilds every key (a widget each) after each change of the
    bindings, and a screen being shown changes them three or four times in a row
    (the screen stack, the focus, the translated descriptions), mostly without
    changing what the footer shows; each rebuild is work done before the screen
    answers a key. This one shows the keys from its first layout, keeps at most
    one rebuild pending, and skips it when the keys shown would be the same.
    """

    def __init__(self) -> None:
        super().__init__()
        self.set_reactive(Footer._bindings_ready, True)
        self._composed: _Shown | None = None
        self._rebuild_pending = False

    def _shown(self) -> _Shown:
        """What ``compose`` would show now: each shown binding and its state."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for _, binding, enabled, tooltip in self.screen.active_bindings.values()
            if binding.show
        )

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
        yield from super().compose()

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if self.is_attached and self._shown() != self._composed:  # the screen may be gone
            await self.recompose()
