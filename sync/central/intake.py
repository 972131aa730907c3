"""Pushed events checked and made into rows of the central ``events`` table.

``parse_event`` is the one judge of an event, and running it on every pushed event
cost more than storing the event. ``event_row`` first tries a shortcut for an
event whose envelope is plainly right: exact JSON types, the known keys, and the
envelope's patterns (``sync.domain.envelope``) over its strings, each as strict as
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
from operator import attrgetter, itemgetter
from typing import Any, Final, cast

from sync.central.records import BIGINT_MAX
from sync.domain.envelope import FIELDS, HLC, MAX_HLC, NAMES
from sync.domain.events import CHANNELS, EVENT_TYPES, check_data, parse_event
from sync.domain.ids import parse_reference
from sync.errors import InvalidEvent

COLUMNS: Final = (*NAMES, "ref", "received")
"""The columns of a ``Row``: the envelope's fields (the data as JSON), ref and received."""

Row = tuple[str, str, str, str, str, str, int, str, str, str, str, str | None, str]
"""A row of the ``events`` table, in the order of ``COLUMNS``."""

_KEYS: Final = frozenset(NAMES)
_ALL_BUT_DATA = itemgetter(*NAMES[:-1])
_EVENT_ALL_BUT_DATA = attrgetter(*NAMES[:-1])
# The envelope's other patterned strings, joined by \x1f and matched at once. No part
# can hold a \x1f, so each part is matched by its own pattern; re.ASCII makes \d
# [0-9] where parse_event's takes any Unicode digit, and fullmatch allows no final
# newline where its $ would. The hlc, whose device part may hold anything, on its own.
_JOINED = [f for f in FIELDS if f.pattern is not None and f.name != "hlc"]
_STRINGS = itemgetter(*(f.name for f in _JOINED))
_ENVELOPE = re.compile("\x1f".join(f"(?:{f.pattern})" for f in _JOINED), re.ASCII)
_HLC = re.compile(HLC, re.ASCII)


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
    return cast(Row, (*_EVENT_ALL_BUT_DATA(e), data_json(e.data), _ref(e.type, e.data), received))


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
        or not _HLC.fullmatch(hlc)
    ):
        return None
    try:
        joined = "\x1f".join(_STRINGS(raw))
    except TypeError:
        return None  # one of them is not a string
    if not _ENVELOPE.fullmatch(joined):
        return None
    try:
        check_data(event_type, data)
    except InvalidEvent:
        return None  # parse_event says why, in the same words
    return cast(Row, (*_ALL_BUT_DATA(raw), data_json(data), _ref(event_type, data), received))


def _ref(event_type: str, data: Any) -> str | None:
    """The canonical reference a ``journey.started`` is found by (a 9-character column)."""
    return parse_reference(data["ref"]) if event_type == "journey.started" else None
