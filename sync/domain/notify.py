"""When a citizen is sent a message: what triggers one, who may get it, and when it may go.

Four things trigger a message (``Trigger``): a ``status.changed`` from an agency,
a ``reminder.scheduled`` coming due, a step that can be done at home left
unfinished for some days, and a handoff link about to expire. Nothing is sent
without the ``contact`` consent and its address (``sync.domain.consent``); the
check is made again just before sending, so withdrawing the consent stops every
message still queued, and cancelling a reminder stops its own. Quiet hours
(local time of the site) hold messages on the channels they cover until the
morning; a per-citizen daily limit holds the rest until the next day.

Pure: every time is an argument (aware datetimes), the site's time zone too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from sync.catalogue.model import Catalogue
from sync.domain.consent import allows_contact
from sync.domain.events import ContactChannel, Event, Trigger
from sync.domain.fold import Contact, JourneyState
from sync.domain.handoff import state_of
from sync.domain.progress import HOME_CHANNEL, journey_progress, steps_for_channel


@dataclass(frozen=True, slots=True)
class Policy:
    """The notifier's rules as configured (``[notify]``).

    Attributes:
        quiet_start: Local time from which no message goes on ``quiet_channels``.
        quiet_end: Local time at which they may go again (the morning).
        quiet_channels: The channels quiet hours hold (SMS by default: a phone at night).
        daily_limit: The most messages one citizen (one address) is sent a local day.
        unfinished_days: Days a step that can be done at home may stay unfinished
            before a message says so (0: never).
        expiring_days: Days before a live link expires that a message says so (0: never).
        zone: The site's time zone.
    """

    quiet_start: dt.time = dt.time(21, 0)
    quiet_end: dt.time = dt.time(8, 0)
    quiet_channels: frozenset[ContactChannel] = frozenset({"sms"})
    daily_limit: int = 3
    unfinished_days: int = 7
    expiring_days: int = 3
    zone: dt.tzinfo = dt.UTC


@dataclass(frozen=True, slots=True)
class Due:
    """A message an event or the passing of time asks for, before it is queued.

    Attributes:
        key: What makes it one message: the same key is queued once (an event's id,
            a handoff and the day it expires, a step left since a given time).
        trigger: What it is about.
        due: When it may go at the earliest (UTC), before quiet hours and the limit.
        subject_id: The reminder's or handoff's id, or the service, it is about.
    """

    key: str
    trigger: Trigger
    due: dt.datetime
    subject_id: str


def parse_utc(text: str) -> dt.datetime:
    """A stored UTC time (``2026-11-23T09:30:00Z``, with or without fractions) as aware."""
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.UTC)


def due_for_event(event: Event) -> Due | None:
    """The message an event asks for as it is stored, if any."""
    if event.type == "status.changed" and event.actor.startswith("agency:"):
        return Due(event.id, "status", parse_utc(event.wall), str(event.data["service"]))
    if event.type == "reminder.scheduled":
        return Due(event.id, "reminder", parse_utc(str(event.data["at"])), event.id)
    return None


def due_by_time(
    state: JourneyState, catalogue: Catalogue, now: dt.datetime, policy: Policy
) -> list[Due]:
    """The messages the passing of time asks for on a journey at ``now``.

    A step left for home: once per stretch without progress, counted from the
    journey's last event. A link: once, ``expiring_days`` before it expires.
    """
    if not may_contact(state) or state.closed is not None:
        return []
    found: list[Due] = []
    last = parse_utc(state.last_wall) if state.last_wall else now
    if policy.unfinished_days:
        left = [
            p.service.id
            for p in journey_progress(state, catalogue)
            if not p.submitted and steps_for_channel(p, HOME_CHANNEL)
        ]
        at = last + dt.timedelta(days=policy.unfinished_days)
        if left and at <= now:
            found.append(Due(f"{state.journey_id}:unfinished:{state.last_hlc}", "unfinished",
                             at, left[0]))  # fmt: skip
    if policy.expiring_days:
        for handoff in state.handoffs.values():
            expires = parse_utc(handoff.expires if "T" in handoff.expires
                                else f"{handoff.expires}T00:00:00Z")  # fmt: skip
            at = expires - dt.timedelta(days=policy.expiring_days)
            if state_of(handoff, now) == "live" and at <= now:
                found.append(Due(f"{handoff.handoff_id}:expiring", "handoff_expiring", at,
                                 handoff.handoff_id))  # fmt: skip
    return found


def may_contact(state: JourneyState) -> bool:
    """The citizen agreed to messages and said where (``contact`` with an address)."""
    return allows_contact(state) and state.contact is not None


def still_wanted(state: JourneyState, trigger: Trigger, subject_id: str, now: dt.datetime) -> str:
    """Why a queued message must not go now after all ("" when it may).

    Checked just before each try: withdrawn consent, a cancelled reminder, a link
    no longer live, a closed journey.
    """
    if not may_contact(state):
        return "the citizen withdrew their consent to messages"
    if trigger == "reminder":
        reminder = state.reminders.get(subject_id)
        if reminder is None or reminder.cancelled:
            return "the reminder was cancelled"
    if trigger == "handoff_expiring" and state_of(state.handoffs.get(subject_id), now) != "live":
        return "the link is no longer live"
    if trigger != "status" and state.closed is not None:
        return "the journey is closed"
    return ""


def recipient(state: JourneyState) -> Contact | None:
    """Where the journey's messages go now (None: nowhere, no consent)."""
    return state.contact if may_contact(state) else None


