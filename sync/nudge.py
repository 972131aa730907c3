"""Rounds on demand: a nudge after each save runs one round soon, in a thread of its own.

``Nudger(run)`` calls ``run`` in a background thread shortly after ``nudge()``.
The nudges of a burst (the answers of a card read, a finish's submit, handoff and
receipt) make one round, or two when some arrive while the first runs; rounds
never overlap. ``run`` decides whether a round is worth it: ``SyncLink.nudger``
skips it while the central store is out of reach, so an offline van does not try
the network on every save.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

SETTLE_SECONDS = 0.25
"""How long a nudge waits for the rest of its burst before the round starts."""

JOIN_SECONDS = 60.0
"""How long ``close`` waits for a round under way to end."""

log = logging.getLogger(__name__)


class Nudger:
    """Runs ``run`` soon after each nudge: coalesced, one at a time, in one daemon thread.

    Args:
        run: one round; blocks; called in the nudger's thread only.
        settle_seconds: how long a nudge waits for more before the round starts.
        ignore: true when a nudge now is to be dropped (asked in the nudging thread).
    """

    def __init__(
        self,
        run: Callable[[], object],
        *,
        settle_seconds: float = SETTLE_SECONDS,
        ignore: Callable[[], bool] = lambda: False,
    ) -> None:
        self._run = run
        self.settle_seconds = settle_seconds
        self._ignore = ignore
        self._changed = threading.Condition()
        self._wanted = False
        self._running = False
        self._closed = False
        self._thread: threading.Thread | None = None

    def nudge(self) -> None:
        """Ask for a round soon. Returns at once; safe from any thread; a no-op once closed."""
        if self._ignore():
            return
        with self._changed:
            if self._closed:
                return
            self._wanted = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="sync-nudge", daemon=True)
                self._thread.start()
            self._changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Block until no round is wanted or running; False when ``timeout`` ran out first."""
        with self._changed:
            return self._changed.wait_for(lambda: not (self._wanted or self._running), timeout)

    def close(self) -> None:
        """Stop: a round under way ends, a round only wanted does not start."""
        with self._changed:
            self._closed = True
            self._wanted = False
            self._changed.notify_all()
            thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(JOIN_SECONDS)

    def _loop(self) -> None:
        while self._next():
            try:
                self._run()
            except Exception:
                # Nobody is waiting on this thread to be told; the app's interval round
                # meets the same failure in a worker and shows it. Keep taking nudges.
                log.exception("a nudged sync round failed")
            finally:
                with self._changed:
                    self._running = False
                    self._changed.notify_all()

    def _next(self) -> bool:
        """Wait for a nudge and its burst; False once closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._wanted or self._closed)
            self._changed.wait_for(lambda: self._closed, self.settle_seconds)
            if self._closed:
                return False
            # Cleared before the round: a save during it asks for one more.
            self._wanted = False
            self._running = True
            return True
