"""The footer of the counter screens: Textual's, rebuilt only when what it shows changes."""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

_Shown = tuple[tuple[object, ...], ...]

KEPT = ("quit", "help", "switch_language")
"""The keys a footer always shows, however narrow the terminal: a way out, the help that
lists every key, and the language."""
DROPPED_FIRST = ("back", "timeline", "reload", "citizen_language", "send_feedback", "reprint")
"""Where the keys do not fit, these go first (Esc is known to all; F1 lists them all;
the feedback prompt names its own key; a reprint is rare); then the others from the
right, never those ``KEPT``: at 80 columns the finish screen keeps the full-screen code
and the way home."""


def key_width(key_display: str, description: str) -> int:
    """The cells a footer key takes: the key, a space, the words, padded a cell each side."""
    return cell_len(key_display) + cell_len(description) + 3


def fitting(widths: list[tuple[str, int]], room: int) -> set[str]:
    """The actions (with their keys' widths, in the footer's order) shown within ``room``."""
    shown = [action for action, _ in widths]
    width = dict(widths)
    droppable = [a for a in DROPPED_FIRST if a in width]
    droppable += [a for a in reversed(shown) if a not in KEPT and a not in droppable]
    while sum(width[a] for a in shown) > room and droppable:
        shown.remove(droppable.pop(0))
    return set(shown)


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

    def _keys_shown(self) -> list[tuple[Binding, bool, str]]:
        """The bindings shown, the first of each action, those that fit the width."""
        first: dict[str, tuple[Binding, bool, str]] = {}
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if binding.show:
                first.setdefault(binding.action, (binding, enabled, tooltip))
        widths = [
            (action, key_width(self.app.get_key_display(binding), binding.description))
            for action, (binding, _, _) in first.items()
        ]
        kept = fitting(widths, self.app.size.width)
        return [entry for action, entry in first.items() if action in kept]

    def _shown(self) -> _Shown:
        """What ``compose`` would show now: each shown binding and its state."""
        return tuple(
            (binding.key, binding.action, binding.description, binding.group, enabled, tooltip)
            for binding, enabled, tooltip in self._keys_shown()
        )

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
        bindings = self._keys_shown()
        if any(binding.group is not None for binding, _, _ in bindings) or self.compact:
            yield from super().compose()  # groups and the compact style: Textual's way
            return
        # Textual's way, but each key is made not compact instead of being bound to the
        # footer's ``compact``: a key starts compact and the binding then undoes it,
        # restyling the key twice as it is mounted (a millisecond or more each).
        self.styles.grid_size_columns = len(bindings)
        for binding, enabled, tooltip in bindings:
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                binding.description,
                binding.action,
                disabled=not enabled,
                tooltip=tooltip,
            )
            key.set_reactive(FooterKey.compact, False)
            yield key

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
