"""An on-screen keyboard for a touch screen with no keys: letters of pt and es, digits, space.

Its keys type into the ``Input`` whose id it was given, on the same screen. They
never take the focus (a tap is enough; whoever has a real keyboard types into
the input), so the focus stays visible on the field being filled.
"""

from __future__ import annotations

from typing import Final

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input

LETTERS: Final = (
    "1234567890",
    "qwertyuiopáé",
    "asdfghjklçíó",
    "zxcvbnmñãõúü",
    "âêôà-',./@+",
)
"""The rows of keys: the letters of Portuguese and Spanish with their accents."""
DIGITS: Final = ("123", "456", "789", "-0/")
"""The rows of keys for a number or a reference's digits."""
SPACE: Final = "space"
ERASE: Final = "erase"
SHIFT: Final = "shift"


class KeyButton(Button, can_focus=False):
    """One key: a tap types it."""

    def __init__(self, label: str, key: str) -> None:
        super().__init__(label, classes="osk-key")
        self.key = key

    async def _on_click(self, event: events.Click) -> None:
        # Every tap counts, however quick the next one (Button ignores taps while it
        # shows the last one as pressed: "1000" would come out "10").
        event.stop()
        self.press()


class OnscreenKeyboard(Vertical):
    """Keys that type into the input ``target`` (an id on the same screen).

    Args:
        target: The id of the ``Input`` to type into.
        labels: The words on the space, delete and capitals keys, in the citizen's language.
        digits_only: Only digits (numbers); otherwise letters and digits.
        capital_first: The first letter is a capital (a name; not an e-mail address).
    """

    DEFAULT_CLASSES = "onscreen-keyboard"

    def __init__(
        self,
        target: str,
        *,
        labels: tuple[str, str, str] = ("space", "delete", "capitals"),
        digits_only: bool = False,
        capital_first: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.target = target
        self.labels = labels
        self.digits_only = digits_only
        self.capitals = capital_first
        """The next letter is a capital (a name's first letter); off after one letter."""

    def compose(self) -> ComposeResult:
        rows = DIGITS if self.digits_only else LETTERS
        for row in rows:
            with Horizontal(classes="osk-row"):
                for char in row:
                    yield KeyButton(self._shown(char), char)
        with Horizontal(classes="osk-row"):
            space, erase, shift = self.labels
            if not self.digits_only:
                yield KeyButton(shift, SHIFT)
                yield KeyButton(space, SPACE)
            yield KeyButton(erase, ERASE)

    def _shown(self, char: str) -> str:
        return char.upper() if self.capitals else char

    def _relabel(self) -> None:
        for key in self.query(KeyButton):
            if len(key.key) == 1:
                key.label = self._shown(key.key)

    @property
    def input(self) -> Input:
        """The input the keys type into."""
        return self.screen.query_one(f"#{self.target}", Input)

    @on(Button.Pressed, ".osk-key")
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, KeyButton)
        key, field = event.button.key, self.input
        capitals = self.capitals
        if key == SHIFT:
            self.capitals = not self.capitals
        elif key == ERASE:
            field.action_delete_left()
        elif key == SPACE:
            field.insert_text_at_cursor(" ")
            self.capitals = True
        else:
            field.insert_text_at_cursor(self._shown(key))
            self.capitals = False
        if self.capitals != capitals:
            self._relabel()  # only then: sixty labels redrawn at every key is slow