def earliest_send(
    channel: ContactChannel, due: dt.datetime, sent_today: int, policy: Policy
) -> dt.datetime:
    """When a message due at ``due`` may go, given how many the citizen got that local day.

    Quiet hours move it to their end (the morning); a reached daily limit moves it to
    the next local day (then past quiet hours too).
    """
    at = due
    if sent_today >= policy.daily_limit:
        local = due.astimezone(policy.zone)
        next_day = (local + dt.timedelta(days=1)).date()
        at = dt.datetime.combine(next_day, dt.time(0, 0), policy.zone).astimezone(dt.UTC)
    if channel in policy.quiet_channels:
        at = leave_quiet_hours(at, policy)
    return at


def leave_quiet_hours(moment: dt.datetime, policy: Policy) -> dt.datetime:
    """``moment`` if outside quiet hours, else the end of the quiet hours it falls in."""
    local = moment.astimezone(policy.zone)
    start, end = policy.quiet_start, policy.quiet_end
    clock = local.time()
    if start == end:
        return moment
    if start > end:  # over midnight: 21:00 to 08:00
        if clock >= start:
            day = local.date() + dt.timedelta(days=1)
        elif clock < end:
            day = local.date()
        else:
            return moment
    elif start <= clock < end:
        day = local.date()
    else:
        return moment
    return dt.datetime.combine(day, end, policy.zone).astimezone(dt.UTC)


def local_day_start(moment: dt.datetime, policy: Policy) -> dt.datetime:
    """The start (UTC) of the site's local day that ``moment`` falls in."""
    local = moment.astimezone(policy.zone)
    return dt.datetime.combine(local.date(), dt.time(0, 0), policy.zone).astimezone(dt.UTC)


MAX_TRIES: Final = 8
"""Tries before a message is given up (``notification.failed``)."""


def backoff_seconds(tries: int, jitter: float, *, base: float = 2.0, cap: float = 900.0) -> float:
    """Seconds to wait after ``tries`` failed tries: exponential, capped, with "full jitter".

    Args:
        tries: failed tries so far (1 or more).
        jitter: a number in [0, 1) from the caller's randomness.
    """
    ceiling = min(cap, base * 2.0 ** (tries - 1))
    return ceiling / 2 + (ceiling / 2) * jitter


REMINDER_HOUR: Final = dt.time(9, 0)
"""The local time a reminder set for a day is sent at."""


def reminder_at(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """When a reminder for ``day`` goes: ``REMINDER_HOUR`` that day in the site's zone (UTC)."""
    return dt.datetime.combine(day, REMINDER_HOUR, zone).astimezone(dt.UTC)


def reminder_refusal(at: dt.datetime, what: str, now: dt.datetime) -> str | None:
    """Why a reminder cannot be scheduled ("past", "what"), or None."""
    if at <= now:
        return "past"
    if not what.strip() or len(what) > 200:
        return "what"
    return None
