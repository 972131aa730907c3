"""Start-up of the ``counterpart`` process: the garbage collector waits for the first screen.

Starting the app creates some hundred thousand objects that live as long as the
process (modules, classes, validators, styles) and almost no garbage, yet the
cyclic collector walks all of them several times while they are being made (tens
of milliseconds before the first screen). The command line pauses it before it
imports anything heavy; the app resumes it once its first screen is drawn, and
what start-up made is frozen out of later collections, which then stay short.
The same goes for the search index, built later: ``freeze_long_lived``.

A full collection still walks every screen and widget alive, a tenth of a second
or more, and by default one ran every other time a journey was opened. Once the
app runs, full passes are left for when the screen has been idle
(``collect_if_due``, which the app calls on a timer) or for when a great deal
has been allocated (``FULL_PASS_AFTER``); the young generations are collected as
usual, in well under a millisecond each.
"""

from __future__ import annotations

import gc

FULL_PASS_AFTER = 1000
"""Collections of the middle generation before a full one (Python's default: 10)."""

DUE_AFTER = 20
"""Middle-generation collections since the last full one that make an idle pass due."""


def pause_collector() -> None:
    """Pause the cyclic garbage collector (reference counting still frees memory)."""
    gc.disable()


def resume_collector() -> None:
    """Resume the collector if ``pause_collector`` paused it; freeze what exists now.

    Does nothing when the collector runs (tests, or a second call).
    """
    if not gc.isenabled():
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_PASS_AFTER)
        gc.enable()


def collect_if_due() -> None:
    """A full collection, if enough was allocated since the last one (call it when idle)."""
    if gc.isenabled() and gc.get_count()[2] >= DUE_AFTER:
        gc.collect()


def freeze_long_lived() -> None:
    """Collect once, then keep everything alive now out of later collections.

    For after building something large that lives as long as the app (the search
    index: millions of objects for a big catalogue). Otherwise every full
    collection walks it again, a pause of a quarter of a second in the middle of
    typing. Blocks for one full collection: call it from the worker that built it.
    """
    gc.collect()
    gc.freeze()
