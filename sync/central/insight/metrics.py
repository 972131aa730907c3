"""The central store's sync health and intake as Prometheus metrics (``GET /metrics``).

Read from the store at each scrape (a custom collector over a registry of its own),
so several processes serving one database all report the same figures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from sync.central import schema as t
from sync.central.insight import rollup
from sync.central.insight.measures import sync_health, wall_ms
from sync.central.store import CentralStore

CONTENT_TYPE: Final = CONTENT_TYPE_LATEST


class _Store(Collector):
    def __init__(self, store: CentralStore) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        store = self.store
        devices = sync_health(store)
        labels = ["device", "site"]
        backlog = GaugeMetricFamily(
            "counterpart_device_backlog_events",
            "Seqs a device wrote that the store holds no gapless ack for",
            labels=labels,
        )
        parked = GaugeMetricFamily(
            "counterpart_device_quarantined_events",
            "Events of a device held in quarantine",
            labels=labels,
        )
        last = GaugeMetricFamily(
            "counterpart_device_last_sync_timestamp_seconds",
            "When a device last pushed",
            labels=labels,
        )
        acked = GaugeMetricFamily(
            "counterpart_device_acked_seq", "The highest seq held without a gap", labels=labels
        )
        for d in devices:
            if d.revoked:
                continue
            key = [d.device_id, d.site_id]
            backlog.add_metric(key, d.backlog)
            parked.add_metric(key, d.quarantined)
            acked.add_metric(key, d.acked_seq)
            if d.last_sync:
                last.add_metric(key, wall_ms(d.last_sync) / 1000)
        yield from (backlog, parked, last, acked)
        yield GaugeMetricFamily(
            "counterpart_devices_enrolled",
            "Devices enrolled and not revoked",
            value=sum(1 for d in devices if not d.revoked),
        )
        with store.read() as conn:
            held = conn.execute(select(func.max(t.events.c.server_pos))).scalar() or 0
            quarantined = conn.execute(select(func.count()).select_from(t.quarantine)).scalar()
            journeys = conn.execute(select(func.count()).select_from(t.insight_journeys)).scalar()
        yield GaugeMetricFamily(
            "counterpart_events_position",
            "The server's order: the last position stored",
            value=int(held),
        )
        yield GaugeMetricFamily(
            "counterpart_quarantined_events",
            "Events held in quarantine, every device",
            value=int(quarantined or 0),
        )
        yield GaugeMetricFamily(
            "counterpart_insight_lag_events",
            "Events stored that the rollups do not count yet",
            value=rollup.lag(store),
        )
        yield GaugeMetricFamily(
            "counterpart_journeys", "Journeys the rollups count", value=int(journeys or 0)
        )


def exposition(store: CentralStore) -> bytes:
    """The metrics as Prometheus' text exposition format (the rollups refreshed first, as
    the devices' highest seqs are theirs)."""
    rollup.refresh(store)
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Store(store))
    return generate_latest(registry)
