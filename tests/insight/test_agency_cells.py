"""An agency's measures from its cells, and migration 7 that sums them from the rollups held:
on SQLite and PostgreSQL, every figure of an agency's page equals the hand count from the
generated network, and the cells a migrated store sums equal a recomputation."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from sqlalchemy import text

from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue, agency_of
from sync.central import schema
from sync.central.insight import rollup
from sync.central.insight.measures import Counts, Scope, measures
from sync.central.store import CentralStore
from sync.domain.insight import STALL_DAYS
from tests.insight.network import Made, generate
from tests.sync.postgres import PostgresServer, available
from tests.sync.serverproc import ROOT


@dataclass
class Pushed:
    """A store holding the generated network, folded, and what was generated."""

    db_url: str
    catalogue: Catalogue
    made: list[Made]
    now_ms: int


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    """One PostgreSQL server for the module (skipped where it cannot run, failed in CI)."""
    reason = available()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}", pytrace=False)
        pytest.skip(reason)
    server = PostgresServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def pushed(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Pushed:
    if request.param == "sqlite":
        db_url = f"sqlite:///{tmp_path_factory.mktemp('agency') / 'central.db'}"
    else:
        db_url = request.getfixturevalue("postgres").database()
    catalogue = load_catalogue(ROOT / "fixtures" / "catalogue")
    half_day = 12 * 3600 * 1000  # the last noon (UTC): the same days whatever the hour
    now_ms = (int(time.time() * 1000) - half_day) // (2 * half_day) * (2 * half_day) + half_day
    devices, made = generate(catalogue, now_ms, journeys=500, seed=11)
    store = CentralStore(db_url)
    try:
        for d in sorted(devices, key=lambda d: d.channel == "kiosk"):
            token, _ = store.enrol(store.issue_enrolment_code(d.site), d.device_id)
            device = store.device_for_token(token)
            for i in range(0, len(d.events), 300):
                store.push(device, d.events[i : i + 300])
        rollup.refresh(store, chunk=700)  # journeys cut across chunks
    finally:
        store.close()
    return Pushed(db_url, catalogue, made, now_ms)


def _hand(made: list[Made]) -> Counts:
    return Counts(
        journeys=len(made), resolved=sum(m.closed for m in made),
        crossed=sum(len(m.channels) > 1 for m in made),
        steps=sum(sum(m.steps.values()) for m in made),
        steps_digital=sum(m.steps.get("kiosk", 0) + m.steps.get("web", 0) for m in made),
        prefilled=sum(m.prefilled for m in made), typed=sum(m.typed for m in made),
        handoffs_issued=sum(m.issued for m in made),
        handoffs_redeemed=sum(m.redeemed for m in made),
        at_kiosk=sum("kiosk" in m.channels for m in made),
        assisted=sum(m.assisted for m in made),
        with_feedback=sum(bool(m.scores) for m in made),
        feedback_count=sum(len(m.scores) for m in made),
        feedback_sum=sum(sum(m.scores) for m in made),
    )  # fmt: skip


def _stalled(made: list[Made], now_ms: int) -> int:
    today = datetime.fromtimestamp(now_ms / 1000, UTC).date()
    return sum(
        not m.closed
        and (today - datetime.fromtimestamp(m.last_ms / 1000, UTC).date()).days >= STALL_DAYS
        for m in made
    )


def _by(made: list[Made], key: str) -> dict[str, Counts]:
    groups: dict[str, list[Made]] = {}
    for m in made:
        groups.setdefault(getattr(m, key), []).append(m)
    return {k: _hand(v) for k, v in sorted(groups.items())}


def test_each_agency_s_measures_equal_the_hand_count(pushed: Pushed) -> None:
    store = CentralStore(pushed.db_url)
    agencies = sorted({agency_of(s) for m in pushed.made for s in m.services})
    assert len(agencies) > 1
    days = sorted({m.day for m in pushed.made})
    try:
        for agency in agencies:
            theirs = {s.id for s in pushed.catalogue.services_of(agency)}
            for scope in (Scope(agency=agency),
                          Scope(days[-13], days[-2], "site-03", agency)):  # fmt: skip
                mine = [m for m in pushed.made if theirs & set(m.services)
                        and (scope.site is None or m.site == scope.site)
                        and (scope.start is None or scope.start <= m.day)
                        and (scope.end is None or m.day <= scope.end)]  # fmt: skip
                got = measures(store, pushed.catalogue, scope, now_ms=pushed.now_ms)
                assert got.total == _hand(mine), scope
                assert got.by_site == _by(mine, "site"), scope
                assert got.by_day == _by(mine, "day"), scope
                assert got.steps_by_channel == {
                    ch: sum(m.steps.get(ch, 0) for m in mine)
                    for ch in ("counter", "van", "kiosk", "web", "backoffice")
                }
                assert got.journeys_by_channel == {
                    ch: sum(ch in m.channels for m in mine)
                    for ch in ("counter", "van", "kiosk", "web")
                }
                assert got.stalled == _stalled(mine, pushed.now_ms), scope
                assert set(got.services) <= theirs
                assert got.costs == {}
    finally:
        store.close()


def test_migration_7_sums_the_agency_cells_from_the_rollups_held(pushed: Pushed) -> None:
    store = CentralStore(pushed.db_url)
    try:
        before = rollup.held_cells(store)
        assert before["agencies"] and before["open_agencies"]
        with store.write() as conn:  # the store as schema 6 left it
            for table in (schema.insight_agency_cells, schema.insight_agency_open):
                table.drop(conn)
            for name, *_ in schema.CELL_INDEXES:
                conn.execute(text(f"DROP INDEX {name}"))
            conn.execute(schema.schema_version.update().values(version=6))
    finally:
        store.close()
    store = CentralStore(pushed.db_url)  # migrates to 7
    try:
        with store.read() as conn:
            assert schema.current_version(conn) == schema.LATEST == 7
        assert rollup.held_cells(store) == before == rollup.cells_of(rollup.recompute(store))
    finally:
        store.close()


def test_a_journey_counts_once_for_each_agency_it_holds(pushed: Pushed) -> None:
    store = CentralStore(pushed.db_url)
    try:
        every = measures(store, pushed.catalogue, Scope(), now_ms=pushed.now_ms).total.journeys
        agencies = {agency_of(s) for m in pushed.made for s in m.services}
        by_agency = sum(
            measures(store, pushed.catalogue, Scope(agency=a), now_ms=pushed.now_ms)
            .total.journeys for a in agencies
        )  # fmt: skip
        held = sum(len({agency_of(s) for s in m.services}) for m in pushed.made)
        assert every == len(pushed.made) < by_agency == held
    finally:
        store.close()
