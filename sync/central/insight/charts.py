"""Horizontal bar charts of a report's section, as plain geometry for an SVG template.

A hidden cell ("< 5") draws no bar; its label says so. The numbers themselves are
always in the table beside the chart (the chart is a picture of that table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from sync.central.insight.report import Section

ROW: Final = 28
"""Height of one bar's row, in SVG units."""
LABEL: Final = 170
"""Width left for the labels."""
WIDTH: Final = 560
"""Width of the whole chart."""
MAX_BARS: Final = 40
"""A chart of a long table draws its first bars only (the table holds every row)."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its label, the value as shown, its length and its row's top."""

    label: str
    shown: str
    length: float
    y: int


@dataclass(frozen=True, slots=True)
class Chart:
    """The bars of one section, and the chart's size."""

    title: str
    bars: list[Bar]
    width: int
    height: int


def chart(section: Section) -> Chart | None:
    """The bar chart of ``section``'s chart column, or None when it has none or no rows."""
    if section.chart is None or not section.rows:
        return None
    rows = section.rows[:MAX_BARS]
    values = [r[section.chart] for r in rows]
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    largest = max(numbers, default=0.0)
    room = WIDTH - LABEL - 70
    bars = [
        Bar(
            str(r[0])[:24],
            str(v),
            room * float(v) / largest if isinstance(v, int | float) and largest > 0 else 0.0,
            i * ROW,
        )
        for i, (r, v) in enumerate(zip(rows, values, strict=True))
    ]
    return Chart(f"{section.title}: {section.columns[section.chart]}", bars, WIDTH, len(bars) * ROW)
