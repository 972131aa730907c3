"""What the journey's pages show, built from the journey's state with the domain's rules.

Plain values for the templates: no rule is decided here that the domain decides
(``journey_progress``, ``steps_for_channel``, ``ready_to_submit``, the fold's
statuses and visits); this module only picks the words for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.catalogue.model import Catalogue, Lang
from sync.domain.clocks import OFFSET_EVENT, describe, marks
from sync.domain.events import Event
from sync.domain.fold import JourneyState
from sync.domain.progress import (
    HOME_CHANNEL,
    journey_progress,
    steps_for_channel,
    uploads_at_home,
)
from sync.domain.rules import ready_to_submit


@dataclass(frozen=True, slots=True)
class StepRow:
    """One step of a service, as the task list shows it."""

    id: str
    title: str
    state: str
    """``done``, ``here`` (can be done at home now) or ``visit`` (needs a counter)."""


@dataclass(frozen=True, slots=True)
class ServiceView:
    """One service of the journey on the journey page."""

    id: str
    name: str
    summary: str
    agency: str
    steps: tuple[StepRow, ...]
    to_bring: tuple[str, ...]
    status: str | None
    status_message: str | None
    status_wall: str | None
    ready: bool
    submitted: bool
    uploads: bool = False
    """Some of its documents can be uploaded on its documents page."""
    documents_first: bool = False
    """Every step is done, but documents are missing before it can be sent."""


def services(state: JourneyState, catalogue: Catalogue, lang: Lang) -> list[ServiceView]:
    """The journey's services with where each stands, in the order they were added."""
    ready = set(ready_to_submit(state, catalogue))
    shown: list[ServiceView] = []
    for progress in journey_progress(state, catalogue):
        service = progress.service
        here = {s.id for s in steps_for_channel(progress, HOME_CHANNEL)}
        done = {s.id for s in progress.done}
        rows = tuple(
            StepRow(
                step.id,
                step.title.get(lang),
                "done" if step.id in done else "here" if step.id in here else "visit",
            )
            for step in service.steps
        )
        status = state.status_of(service.id)
        agency = catalogue.agencies[service.agency_id]
        shown.append(
            ServiceView(
                id=service.id,
                name=service.name.get(lang),
                summary=service.summary.get(lang),
                agency=agency.name.get(lang),
                steps=rows,
                to_bring=tuple(d.name.get(lang) for d in progress.to_bring),
                status=status.status if status else None,
                status_message=status.message if status else None,
                status_wall=status.wall[:10] if status else None,
                ready=service.id in ready,
                submitted=progress.submitted,
                uploads=bool(uploads_at_home(state, catalogue, service)),
                documents_first=progress.steps_complete and bool(progress.to_bring),
            )
        )
    return shown


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One event of the timeline: when, where (channel and site), what."""

    wall: str
    channel: str
    site: str
    key: str
    values: dict[str, str]
    clock: tuple[str, dict[str, str]] | None = None
    """The mark of a time recorded by a clock found off: a text key and its values."""


def _clock_mark(offset: int) -> tuple[str, dict[str, str]]:
    found = describe(offset)
    amount = found.amount
    if amount.days:
        key, values = ("timeline.clock.day", {}) if amount.days == 1 else (
            "timeline.clock.days", {"n": str(amount.days)})  # fmt: skip
    else:
        key, values = "timeline.clock.hours", {"h": str(amount.hours), "m": str(amount.minutes)}
    return f"timeline.clock.{found.direction}", {"amount_key": key, **values}


def timeline(events: list[Event], catalogue: Catalogue, lang: Lang) -> list[TimelineRow]:
    """What happened, newest first, with no personal data (no answers, no names).

    Answers are shown as "answer recorded", not their values; the citizen sees
    their answers on the step pages, behind the confirmed visit.
    """
    rows: list[TimelineRow] = []
    offsets = marks(events)
    for e in sorted(events, key=lambda x: (x.hlc, x.id), reverse=True):
        if e.type == OFFSET_EVENT:  # the store's finding: shown on the times it marks
            continue
        values: dict[str, str] = {}
        service_id = e.data.get("service")
        if isinstance(service_id, str):
            service = catalogue.services.get(service_id)
            values["service"] = service.name.get(lang) if service else service_id
            if e.type == "step.completed":
                values["step"] = str(e.data["step"])
                if service is not None and e.data["step"] in {s.id for s in service.steps}:
                    values["step"] = service.step(str(e.data["step"])).title.get(lang)
        clock = _clock_mark(offsets[e.id]) if e.id in offsets else None
        rows.append(TimelineRow(e.wall[:16].replace("T", " "), e.channel, e.site_id,
                                f"event.{e.type}", values, clock))  # fmt: skip
    return rows
