"""What ``counterpart sync --progress`` shows: a bar on a terminal, plain lines elsewhere.

``Shown(stream)`` is a context manager whose ``show`` takes each
``sync.progress.SyncProgress`` of the round: on a TTY a rich progress bar (events
sent of the round's total, the throughput, the time left); piped or in a log, one
line per acknowledged batch.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

from sync.progress import SyncProgress


def words(progress: SyncProgress) -> str:
    """One plain line: sent, waiting, throughput and the time left."""
    line = f"sent {progress.sent} of {progress.total} events, {progress.waiting} waiting"
    if progress.bytes_per_second is not None:
        line += f", {progress.bytes_per_second / 1000:.1f} KB/s"
    if progress.eta_seconds is not None and progress.waiting:
        line += f", about {duration(progress.eta_seconds)} left"
    if progress.resent:
        line += f" ({progress.resent} resent)"
    return line


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 5 s`` or ``2 h 10 min``."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    if whole < 3600:
        return f"{whole // 60} min {whole % 60} s"
    return f"{whole // 3600} h {whole % 3600 // 60} min"


class Shown:
    """Shows a round's progress on ``stream`` (standard error by default) while open."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.console = Console(file=self.stream)
        self.bar: Progress | None = None
        self.task: TaskID | None = None
        self.last: tuple[int, int] | None = None

    def __enter__(self) -> Shown:
        if self.console.is_terminal:
            self.bar = Progress(
                TextColumn("push"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[detail]}"),
                console=self.console,
                transient=False,
            )
            self.bar.start()
            self.task = self.bar.add_task("push", total=None, detail="")
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()

    def show(self, progress: SyncProgress) -> None:
        """Take one snapshot (called in the round's thread)."""
        if progress.phase != "push":
            return
        if self.bar is not None and self.task is not None:
            detail = words(progress).split(", ", 1)[-1]
            self.bar.update(self.task, completed=progress.sent, total=progress.total or 1,
                            detail=detail)  # fmt: skip
            return
        now = (progress.sent, progress.resent)
        if now != self.last:
            self.last = now
            print(words(progress), file=self.stream, flush=True)
