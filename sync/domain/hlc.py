"""Hybrid logical clock (Kulkarni et al., 2014) whose string encoding sorts in clock order.

An HLC timestamp is (physical milliseconds, logical counter, device id). Its string
form is ``{ms:012x}.{counter:04x}.{device}``: fixed-width lowercase hex, so
comparing two strings compares the clocks, the device id breaking ties. A clock
never goes backwards, even when the machine's clock does; it moves past every
timestamp it observes from other devices.

The clock is pure: the physical time is read through a function given to it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sync.domain import envelope
from sync.errors import InvalidEvent

# The string form; a regular expression because every pulled event is decoded.
_ENCODED = re.compile(envelope.HLC, re.DOTALL)
_MAX_COUNTER = 0xFFFF
_MAX_MS = (1 << 48) - 1
# A remote clock this far ahead of ours is a broken clock, not a message from the future.
MAX_DRIFT_MS = 366 * 24 * 3600 * 1000


@dataclass(frozen=True, slots=True, order=True)
class Timestamp:
    """One HLC reading; ordering is clock order."""

    ms: int
    counter: int
    device: str

    def encode(self) -> str:
        """The sortable string form."""
        return f"{self.ms:012x}.{self.counter:04x}.{self.device}"

    @classmethod
    def decode(cls, text: str) -> Timestamp:
        """Parse the string form.

        Raises:
            InvalidEvent: the text is not an HLC timestamp.
        """
        found = _ENCODED.fullmatch(text)
        if found is None:
            raise InvalidEvent(f"hlc {text!r} is not of the form 012x.04x.device")
        return cls(int(found[1], 16), int(found[2], 16), found[3])


class HybridClock:
    """The clock of one device.

    Args:
        device: this device's id, the tie-break of equal clocks.
        physical_ms: returns the machine's time in Unix milliseconds.
        last: the last timestamp this device issued or observed (from the store).
    """

    def __init__(
        self, device: str, physical_ms: Callable[[], int], last: Timestamp | None = None
    ) -> None:
        self.device = device
        self._physical_ms = physical_ms
        self._ms = last.ms if last else 0
        self._counter = last.counter if last else 0

    @property
    def last(self) -> Timestamp:
        """The latest timestamp issued or observed."""
        return Timestamp(self._ms, self._counter, self.device)

    def now(self) -> Timestamp:
        """Issue the timestamp of a new local event; strictly greater than any before."""
        pt = self._physical_ms()
        if pt > self._ms:
            self._ms, self._counter = pt, 0
        else:
            self._bump()
        return self.last

    def observe(self, remote: Timestamp) -> None:
        """Move past a timestamp received from another device.

        Raises:
            InvalidEvent: the remote clock is implausibly far ahead of ours
                (more than a year), which would drag every later event with it.
        """
        pt = self._physical_ms()
        if remote.ms > max(pt, self._ms) + MAX_DRIFT_MS:
            raise InvalidEvent(f"hlc from {remote.device!r} is more than a year ahead")
        if remote.ms > self._ms and remote.ms >= pt:
            self._ms, self._counter = remote.ms, remote.counter
            self._bump()
        elif remote.ms == self._ms and self._ms >= pt:
            self._counter = max(self._counter, remote.counter)
            self._bump()
        elif pt > self._ms:
            self._ms, self._counter = pt, 0
        # else: our clock is already ahead of both; nothing to do.

    def _bump(self) -> None:
        if self._counter >= _MAX_COUNTER:
            # Borrow a millisecond rather than overflow the counter's width.
            self._ms, self._counter = self._ms + 1, 0
        else:
            self._counter += 1
        if self._ms > _MAX_MS:
            raise InvalidEvent("hlc physical time overflow")
