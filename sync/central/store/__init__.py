"""The central case store's data: devices, tokens, the server's event log, quarantine, audit.

``CentralStore`` is the one object the HTTP API and the ``counterpart central``
commands use. It is the database core (``database``: engine, schema, serialised
transactions, clock, audit) with each topic's functions bound on as methods:

- ``tokens``: enrolment codes, device tokens and their revocation, agency tokens;
- ``log``: a device's push, its quarantine and its gapless ack;
- ``clocks``: each push's reading of the device's clock, and the marks of one found off;
- ``reads``: pull by site, and fetch by reference or by link with its grant and audit;
- ``lookup``: a citizen's open journeys, found by the keys of their identity, and
  the services they submitted in other journeys (``done_before``);
- ``status``: the status changes the store writes itself;
- ``views``: what the network operator sees;
- ``citizen``, ``attempts``, ``web_sessions``, ``reports``: what the citizen's pages
  read and write (``sync/central/web``).

Each write runs in one transaction, so a push is all stored or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sync.central.records import (
    Device,
    DeviceStatus,
    EnrolmentRefused,
    EventResult,
    ForeignDevice,
    PushResult,
    UnknownJourney,
    hash_secret,
)
from sync.central.store import (
    attempts,
    citizen,
    clocks,
    log,
    reads,
    reports,
    status,
    tokens,
    views,
    web_sessions,
)
from sync.central.store import lookup as lookups
from sync.central.store.database import CENTRAL_DEVICE, Database


class CentralStore(Database):
    """The central case store's database and every operation on it.

    Opened as a ``Database`` is (same arguments, same ``CentralError``); each method
    below is a topic's function, called with the store as its database.
    """

    issue_enrolment_code = tokens.issue_enrolment_code
    enrol = tokens.enrol
    revoke = tokens.revoke
    device_for_token = tokens.device_for_token
    issue_agency_token = tokens.issue_agency_token
    agency_for_token = tokens.agency_for_token

    def push(
        self, device: Device, raws: Sequence[Any], device_wall_ms: int | None = None
    ) -> PushResult:
        """Store a device's batch (``log.push``); with the device's wall time at sending,
        keep the push's clock reading in the same transaction (``clocks.record_reading``).
        """
        if device_wall_ms is None:
            return log.push(self, device, raws)
        wall = device_wall_ms
        return log.push(
            self, device, raws, lambda conn, fresh: clocks.record_reading(
                self, conn, device, wall, fresh)
        )  # fmt: skip

    pull = reads.pull
    fetch = reads.fetch
    fetch_by_link = reads.fetch_by_link
    lookup = lookups.lookup
    done_before = lookups.done_before
    journey_id_for_ref = staticmethod(reads.journey_id_for_ref)

    record_status = status.record_status

    device_statuses = views.device_statuses
    quarantined = views.quarantined
    audit_entries = views.audit_entries
    count_events = views.count_events

    journey_for_link = citizen.journey_for_link
    journey_for_reference = citizen.journey_for_reference
    journey_events = citizen.journey_events
    journey_state = citizen.journey_state
    record_for_citizen = citizen.record_for_citizen

    locked_until = attempts.locked_until
    failed_confirmation = attempts.failed
    cleared_confirmation = attempts.cleared
    tries_left = attempts.tries_left

    begin_visit = web_sessions.begin
    find_visit = web_sessions.find
    end_visit = web_sessions.end
    secret = web_sessions.secret

    add_accessibility_report = reports.add_report
    accessibility_reports = reports.reports


__all__ = [
    "CENTRAL_DEVICE",
    "CentralStore",
    "Device",
    "DeviceStatus",
    "EnrolmentRefused",
    "EventResult",
    "ForeignDevice",
    "PushResult",
    "UnknownJourney",
    "hash_secret",
]
