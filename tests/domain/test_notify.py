"""The notification rules: consent and address, quiet hours, the daily limit, the words."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from sync.domain.events import check_data
from sync.domain.fold import fold
from sync.domain.messages import About, compose
from sync.domain.notify import (
    Policy,
    backoff_seconds,
    due_for_event,
    earliest_send,
    leave_quiet_hours,
    recipient,
    still_wanted,
)
from sync.errors import InvalidEvent
from tests.domain.factory import SimDevice

LISBON = Policy(zone=ZoneInfo("Europe/Lisbon"))
UTC = dt.UTC


def _journey(*, contact: bool = True, channel: str = "email") -> SimDevice:
    device = SimDevice()
    device.start(language="en")
    device.event(
        "citizen.identified",
        {"method": "card", "name": "Maria Silva", "birth_date": "1980-02-29",
         "national_number": "123456789"},
    )  # fmt: skip
    address = "maria@example.org" if channel == "email" else "+351912345678"
    purposes = ["services", "contact"] if contact else ["services"]
    data: dict[str, object] = {"purposes": purposes}
    if contact:
        data |= {"channel": channel, "address": address}
    device.event("consent.given", data)
    return device


def test_contact_consent_keeps_channel_and_address_and_withdrawing_forgets_them() -> None:
    device = _journey(channel="sms")
    state = fold(device.journey_id, device.known.values())
    assert recipient(state) is not None and recipient(state).channel == "sms"  # type: ignore[union-attr]
    device.event("consent.withdrawn", {"purposes": ["contact"]})
    state = fold(device.journey_id, device.known.values())
    assert recipient(state) is None
    assert still_wanted(state, "status", "svc", dt.datetime.now(UTC)).startswith("the citizen")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ({"purposes": ["contact"], "channel": "fax", "address": "x"}, "'channel'"),
        ({"purposes": ["contact"], "channel": "email", "address": "not-mail"}, "e-mail address"),
        ({"purposes": ["contact"], "channel": "sms", "address": "912"}, "phone number"),
        ({"purposes": ["prefill"], "address": "a@b.org"}, "go with purpose 'contact'"),
    ],
)
def test_a_bad_contact_is_refused_without_repeating_the_address(
    data: dict[str, object], says: str
) -> None:
    with pytest.raises(InvalidEvent, match=says) as caught:
        check_data("consent.given", data)
    assert "not-mail" not in str(caught.value)


def test_a_cancelled_reminder_is_no_longer_wanted() -> None:
    device = _journey()
    reminder = device.event(
        "reminder.scheduled", {"at": "2026-12-01T09:00:00Z", "what": "bring the lease"}
    )
    due = due_for_event(reminder)
    assert due is not None and due.trigger == "reminder" and due.subject_id == reminder.id
    now = dt.datetime(2026, 12, 1, 10, tzinfo=UTC)
    assert (
        still_wanted(fold(device.journey_id, device.known.values()), "reminder", reminder.id, now)
        == ""
    )
    device.event("reminder.cancelled", {"reminder_id": reminder.id})
    state = fold(device.journey_id, device.known.values())
    assert still_wanted(state, "reminder", reminder.id, now) == "the reminder was cancelled"
    assert state.reminders[reminder.id].cancelled


def test_only_an_agency_status_triggers_a_message() -> None:
    device = _journey()
    own = device.event("status.changed", {"service": "s", "status": "accepted"})
    assert due_for_event(own) is None
    agency = device.event(
        "status.changed", {"service": "s", "status": "accepted"}, actor="agency:civil"
    )
    assert due_for_event(agency) is not None


def test_quiet_hours_hold_an_sms_until_the_morning_in_the_sites_time() -> None:
    # 22:30 in Lisbon in summer is 21:30 UTC; the morning is 08:00 Lisbon, 07:00 UTC.
    night = dt.datetime(2026, 7, 1, 21, 30, tzinfo=UTC)
    assert leave_quiet_hours(night, LISBON) == dt.datetime(2026, 7, 2, 7, 0, tzinfo=UTC)
    early = dt.datetime(2026, 7, 2, 5, 0, tzinfo=UTC)
    assert leave_quiet_hours(early, LISBON) == dt.datetime(2026, 7, 2, 7, 0, tzinfo=UTC)
    day = dt.datetime(2026, 7, 2, 12, 0, tzinfo=UTC)
    assert leave_quiet_hours(day, LISBON) == day
    assert earliest_send("sms", night, 0, LISBON) == dt.datetime(2026, 7, 2, 7, 0, tzinfo=UTC)
    assert earliest_send("email", night, 0, LISBON) == night


def test_the_daily_limit_moves_a_message_to_the_next_day() -> None:
    noon = dt.datetime(2026, 7, 2, 11, 0, tzinfo=UTC)
    assert earliest_send("email", noon, 2, LISBON) == noon
    assert earliest_send("email", noon, 3, LISBON) == dt.datetime(2026, 7, 2, 23, 0, tzinfo=UTC)
    # An SMS moved to midnight then waits for the end of the quiet hours.
    assert earliest_send("sms", noon, 3, LISBON) == dt.datetime(2026, 7, 3, 7, 0, tzinfo=UTC)


def test_backoff_grows_and_is_capped_with_jitter() -> None:
    assert backoff_seconds(1, 0.0) == 1.0
    assert backoff_seconds(1, 0.999) < 2.0
    assert backoff_seconds(5, 0.0) == 16.0
    assert backoff_seconds(30, 0.999) <= 900.0


@pytest.mark.parametrize("language", ["pt", "en", "es"])
@pytest.mark.parametrize("channel", ["email", "sms"])
def test_a_message_has_the_reference_and_no_personal_data(language: str, channel: str) -> None:
    device = _journey()
    state = fold(device.journey_id, device.known.values())
    assert state.ref is not None
    about = About("status", state.ref, service="Address change", status="accepted",
                  live_handoff=True)  # fmt: skip
    text = compose(about, language, channel, stop_url="http://x/stop/abc")  # type: ignore[arg-type]
    whole = text.subject + text.body
    assert f"{state.ref[:3]}-{state.ref[3:6]}-{state.ref[6:]}" in whole
    for personal in ("Maria", "Silva", "123456789", "1980", "maria@example.org"):
        assert personal not in whole
    assert ("STOP" in whole) == (channel == "sms")
    assert ("http://x/stop/abc" in whole) == (channel == "email")
    assert "Maria" not in text.body
