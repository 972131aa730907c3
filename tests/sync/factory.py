"""Events for sync tests, made by a real in-memory ``LocalStore`` per simulated device.

``Maker("dev-1").start()`` starts a journey; ``.event()`` appends a note to it;
``.event_dict(...)`` gives the JSON object of the device's next event with any
key overridden, for tests that send what a newer or broken app would.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

from sync.domain.events import Channel, Event, EventType
from sync.store.store import LocalStore


def new_id() -> str:
    """A random UUID in the form events use."""
    return str(uuid.UUID(bytes=os.urandom(16)))


class Maker:
    """A device that makes valid events for one journey (in its own in-memory store)."""

    def __init__(
        self, device_id: str, *, site_id: str = "site-1", channel: Channel = "counter"
    ) -> None:
        self.store = LocalStore(":memory:", site_id=site_id, device_id=device_id)
        self.channel: Channel = channel
        self.journey_id = ""
        self.made: list[Event] = []

    def start(self) -> Event:
        """A ``journey.started`` with a fresh journey id and reference."""
        e = self.store.start_journey(language="pt", channel=self.channel, actor="operator:op1")
        self.journey_id = e.journey_id
        self.made.append(e)
        return e

    def event(
        self, event_type: EventType = "note.added", data: dict[str, Any] | None = None
    ) -> Event:
        """The device's next event on its journey (a note by default)."""
        e = self.store.append(
            self.journey_id,
            event_type,
            data if data is not None else {"text": "a note"},
            channel=self.channel,
            actor="operator:op1",
        )
        self.made.append(e)
        return e

    def event_dict(
        self, event_type: str = "note.added", data: Any = None, **override: Any
    ) -> dict[str, Any]:
        """The JSON object of the next event, with ``type``, ``data`` or any key replaced."""
        raw = self.store.append(
            self.journey_id, "note.added", {"text": "a note"}, channel=self.channel, actor="system"
        ).to_dict()
        raw["type"] = event_type
        if data is not None:
            raw["data"] = data
        raw.update(override)
        return raw
