"""A date picker for touch alone: day, month and year, each with large − and + buttons.

By keys alone it is one focusable widget: left and right choose the day, month or
year, up and down change it (page up and down: the year by ten). The date is
always a real one: the day is kept within the month.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import ClassVar, Final

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, Label, Static

PARTS: Final = ("day", "month", "year")


class StepButton(Button, can_focus=False):
    """A − or + of one part of the date."""

    def __init__(self, label: str, part: str, delta: int) -> None:
        super().__init__(label, classes="date-step")
        self.part = part
        self.delta = delta

    async def _on_click(self, event: events.Click) -> None:
        # Every tap counts, however quick the next one (Button ignores taps while it
        # shows the last one as pressed: "1000" would come out "10").
        event.stop()
        self.press()


class DatePicker(Widget, can_focus=True):
    """Pick a date by touch or by arrow keys.

    Args:
        value: The date shown first.
        labels: The words for day, month and year, in the citizen's language.
        first_year: The earliest year offered.
        last_year: The latest year offered.
    """

    DEFAULT_CLASSES = "date-picker"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "part(-1)", show=False),
        Binding("right", "part(1)", show=False),
        Binding("up", "change(1)", show=False),
        Binding("down", "change(-1)", show=False),
        Binding("pageup", "change(10)", show=False),
        Binding("pagedown", "change(-10)", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The date shown changed."""

        picker: DatePicker
        value: dt.date

    def __init__(
        self,
        value: dt.date,
        *,
        labels: tuple[str, str, str] = ("Day", "Month", "Year"),
        first_year: int = 1900,
        last_year: int = 2100,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.value = value
        self.labels = labels
        self.first_year = first_year
        self.last_year = last_year
        self.part = 0

    def compose(self) -> ComposeResult:
        for index, part in enumerate(PARTS):
            with Vertical(classes="date-part", id=f"part-{part}"):
                yield Label(self.labels[index], classes="date-label")
                with Horizontal(classes="date-row"):
                    if part == "year":
                        yield StepButton("−10", part, -10)
                    yield StepButton("−", part, -1)
                    yield Static(self._text(part), classes="date-value", id=f"value-{part}")
                    yield StepButton("+", part, 1)
                    if part == "year":
                        yield StepButton("+10", part, 10)

    def on_mount(self) -> None:
        self._show()

    def _text(self, part: str) -> str:
        if part == "day":
            return f"{self.value.day:02d}"
        if part == "month":
            return f"{self.value.month:02d}"
        return f"{self.value.year:04d}"

    def _show(self) -> None:
        for index, part in enumerate(PARTS):
            self.query_one(f"#value-{part}", Static).update(self._text(part))
            self.query_one(f"#part-{part}").set_class(index == self.part, "-chosen")

    def change(self, part: str, delta: int) -> None:
        """Move one part of the date by ``delta`` (the day kept within its month)."""
        day, month, year = self.value.day, self.value.month, self.value.year
        if part == "day":
            last = calendar.monthrange(year, month)[1]
            day = (day - 1 + delta) % last + 1
        elif part == "month":
            month = (month - 1 + delta) % 12 + 1
        else:
            year = min(max(year + delta, self.first_year), self.last_year)
        day = min(day, calendar.monthrange(year, month)[1])
        self.value = dt.date(year, month, day)
        self._show()
        self.post_message(DatePicker.Changed(self, self.value))

    @on(Button.Pressed, ".date-step")
    def _step(self, event: Button.Pressed) -> None:
        event.stop()
        assert isinstance(event.button, StepButton)
        self.part = PARTS.index(event.button.part)
        self.change(event.button.part, event.button.delta)

    def action_part(self, delta: int) -> None:
        """Choose the day, month or year for the arrow keys."""
        self.part = (self.part + delta) % len(PARTS)
        self._show()

    def action_change(self, delta: int) -> None:
        """Change the chosen part (the year by ten for page up and down)."""
        part = PARTS[self.part]
        if abs(delta) == 10 and part != "year":
            part = "year"
            self.part = PARTS.index(part)
        self.change(part, delta)
