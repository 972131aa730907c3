"""The API's request and response bodies (pydantic), as the OpenAPI description declares them."""

from __future__ import annotations

from typing import Any, Final, Literal

from pydantic import BaseModel, Field, create_model

from sync.domain import envelope

MAX_EVENTS_PER_PUSH: Final = 2000
MAX_PULL_LIMIT: Final = 5000

# The envelope's fields with their JSON types only: a pushed event is judged by
# parse_event (and quarantined, not refused), and an answer carries what it let in.
_ENVELOPE: dict[str, Any] = {
    f.name: (dict[str, Any] if f.kind is dict else f.kind, ...) for f in envelope.FIELDS
}


class EventModel(create_model("_Envelope", **_ENVELOPE)):  # type: ignore[misc]  # made of FIELDS
    """An event as sent and received (see DESIGN.md, "The journey")."""


class EnrolRequest(BaseModel):
    """A one-time enrolment code and the id of the device redeeming it."""

    code: str = Field(min_length=1, max_length=64)
    device_id: str = Field(pattern=f"^{envelope.ID}$")


class EnrolResponse(BaseModel):
    """The device's bearer token (shown once) and its site."""

    device_token: str
    site_id: str


class PushRequest(BaseModel):
    """A batch of this device's events, in seq order."""

    events: list[dict[str, Any]] = Field(max_length=MAX_EVENTS_PER_PUSH)


class EventResultModel(BaseModel):
    """What became of one pushed event (by its index in the batch).

    ``id`` and ``reason`` are given for duplicates and quarantined events only:
    ``reason`` says why it was quarantined.
    """

    index: int
    status: Literal["stored", "duplicate", "quarantined"]
    seq: int | None = None
    id: str | None = None
    reason: str | None = None


class PushResponse(BaseModel):
    """What became of the batch, and the highest seq held for the device without gaps.

    ``results`` names every event that was *not* newly stored (a duplicate of one
    held, or quarantined with its reason), by its index in the batch; every other
    event of the batch was stored. ``stored`` counts those. Naming each stored event
    too would cost more bytes on the wire than the events' own gzip'd JSON.
    """

    stored: int
    results: list[EventResultModel]
    acked_seq: int


class PullResponse(BaseModel):
    """Events in the server's order and the cursor to pass as ``since`` next time."""

    events: list[EventModel]
    cursor: str
    more: bool


class JourneyResponse(BaseModel):
    """A whole journey, fetched by reference."""

    journey_id: str
    ref: str
    events: list[EventModel]


class LookupRequest(BaseModel):
    """Who the citizen is, as a counter read it: to find their open journeys.

    In the body, never in the address: it is personal data.
    """

    model_config = {"extra": "forbid"}

    name: str = Field(min_length=1, max_length=200)
    birth_date: str = Field(
        pattern=r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
        description="ISO date, or the part of it a card gives (1979, 1979-04)",
    )
    national_number: str = Field(default="", pattern=r"^[0-9]{0,20}$")
    operator: str | None = Field(default=None, pattern=r"^[A-Za-z0-9_.@-]{1,64}$")


class LookedUpJourney(BaseModel):
    """One open journey of the citizen held by the central store."""

    journey_id: str
    ref: str
    site: str
    services: int
    last_activity: str


class LookupResponse(BaseModel):
    """The citizen's open journeys, latest activity first (empty: none)."""

    journeys: list[LookedUpJourney]


class StatusRequest(BaseModel):
    """A status change from an agency's back office."""

    service: str = Field(min_length=1, max_length=128)
    status: str = Field(min_length=1, max_length=64)
    message: str | None = Field(default=None, max_length=2000)


class ErrorResponse(BaseModel):
    """What was wrong with the request."""

    detail: str


class SmsReplyRequest(BaseModel):
    """A reply to an SMS, as the SMS gateway posts it: who sent it and what it says."""

    model_config = {"populate_by_name": True}

    sender: str = Field(alias="from", min_length=1, max_length=32)
    text: str = Field(max_length=1600)


class SmsReplyResponse(BaseModel):
    """What a reply did: whether it asked to stop, and on how many journeys it stopped messages."""

    stop: bool
    stopped: int
