"""Keys typed ahead: let a widget handle the keys already routed to it before deciding.

A priority binding runs as the app reads its key, while the keys typed before it
may still wait in the focused widget's queue (a fast typist, a paste, tmux, a
badge or barcode scanner). A binding that checks what a field holds, then moves
the focus, first waits here: the field's text is then whole, and the keys typed
after it are still with the app, routed to wherever the focus ends.
"""

from __future__ import annotations

import asyncio
import contextlib

from textual.message_pump import MessagePump

CATCH_UP_LIMIT = 1.0
"""Seconds to wait at most for a widget's queue: a widget that is closing never answers."""


async def caught_up(widget: MessagePump) -> None:
    """Return once ``widget`` has handled every message queued for it before this call.

    The app's own queue waits meanwhile (the caller is a binding the app awaits), so
    nothing typed later reaches any widget before the caller has moved the focus.
    """
    done = asyncio.Event()
    if not widget.call_later(done.set):
        return  # not running: nothing is waiting for it
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(done.wait(), CATCH_UP_LIMIT)
