"""The events of a journey's log: their envelope, their types and the shape of their data.

An event is immutable. ``parse_event`` is the one door from JSON into an ``Event``:
it checks the envelope (its fields and patterns are ``envelope``'s) and the data
of the event's type, and raises ``InvalidEvent`` naming what is wrong. New types
are added here, never repurposed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, get_args

from sync.domain import envelope
from sync.domain.hlc import Timestamp
from sync.domain.ids import parse_reference
from sync.errors import InvalidEvent, InvalidReference

Channel = Literal["counter", "van", "kiosk", "web", "backoffice"]
CHANNELS: Final = frozenset(get_args(Channel))

EventType = Literal[
    "journey.started",
    "journey.linked",
    "citizen.identified",
    "consent.given",
    "consent.withdrawn",
    "service.added",
    "service.removed",
    "answer.recorded",
    "document.checked",
    "document.uploaded",
    "step.completed",
    "handoff.issued",
    "handoff.redeemed",
    "handoff.revoked",
    "receipt.printed",
    "assistance.requested",
    "note.added",
    "service.submitted",
    "status.changed",
    "reminder.scheduled",
    "reminder.cancelled",
    "notification.sent",
    "notification.failed",
    "feedback.given",
    "journey.closed",
    "clock.offset",
]
EVENT_TYPES: Final = frozenset(get_args(EventType))

ContactChannel = Literal["sms", "email"]
CONTACT_CHANNELS: Final = frozenset(get_args(ContactChannel))
Trigger = Literal["status", "reminder", "unfinished", "handoff_expiring"]
"""What a message is about: an agency's status, a reminder, a step left, a link expiring."""
TRIGGERS: Final = frozenset(get_args(Trigger))
EMAIL: Final = re.compile(r"[^@\s<>\x00-\x1f\x7f,;]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}")
"""An e-mail address as a contact consent takes it (no spaces, no header characters)."""
PHONE: Final = re.compile(r"\+[1-9][0-9]{6,14}")
"""A phone number in international form (E.164)."""

AnswerSource = Literal["card", "earlier_journey", "typed"]
IdentifyMethod = Literal["card", "manual", "handoff"]

_UUID = re.compile(f"^{envelope.UUID}$")
_ACTOR = re.compile(f"^{envelope.ACTOR}$")
_WALL = re.compile(f"^{envelope.WALL}$")
_ID = re.compile(f"^{envelope.ID}$")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_KEYS: Final = frozenset(envelope.NAMES)

# The data each type must carry: key -> (JSON type(s), required). Extra keys are
# refused so that a typo never passes as a new fact.
_STR = (str,)
_LIST = (list,)
_INT = (int,)
_BOOL = (bool,)
_ANY = (str, int, float, bool, dict, list, type(None))
DataSpec = Mapping[str, tuple[tuple[type, ...], bool]]
DATA_SPECS: Final[Mapping[str, DataSpec]] = {
    "journey.started": {"ref": (_STR, True), "language": (_STR, True)},
    "journey.linked": {"ref": (_STR, True), "reason": (_STR, False)},
    "clock.offset": {
        "device_id": (_STR, True),
        "offset_ms": (_INT, True),
        "first_seq": (_INT, True),
        "last_seq": (_INT, True),
    },
    "citizen.identified": {
        "method": (_STR, True),
        "name": (_STR, True),
        "birth_date": (_STR, True),
        "national_number": (_STR, False),
        "card_number": (_STR, False),
        "nationality": (_STR, False),
    },
    # ``channel`` and ``address`` go with the ``contact`` purpose: where messages go.
    "consent.given": {
        "purposes": (_LIST, True),
        "channel": (_STR, False),
        "address": (_STR, False),
    },
    "consent.withdrawn": {"purposes": (_LIST, True)},
    "service.added": {"service": (_STR, True)},
    "service.removed": {"service": (_STR, True)},
    "answer.recorded": {
        "field": (_STR, True),
        "value": (_ANY, True),
        "source": (_STR, True),
        "service": (_STR, False),
        "supersedes": (_LIST, True),
        "from_journey": (_STR, False),
    },
    "document.checked": {
        "document": (_STR, True),
        "ok": (_BOOL, True),
        "service": (_STR, False),
    },
    "document.uploaded": {
        "document": (_STR, True),
        "filename": (_STR, True),
        "sha256": (_STR, True),
        "size": (_INT, True),
        "content_type": (_STR, True),
        "service": (_STR, False),
    },
    "step.completed": {"service": (_STR, True), "step": (_STR, True)},
    "handoff.issued": {
        "handoff_id": (_STR, True),
        "token_hash": (_STR, True),
        "expires": (_STR, True),
    },
    "handoff.redeemed": {"handoff_id": (_STR, True)},
    "handoff.revoked": {"handoff_id": (_STR, True), "reason": (_STR, False)},
    "receipt.printed": {"language": (_STR, True), "handoff_id": (_STR, False)},
    "assistance.requested": {
        "reason": (_STR, False),
        "service": (_STR, False),
        "step": (_STR, False),
        "screen": (_STR, False),
    },
    "note.added": {"text": (_STR, True)},
    "service.submitted": {"service": (_STR, True)},
    "status.changed": {
        "service": (_STR, True),
        "status": (_STR, True),
        "message": (_STR, False),
    },
    "reminder.scheduled": {"at": (_STR, True), "what": (_STR, True)},
    # A reminder is named by the id of its reminder.scheduled event.
    "reminder.cancelled": {"reminder_id": (_STR, True)},
    # ``message_id`` names one outbox row: the same on every try and on a duplicate.
    "notification.sent": {
        "message_id": (_STR, True),
        "channel": (_STR, True),
        "trigger": (_STR, True),
        "attempts": (_INT, True),
    },
    "notification.failed": {
        "message_id": (_STR, True),
        "channel": (_STR, True),
        "trigger": (_STR, True),
        "reason": (_STR, True),
    },
    "feedback.given": {"score": (_INT, True), "comment": (_STR, False)},
    "journey.closed": {"reason": (_STR, True)},
}
MAX_DATA_BYTES: Final = 64 * 1024


