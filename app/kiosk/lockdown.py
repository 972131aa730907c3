"""The one way out of kiosk mode: the operator's key sequence (then their PIN).

``ExitSequence`` watches the keys pressed and says when the last ones are the
sequence of ``[kiosk] exit_keys``; any other key in between starts it over. The
keys a terminal app is usually left with (Ctrl+C, Ctrl+Z, Ctrl+\\, Ctrl+Q) are
``BLOCKED``: the kiosk App swallows them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

BLOCKED: Final = frozenset({"ctrl+c", "ctrl+z", "ctrl+backslash", "ctrl+q", "ctrl+d", "ctrl+p"})
"""Keys that would quit, suspend or open a palette elsewhere; at the kiosk they do nothing."""


class ExitSequence:
    """Says when the operator's key sequence has just been pressed.

    Args:
        keys: The sequence, as Textual names keys (``f12``, ``ctrl+f12``).
    """

    def __init__(self, keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        self._matched = 0

    def pressed(self, key: str) -> bool:
        """Record a key; True when it completes the sequence (which then starts over)."""
        if not self.keys:
            return False
        if key == self.keys[self._matched]:
            self._matched += 1
        else:
            self._matched = 1 if key == self.keys[0] else 0
        if self._matched == len(self.keys):
            self._matched = 0
            return True
        return False
