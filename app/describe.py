"""Events told in plain words for the timeline: who did what, where and when."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app.i18n import tr
from app.values import show_value
from sync.catalogue.dates import show_date
from sync.catalogue.model import Catalogue
from sync.domain.clocks import describe
from sync.domain.events import Event
from sync.domain.ids import format_reference, parse_reference
from sync.domain.van import Elapsed

CHANNEL_ICONS = {"counter": "■", "van": "▶", "kiosk": "◆", "web": "●", "backoffice": "▲"}
"""One-cell marks of the channel a journey was last active on."""


def when(wall: str, lang: str) -> str:
    """An event's wall time in local time, as the reader of ``lang`` writes dates."""
    try:
        moment = dt.datetime.fromisoformat(wall.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return wall
    return f"{show_date(moment.date().isoformat(), lang)} {moment:%H:%M}"


def elapsed_words(amount: Elapsed, lang: str) -> str:
    """A stretch of time as the header says it: ``2 h 14 min``, ``3 d 1 h``, ``under 1 min``."""
    if amount.days:
        parts = [tr(lang, "van.days", n=amount.days)]
        if amount.hours:
            parts.append(tr(lang, "van.hours", n=amount.hours))
        return " ".join(parts)
    if amount.hours:
        return " ".join([tr(lang, "van.hours", n=amount.hours),
                         tr(lang, "van.minutes", n=amount.minutes)])  # fmt: skip
    if amount.minutes:
        return tr(lang, "van.minutes", n=amount.minutes)
    return tr(lang, "van.under_a_minute")


def _offset_amount(offset_ms: int, lang: str) -> str:
    amount = describe(offset_ms).amount
    if amount.days and not amount.hours:  # "2 days", the way a clock's error is said
        return tr(lang, "clock.day") if amount.days == 1 else tr(lang, "clock.days", n=amount.days)
    return elapsed_words(amount, lang)


def clock_off(offset_ms: int, lang: str) -> str:
    """How far off a clock was: ``2 days slow``."""
    key = f"clock.off_{describe(offset_ms).direction}"
    return tr(lang, key, amount=_offset_amount(offset_ms, lang))


def recorded_by(offset_ms: int, lang: str) -> str:
    """The mark of a time recorded by a clock found off: ``recorded by a clock 2 days slow``."""
    key = f"clock.{describe(offset_ms).direction}"
    return tr(lang, key, amount=_offset_amount(offset_ms, lang))


def who(actor: str, lang: str) -> str:
    """The actor as a person reads it."""
    kind, _, name = actor.partition(":")
    if kind in ("operator", "agency"):
        return f"{tr(lang, 'actor.' + kind)} {name}"
    return tr(lang, f"actor.{kind}")


def service_name(catalogue: Catalogue, service_id: Any, lang: str) -> str:
    """A service's name, or its id when the catalogue no longer knows it."""
    service = catalogue.services.get(str(service_id))
    return service.name.get(lang) if service else str(service_id)


def step_title(catalogue: Catalogue, service_id: Any, step_id: Any, lang: str) -> str:
    """A step's title, or its id when the catalogue no longer knows it."""
    service = catalogue.services.get(str(service_id))
    for step in service.steps if service is not None else ():
        if step.id == step_id:
            return step.title.get(lang)
    return str(step_id)


def field_label(catalogue: Catalogue, key: Any, lang: str) -> str:
    """A field's label, or its key when the catalogue no longer knows it."""
    field = catalogue.fields.get(str(key))
    return field.label.get(lang) if field else str(key)


def help_place(
    catalogue: Catalogue, service: str | None, step: str | None, reason: str | None, lang: str
) -> str:
    """Where a citizen asked for help (service · step) and why, as far as they said."""
    parts = []
    if service is not None:
        parts.append(service_name(catalogue, service, lang))
        if step is not None:
            parts.append(step_title(catalogue, service, step, lang))
    elif step is not None:
        parts.append(step)
    if reason:
        parts.append(f"“{reason}”")
    return " · ".join(parts)


def what(event: Event, catalogue: Catalogue, lang: str) -> str:
    """What happened, in one line."""
    d = event.data
    key = f"event.{event.type}"
    match event.type:
        case "journey.started":
            return tr(lang, key, lang=str(d["language"]).upper())
        case "journey.linked":
            reason = d.get("reason")
            if reason in ("offline", "merged"):
                key = f"{key}.{reason}"
            return tr(lang, key, ref=format_reference(parse_reference(d["ref"])))
        case "citizen.identified":
            return tr(lang, key, method=tr(lang, f"identify.method.{d['method']}"))
        case "consent.given" | "consent.withdrawn":
            purposes = ", ".join(tr(lang, f"consent.short.{p}") for p in d["purposes"])
            return tr(lang, key, purposes=purposes)
        case "service.added" | "service.removed" | "service.submitted":
            return tr(lang, key, service=service_name(catalogue, d["service"], lang))
        case "answer.recorded":
            field = catalogue.fields.get(d["field"])
            label = field.label.get(lang) if field else d["field"]
            source = tr(lang, f"source.{d['source']}")
            return tr(
                lang, key, field=label, value=show_value(field, d["value"], lang), source=source
            )
        case "document.checked":
            document = catalogue.documents.get(d["document"])
            name = document.name.get(lang) if document else d["document"]
            return tr(
                lang, key, document=name, ok=tr(lang, "value.seen" if d["ok"] else "value.not_seen")
            )
        case "step.completed":
            title = step_title(catalogue, d["service"], d["step"], lang)
            return tr(lang, key, step=title, service=service_name(catalogue, d["service"], lang))
        case "handoff.issued":
            return tr(lang, key, date=show_date(str(d["expires"])[:10], lang))
        case "receipt.printed":
            return tr(lang, key, lang=str(d["language"]).upper())
        case "feedback.given":
            return tr(lang, key, score=d["score"])
        case "status.changed":
            return tr(
                lang, key, service=service_name(catalogue, d["service"], lang), status=d["status"]
            )
        case "note.added":
            return tr(lang, key, text=d["text"])
        case "clock.offset":
            return tr(lang, key, device=d["device_id"], offset=clock_off(int(d["offset_ms"]), lang))
        case "assistance.requested":
            place = help_place(catalogue, d.get("service"), d.get("step"), d.get("reason"), lang)
            return tr(lang, f"{key}.at", place=place) if place else tr(lang, key)
        case "reminder.scheduled":
            return f"{tr(lang, key)}: {show_date(str(d['at'])[:10], lang)} · {d['what']}"
        case "notification.sent" | "notification.failed":
            return tr(lang, key, channel=d["channel"], reason=d.get("reason", ""))
        case "journey.closed" | "handoff.revoked":
            return tr(lang, key, reason=d.get("reason", ""))
        case _:
            return tr(lang, key)
