"""A checkbox and a radio button whose state reads without colour.

Textual's checkbox and radio button draw the same ``X`` or ``●`` either way and
show the state by colour alone; a monochrome terminal, a screen reader's text or
a mediator with colour blindness cannot tell them apart (WCAG 1.4.1). These draw
the mark only when on, and wrap a long label when styled ``text-wrap: wrap``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.geometry import Size
from textual.widgets import Checkbox, RadioButton, Static

if TYPE_CHECKING:
    from textual.widgets._toggle_button import ToggleButton as _Toggle
else:
    _Toggle = object  # a plain mixin: Textual takes CSS type names from the first widget base


class _ShowsMark(_Toggle):
    """Draws ``MARK`` inside the button when on, nothing when off."""

    MARK: ClassVar[str] = "✓"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._show_mark()

    def _show_mark(self) -> None:
        # Textual reads BUTTON_INNER at each render; an instance value follows the state.
        self.BUTTON_INNER = self.MARK if self.value else " "

    def watch_value(self) -> None:
        self._show_mark()
        super().watch_value()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # Textual's toggle buttons are one line tall whatever their style; with
        # ``text-wrap: wrap`` a long label takes the lines it needs instead of being cut.
        if self.styles.text_wrap != "wrap":
            return 1
        return max(1, Static.get_content_height(self, container, viewport, width))


class Tick(_ShowsMark, Checkbox):
    """A checkbox that shows ``✓`` when ticked and nothing when not."""


class Choice(_ShowsMark, RadioButton):
    """A radio button that shows ``●`` when chosen and nothing when not."""

    MARK: ClassVar[str] = "●"
