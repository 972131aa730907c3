"""The event's envelope: the fields every event carries, their order, their patterns and limits.

This is the one place that says them; the rest derive from it. ``events`` checks
an event with these patterns and ``hlc`` decodes with its pattern; the local
store's and the central store's column lists, the central intake's shortcut and
the API's ``EventModel`` are built from ``FIELDS``. The two schemas' ``events``
tables are written out in their migrations, which are history and must keep
creating what they created: tests hold their columns to ``FIELDS`` instead.

A pattern is matched the way ``parse_event`` always has, ``^pattern$`` with
``re.match``: ``\\d`` takes any Unicode digit and ``$`` a final newline (refusing
those now would refuse events the stores already hold). The central intake's
shortcut compiles the same patterns with ``re.ASCII`` and matches them whole,
which is stricter, never looser. No pattern but the hlc's takes a ``\\x1f``.

Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

UUID: Final = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
"""An event's or a journey's id: a UUID in lower case."""

ID: Final = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}"
"""A device's or a site's id (and a consent purpose's)."""

WALL: Final = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z"
"""The device's wall clock in UTC, like ``2026-11-23T09:30:00.000Z``."""

ACTOR: Final = "(citizen|system|operator:[A-Za-z0-9_.@-]{1,64}|agency:[a-z0-9-]{1,64})"
"""Who acted: the citizen, the system, an operator or an agency."""

HLC: Final = r"([0-9a-f]{12})\.([0-9a-f]{4})\.(.+)"
"""A hybrid logical clock: milliseconds (12 hex digits), counter (4), device (the rest)."""

MAX_HLC: Final = 160
"""The longest hlc a store holds (the device part is otherwise unbounded)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One field of the envelope.

    Attributes:
        name: its key in an event's JSON, and its column in both stores' ``events``.
        kind: its JSON type: ``str``, ``int`` (never a boolean) or ``dict`` (the data).
        pattern: what a string matches (see the module docstring); None for a value
            from a closed set (``type`` and ``channel``, checked by ``events``) or
            one that is not a string.
        max_length: the most characters the central store's column holds, for a string.
    """

    name: str
    kind: type
    pattern: str | None = None
    max_length: int | None = None


FIELDS: Final = (
    Field("id", str, UUID, 36),
    Field("journey_id", str, UUID, 36),
    Field("type", str, None, 64),
    Field("hlc", str, HLC, MAX_HLC),
    Field("wall", str, WALL, 32),
    Field("device_id", str, ID, 128),
    Field("seq", int),
    Field("channel", str, None, 16),
    Field("site_id", str, ID, 128),
    Field("actor", str, ACTOR, 128),
    Field("data", dict),
)
"""The envelope in its order: the order of both stores' columns and of an event's JSON."""

NAMES: Final = tuple(f.name for f in FIELDS)
"""The fields' names, in order; ``data`` comes last."""
