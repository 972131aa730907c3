"""What a device and an agency may write: their own actors, channels, site and clock.

A device writes for its own site, under its own clock, as an operator, the
system, or the citizen at a kiosk or on the web; never as an agency, and never
on the back office's channel, which is the agencies' (the store writes their
status changes itself), and never a ``clock.offset``, which is the store's finding
about a device's clock (``sync.domain.clocks``). An agency writes the status of its
own services only: a service's id is ``<agency>.<name>`` (the catalogue holds every
service to that).

Which journeys a device may write to is the log's to say (``store.log``): those
its site touched or fetched, and the ones it starts.
"""

from __future__ import annotations

from typing import Final

from sync.central.intake import Row
from sync.central.records import Device
from sync.domain.clocks import OFFSET_EVENT

DEVICE_CHANNELS: Final = frozenset({"counter", "van", "kiosk", "web"})
"""The channels a device may write: all but ``backoffice``."""
CITIZEN_CHANNELS: Final = frozenset({"kiosk", "web"})
"""Where a device may write as the citizen: the channels a citizen serves themself on."""
_HLC_DEVICE = 18  # the device part of an hlc starts after "012x.04x."


def device_refusal(device: Device, row: Row) -> str | None:
    """Why ``device`` may not write the event of ``row`` (a valid event), or None."""
    event_type, hlc, channel, site_id, actor = row[2], row[3], row[7], row[8], row[9]
    if event_type == OFFSET_EVENT:
        return f"{OFFSET_EVENT} is written by the central store itself, never by a device"
    if site_id != device.site_id:
        return f"site_id {site_id!r} is not this device's site, {device.site_id!r}"
    if hlc[_HLC_DEVICE:] != device.device_id:
        return f"hlc {hlc!r} is not of this device's clock ({device.device_id!r})"
    if channel not in DEVICE_CHANNELS:
        return f"channel {channel!r} is the agencies'; a device writes on {_words(DEVICE_CHANNELS)}"
    if actor.startswith("agency:"):
        return f"actor {actor!r} is an agency's; a device writes as operator:*, system or citizen"
    if actor == "citizen" and channel not in CITIZEN_CHANNELS:
        return f"actor 'citizen' writes on {_words(CITIZEN_CHANNELS)} only, not {channel!r}"
    return None


def agency_refusal(agency_id: str, service: str) -> str | None:
    """Why ``agency_id`` may not post a status of ``service``, or None."""
    if service.startswith(f"{agency_id}."):
        return None
    return f"service {service!r} is not one of agency {agency_id!r} ({agency_id}.<name>)"


def _words(names: frozenset[str]) -> str:
    ordered = sorted(names)
    return ", ".join(ordered[:-1]) + f" or {ordered[-1]}"