@dataclass(frozen=True, slots=True)
class Event:
    """One immutable entry of a journey's log (DESIGN.md, "The journey")."""

    id: str
    journey_id: str
    type: EventType
    hlc: str
    wall: str
    device_id: str
    seq: int
    channel: Channel
    site_id: str
    actor: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form, as stored and sent."""
        as_dict = {name: getattr(self, name) for name in envelope.NAMES}
        as_dict["data"] = dict(self.data)
        return as_dict

    def data_json(self) -> str:
        """The event's data as compact JSON with sorted keys."""
        return json.dumps(self.data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @property
    def timestamp(self) -> Timestamp:
        """The decoded hybrid logical clock."""
        return Timestamp.decode(self.hlc)


def _need(raw: Mapping[str, Any], key: str, kinds: tuple[type, ...]) -> Any:
    if key not in raw:
        raise InvalidEvent(f"event has no {key!r}")
    value = raw[key]
    # bool is an int in Python; an int field never takes true/false.
    if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
        names = " or ".join(k.__name__ for k in kinds)
        raise InvalidEvent(f"event {key!r} must be {names}, got {type(value).__name__}")
    return value


def _match(pattern: re.Pattern[str], value: str, key: str, what: str) -> str:
    if not pattern.match(value):
        raise InvalidEvent(f"event {key!r} {value!r} is not {what}")
    return value


def check_data(event_type: str, data: Mapping[str, Any]) -> None:
    """Check an event's data against its type's shape.

    Raises:
        InvalidEvent: a missing or extra key, a value of the wrong type, or a value
            outside what the type allows; the message names the key.
    """
    spec = DATA_SPECS[event_type]
    for key in data:
        if key not in spec:
            raise InvalidEvent(f"{event_type} data has unknown key {key!r}")
    for key, (kinds, required) in spec.items():
        if key not in data:
            if required:
                raise InvalidEvent(f"{event_type} data needs {key!r}")
            continue
        value = data[key]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            names = " or ".join(k.__name__ for k in kinds)
            raise InvalidEvent(f"{event_type} data {key!r} must be {names}")
    _check_values(event_type, data)
    try:
        # NaN and infinity are not JSON, and NaN != NaN would make two folds of the
        # same log compare unequal.
        encoded = json.dumps(data, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError) as exc:
        raise InvalidEvent(f"{event_type} data is not plain JSON: {exc}") from exc
    size = len(encoded.encode())
    if size > MAX_DATA_BYTES:
        raise InvalidEvent(f"{event_type} data is {size} bytes; at most {MAX_DATA_BYTES}")


def _check_values(event_type: str, data: Mapping[str, Any]) -> None:
    if event_type in ("journey.started", "journey.linked"):
        try:
            parse_reference(data["ref"])
        except InvalidReference as exc:
            raise InvalidEvent(f"{event_type} data 'ref': {exc}") from exc
    if event_type == "journey.started" and data["language"] not in ("pt", "en", "es"):
        raise InvalidEvent(f"journey.started data 'language' {data['language']!r}: use pt, en, es")
    if event_type == "citizen.identified":
        if data["method"] not in ("card", "manual", "handoff"):
            raise InvalidEvent(f"citizen.identified data 'method' {data['method']!r} is unknown")
        if not _is_iso_date(data["birth_date"]):
            raise InvalidEvent(
                f"citizen.identified data 'birth_date' {data['birth_date']!r}: "
                "a full date, YYYY-MM-DD"
            )
    if event_type == "answer.recorded":
        if data["source"] not in ("card", "earlier_journey", "typed"):
            raise InvalidEvent(f"answer.recorded data 'source' {data['source']!r} is unknown")
        if not all(isinstance(s, str) and _UUID.match(s) for s in data["supersedes"]):
            raise InvalidEvent("answer.recorded data 'supersedes' must list event ids")
    if event_type in ("consent.given", "consent.withdrawn") and not all(
        isinstance(p, str) and _ID.match(p) for p in data["purposes"]
    ):
        raise InvalidEvent(f"{event_type} data 'purposes' must list purpose ids")
    if event_type == "consent.given":
        _check_contact(data)
    if event_type == "reminder.scheduled":
        _check_utc(data["at"], "reminder.scheduled data 'at'")
        if not data["what"].strip() or len(data["what"]) > 200:
            raise InvalidEvent(
                "reminder.scheduled data 'what' must say what, in 1 to 200 characters"
            )
    if event_type == "reminder.cancelled" and not _UUID.match(data["reminder_id"]):
        raise InvalidEvent("reminder.cancelled data 'reminder_id' must be an event id")
    if event_type in ("notification.sent", "notification.failed"):
        if data["channel"] not in CONTACT_CHANNELS:
            raise InvalidEvent(f"{event_type} data 'channel' {data['channel']!r}: use sms, email")
        if data["trigger"] not in TRIGGERS:
            raise InvalidEvent(f"{event_type} data 'trigger' {data['trigger']!r} is unknown")
    if event_type == "feedback.given" and not 1 <= data["score"] <= 5:
        raise InvalidEvent(f"feedback.given data 'score' {data['score']} is not between 1 and 5")


def _is_iso_date(text: str) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_contact(data: Mapping[str, Any]) -> None:
    """A ``contact`` consent's channel and address, well formed (a channel left out is
    the address's own: e-mail with an @, else SMS)."""
    channel, address = data.get("channel"), data.get("address")
    if channel is None and address is None:
        return
    if "contact" not in data["purposes"]:
        raise InvalidEvent("consent.given data 'channel' and 'address' go with purpose 'contact'")
    if channel is not None and channel not in CONTACT_CHANNELS:
        raise InvalidEvent(f"consent.given data 'channel' {channel!r}: use sms, email")
    if address is None:
        return
    # The address itself is never in the error: it is personal data.
    if contact_channel(data) == "email":
        if not EMAIL.fullmatch(address):
            raise InvalidEvent("consent.given data 'address' is not an e-mail address")
    elif not PHONE.fullmatch(address):
        raise InvalidEvent("consent.given data 'address' is not a phone number like +351912345678")


def contact_channel(data: Mapping[str, Any]) -> ContactChannel:
    """The channel of a ``consent.given`` with an address: given, or the address's own."""
    channel = data.get("channel")
    if channel == "sms" or (channel is None and "@" not in str(data.get("address", ""))):
        return "sms"
    return "email"


def _check_utc(value: str, what: str) -> None:
    if not _WALL.match(value):
        raise InvalidEvent(f"{what} {value!r} is not a UTC time like 2026-11-23T09:30:00Z")


def parse_event(raw: Mapping[str, Any]) -> Event:
    """Check a JSON object and build the event it describes.

    Raises:
        InvalidEvent: the message names the first thing that is wrong.
    """
    if not isinstance(raw, Mapping):
        raise InvalidEvent("an event must be a JSON object")
    extra = set(raw) - _KEYS
    if extra:
        raise InvalidEvent(f"event has unknown key {sorted(extra)[0]!r}")
    event_id = _match(_UUID, _need(raw, "id", _STR), "id", "a UUID")
    journey_id = _match(_UUID, _need(raw, "journey_id", _STR), "journey_id", "a UUID")
    event_type = _need(raw, "type", _STR)
    if event_type not in EVENT_TYPES:
        raise InvalidEvent(f"event type {event_type!r} is unknown to this version")
    hlc = _need(raw, "hlc", _STR)
    Timestamp.decode(hlc)
    wall = _match(_WALL, _need(raw, "wall", _STR), "wall", "a UTC time like 2026-11-23T09:30:00Z")
    device_id = _match(_ID, _need(raw, "device_id", _STR), "device_id", "a device id")
    seq = _need(raw, "seq", _INT)
    if seq < 1:
        raise InvalidEvent(f"event 'seq' must be 1 or more, got {seq}")
    channel = _need(raw, "channel", _STR)
    if channel not in CHANNELS:
        raise InvalidEvent(f"event channel {channel!r} is unknown; use {sorted(CHANNELS)}")
    site_id = _match(_ID, _need(raw, "site_id", _STR), "site_id", "a site id")
    actor = _match(_ACTOR, _need(raw, "actor", _STR), "actor", "operator:<id>, citizen, ...")
    data = _need(raw, "data", (dict,))
    check_data(event_type, data)
    return Event(
        id=event_id,
        journey_id=journey_id,
        type=event_type,
        hlc=hlc,
        wall=wall,
        device_id=device_id,
        seq=seq,
        channel=channel,
        site_id=site_id,
        actor=actor,
        data=data,
    )
