"""A text field whose editing keys act in the order they are typed.

Textual resolves a widget's own (non-priority) bindings only once the key has
bubbled back up to the app, behind whatever was typed after it; characters, on the
other hand, the field inserts as it receives them. In a burst (a fast typist, a
paste, tmux, a badge or barcode scanner) ``12345`` Backspace Backspace ``9`` then
gives ``1234``: the ``9`` lands before the two deletions. ``Entry`` runs its own
editing bindings (Backspace, Delete, the arrows, Home, End, Ctrl+U...) as it receives
each key, so the same burst gives ``1239``, as the person typing meant.

Enter is left to bubble as before: what it means depends on where the focus is once
the keys before it have acted (a Down typed ahead in a search field moves into the
results, and the Enter after it picks a result there), and the screens that check a
field on Enter bind it with priority.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class Entry(Input):
    """Textual's ``Input``, with its own keys handled in order with the characters."""

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority or binding.action == "submit":
                continue  # the app ran priority ones as it read the key; Enter bubbles
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()  # Input's own handler must not see it again
                return
