"""Pushed events checked and made into rows of the central ``events`` table.

``parse_event`` is the one judge of an event, and running it on every pushed event
cost more than storing the event. ``event_row`` first tries a shortcut for an
event whose envelope is plainly right: exact JSON types, the known keys, and one
regular expression over the envelope's strings, each part as strict as
``parse_event``'s check or stricter; the data still goes through the domain's own
``check_data``. Whatever the shortcut does not recognise goes through
``parse_event``, so the shortcut only ever accepts what ``parse_event`` accepts
(``tests/sync/test_intake.py`` holds it to that), and a refusal always carries
``parse_event``'s words.

On top of the domain's rules, the central store refuses what its columns cannot
hold: a seq past a signed 64-bit integer and an hlc longer than its column.
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

from sync.central.records import BIGINT_MAX
from sync.domain.events import CHANNELS, EVENT_TYPES, check_data, parse_event
from sync.domain.ids import parse_reference
from sync.errors import InvalidEvent

MAX_HLC: Final = 160
"""The longest hlc the ``events.hlc`` column holds."""

Row = tuple[str, str, str, str, str, str, int, str, str, str, str, str | None, str]
"""id, journey_id, type, hlc, wall, device_id, seq, channel, site_id, actor, data, ref, received."""

_KEYS: Final = frozenset(
    ("id", "journey_id", "type", "hlc", "wall", "device_id", "seq", "channel", "site_id",
     "actor", "data")
)  # fmt: skip
_UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_ID = "[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}"
# id, journey_id, wall, device_id, site_id, actor and hlc joined by \x1f. No part can
# hold a \x1f (the hlc's device part included), so each part is matched by its own
# pattern: [0-9] where parse_event says \d (which takes any Unicode digit), and no
# final newline where its $ would allow one.
_ENVELOPE = re.compile(
    f"{_UUID}\x1f{_UUID}\x1f"
    "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\\.[0-9]{1,6})?Z\x1f"
    f"{_ID}\x1f{_ID}\x1f"
    "(?:citizen|system|operator:[A-Za-z0-9_.@-]{1,64}|agency:[a-z0-9-]{1,64})\x1f"
    "[0-9a-f]{12}\\.[0-9a-f]{4}\\.[^\x1f]+"
)


def data_json(data: Any) -> str:
    """An event's data as stored: compact JSON with sorted keys (as ``Event.data_json``)."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_row(raw: Any, received: str) -> Row:
    """The row of a pushed event, or why it cannot be stored.

    Raises:
        InvalidEvent: ``parse_event``'s reason, or a value past what a column holds.
    """
    row = _plain_row(raw, received)
    if row is not None:
        return row
    e = parse_event(raw)
    if e.seq > BIGINT_MAX:
        raise InvalidEvent(f"event 'seq' {e.seq} is past the largest held, {BIGINT_MAX}")
    if len(e.hlc) > MAX_HLC:
        raise InvalidEvent(f"event 'hlc' has {len(e.hlc)} characters; at most {MAX_HLC}")
    return (e.id, e.journey_id, e.type, e.hlc, e.wall, e.device_id, e.seq, e.channel,
            e.site_id, e.actor, data_json(e.data), _ref(e.type, e.data), received)  # fmt: skip


def _plain_row(raw: Any, received: str) -> Row | None:
    """The row of an event the shortcut recognises as valid, else None (not a verdict)."""
    if type(raw) is not dict or raw.keys() != _KEYS:
        return None
    event_type, seq, channel, data, hlc = (
        raw["type"], raw["seq"], raw["channel"], raw["data"], raw["hlc"]
    )  # fmt: skip
    if (
        type(seq) is not int
        or not 1 <= seq <= BIGINT_MAX
        or type(event_type) is not str
        or event_type not in EVENT_TYPES
        or type(channel) is not str
        or channel not in CHANNELS
        or type(data) is not dict
        or type(hlc) is not str
        or len(hlc) > MAX_HLC
    ):
        return None
    strings = (raw["id"], raw["journey_id"], raw["wall"], raw["device_id"], raw["site_id"],
               raw["actor"], hlc)  # fmt: skip
    try:
        envelope = "\x1f".join(strings)
    except TypeError:
        return None  # one of them is not a string
    if not _ENVELOPE.fullmatch(envelope):
        return None
    try:
        check_data(event_type, data)
    except InvalidEvent:
        return None  # parse_event says why, in the same words
    return (strings[0], strings[1], event_type, hlc, strings[2], strings[3], seq, channel,
            strings[4], strings[5], data_json(data), _ref(event_type, data), received)  # fmt: skip


def _ref(event_type: str, data: Any) -> str | None:
    """The canonical reference a ``journey.started`` is found by (a 9-character column)."""
    return parse_reference(data["ref"]) if event_type == "journey.started" else None
