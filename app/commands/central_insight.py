"""``counterpart central insight``: the network's measures as tables with small bar charts,
or as JSON or CSV (cells under 5 journeys read "< 5" in every form).

Feedback comments are personal words: printed only with ``--comments`` (the
operator at the central store's machine may read them), never with ``--json`` or
``--csv``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING, Final

from rich.console import Console
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from sync.central.insight.report import Cell, Report, Section

BAR_WIDTH: Final = 20


def bar(value: Cell, largest: float) -> str:
    """A bar of block characters as long as ``value`` is of ``largest`` (empty if hidden)."""
    if not isinstance(value, int | float) or largest <= 0:
        return ""
    eighths = round(BAR_WIDTH * 8 * value / largest)
    return "█" * (eighths // 8) + ("", "▏", "▎", "▍", "▌", "▋", "▊", "▉")[eighths % 8]


def print_report(console: Console, report: Report) -> None:
    """Each section as a rich table, its chart column drawn as bars."""
    for section in report.sections:
        _print_section(console, section)


def _print_section(console: Console, s: Section) -> None:
    if not s.rows:
        console.print(f"{s.title}: none")
        return
    table = Table(title=s.title, title_justify="left")
    for i, column in enumerate(s.columns):
        table.add_column(column, justify="left" if i == 0 else "right")
    numbers = [r[s.chart] for r in s.rows if s.chart is not None]
    largest = max((float(v) for v in numbers if isinstance(v, int | float)), default=0.0)
    if s.chart is not None:
        table.add_column("", justify="left", style="bold", no_wrap=True)
    for row in s.rows:
        # Text: a site or service id is shown as it is, never read as rich markup.
        cells = [Text(str(c)) for c in row]
        if s.chart is not None:
            cells.append(Text(bar(row[s.chart], largest)))
        table.add_row(*cells)
    console.print(table)
    if s.note:
        console.print(s.note)


def as_json(report: Report) -> str:
    """The report as JSON (no comments)."""
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False)


def as_csv(report: Report) -> str:
    """The report as CSV: one block per section, its key and title first (no comments)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for s in report.sections:
        writer.writerow([s.key, s.title])
        writer.writerow(s.columns)
        writer.writerows(s.rows)
        writer.writerow([])
    return out.getvalue()
