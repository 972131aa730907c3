"""Every measure of the generated network equals the count made by hand from what was generated."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import pytest

from sync.domain.insight import STALL_DAYS
from tests.insight.conftest import Network
from tests.insight.network import DAY_MS, Made

HIDDEN = "< 5"


def _count(n: int) -> Any:
    return n if n >= 5 else HIDDEN


def _share(part: int, whole: int, behind: tuple[int, ...]) -> Any:
    if any(b < 5 for b in behind) or not whole:
        return HIDDEN
    return round(100 * part / whole, 1)


def _summary(made: list[Made]) -> dict[str, Any]:
    n = len(made)
    steps = sum(sum(m.steps.values()) for m in made)
    digital = sum(m.steps.get("kiosk", 0) + m.steps.get("web", 0) for m in made)
    pre, typed = sum(m.prefilled for m in made), sum(m.typed for m in made)
    issued, redeemed = sum(m.issued for m in made), sum(m.redeemed for m in made)
    crossed = sum(len(m.channels) > 1 for m in made)
    at_kiosk = sum("kiosk" in m.channels for m in made)
    assisted = sum(m.assisted for m in made)
    scores = [s for m in made for s in m.scores]
    with_feedback = sum(bool(m.scores) for m in made)
    return {
        "Journeys started": _count(n),
        "Resolved": _count(sum(m.closed for m in made)),
        "Crossed channels %": _share(crossed, n, (crossed, n)),
        "Digital take-up %": _share(digital, steps, (n,)),
        "Prefilled %": _share(pre, pre + typed, (n,)),
        "Handoffs redeemed %": _share(redeemed, issued, (n,)),
        "Assisted at kiosk %": _share(assisted, at_kiosk, (assisted, at_kiosk)),
        "Satisfaction (1-5)": round(sum(scores) / len(scores), 2)
        if with_feedback >= 5 and scores else HIDDEN,
    }  # fmt: skip


def _rows(report: dict[str, Any], key: str) -> list[dict[str, Any]]:
    return report["sections"][key]["rows"]  # type: ignore[no-any-return]


def test_the_national_summary_equals_the_hand_count(network: Network) -> None:
    report = network.insight()
    (row,) = _rows(report, "summary")
    assert {k: v for k, v in row.items() if k != "Scope"} == _summary(network.made)
    # The network was made to hold all of these: none of the national cells is hidden.
    assert HIDDEN not in row.values()


def test_each_site_and_day_equals_the_hand_count(network: Network) -> None:
    report = network.insight()
    by_site = {r["Site"]: r for r in _rows(report, "sites")}
    sites = sorted({m.site for m in network.made})
    assert sorted(by_site) == sites
    for site in sites:
        mine = [m for m in network.made if m.site == site]
        assert {k: v for k, v in by_site[site].items() if k != "Site"} == _summary(mine)
    by_day = {r["Day"]: r["Journeys started"] for r in _rows(report, "days")}
    days = sorted({m.day for m in network.made})
    assert by_day == {d: _count(sum(m.day == d for m in network.made)) for d in days}


def test_one_site_in_a_range_of_days(network: Network) -> None:
    # The last days hold the recent journeys (many a day), the days before them the
    # stalled ones (a few a day): a range over both shows counts and hidden cells alike,
    # whatever today is.
    days = sorted({m.day for m in network.made})
    start, end = days[-13], days[-1]
    report = network.insight("--site", "site-03", "--from", start, "--to", end)
    mine = [m for m in network.made if m.site == "site-03" and start <= m.day <= end]
    (row,) = _rows(report, "summary")
    assert {k: v for k, v in row.items() if k != "Scope"} == _summary(mine)
    # A site's days hold few journeys each: the small ones read "< 5", the others their count.
    by_day = {r["Day"]: r["Journeys started"] for r in _rows(report, "days")}
    hand = {d: sum(m.day == d for m in mine) for d in sorted({m.day for m in mine})}
    assert by_day == {d: _count(n) for d, n in hand.items()}
    assert any(n < 5 for n in hand.values()) and any(n >= 5 for n in hand.values())


def test_channels_services_and_stalls_equal_the_hand_count(network: Network) -> None:
    made = network.made
    report = network.insight()
    channels = {r["Channel"]: r for r in _rows(report, "channels")}
    steps = sum(sum(m.steps.values()) for m in made)
    assert sum(m.steps.get("web", 0) for m in made) >= 5  # steps done at home are counted
    for ch in ("counter", "van", "kiosk", "web"):
        n = sum(m.steps.get(ch, 0) for m in made)
        met = sum(ch in m.channels for m in made)
        assert channels[ch]["Journeys met there"] == _count(met)
        assert channels[ch]["Steps done"] == n
        assert channels[ch]["Share of steps %"] == _share(n, steps, (met,))
    services = {r["Service"]: r for r in _rows(report, "services")}
    ids = sorted({s for m in made for s in m.services})
    assert sorted(services) == ids
    for sid in ids:
        added = sum(sid in m.services for m in made)
        submitted = sum(sid in m.submitted for m in made)
        assert services[sid]["Added"] == _count(added)
        assert services[sid]["Submitted"] == _count(submitted)
        assert services[sid]["Completion %"] == _share(submitted, added, (submitted, added))
        assert services[sid]["Agency"] == network.catalogue.service(sid).agency_id
        _assert_decisions(services[sid], sid, made, network)
    _assert_agencies(_rows(report, "agencies"), made, network)
    # Stalled: open, and the last event's day STALL_DAYS or more before today (UTC).
    today = datetime.fromtimestamp(time.time(), UTC).date()
    stalls: dict[tuple[str, str], int] = {}
    for m in made:
        last_day = datetime.fromtimestamp(m.last_ms / 1000, UTC).date()
        if m.closed or (today - last_day).days < STALL_DAYS:
            continue
        for sid, done in m.services.items():
            if sid in m.submitted:
                continue
            step = next(s.id for s in network.catalogue.service(sid).steps if s.id not in done)
            stalls[(sid, step)] = stalls.get((sid, step), 0) + 1
    got = {(r["Service"], r["Step left undone"]): r["Journeys"] for r in _rows(report, "stalls")}
    assert got == {k: _count(n) for k, n in stalls.items()}


def _decisions(sid: str, made: list[Made], network: Network) -> tuple[int, list[int], int]:
    """How many of ``sid`` were decided, the time each took (ms), how many in the
    catalogue's expected days (a started day counts as a day)."""
    expected = network.catalogue.service(sid).expected_days
    took = [m.decided_ms[sid] - m.added_ms[sid] for m in made if sid in m.decided_ms]
    on_time = sum(expected is not None and -(-ms // DAY_MS) <= expected for ms in took)
    return len(took), took, on_time


def _assert_decisions(row: dict[str, Any], sid: str, made: list[Made], network: Network) -> None:
    decided, took, on_time = _decisions(sid, made, network)
    assert row["Decided"] == _count(decided)
    assert row["Expected days"] == network.catalogue.service(sid).expected_days
    if decided < 5:
        assert row["Mean days to decision"] == row["Decided in time %"] == HIDDEN
        return
    assert row["Mean days to decision"] == pytest.approx(sum(took) / DAY_MS / decided, abs=0.01)
    assert row["Decided in time %"] == round(100 * on_time / decided, 1)


def _assert_agencies(rows: list[dict[str, Any]], made: list[Made], network: Network) -> None:
    by_agency = {r["Agency"]: r for r in rows}
    hand: dict[str, list[int]] = {}
    for sid in {s for m in made for s in m.services}:
        a = hand.setdefault(network.catalogue.service(sid).agency_id, [0, 0, 0, 0])
        decided, _, on_time = _decisions(sid, made, network)
        a[0] += sum(sid in m.services for m in made)
        a[1] += sum(sid in m.submitted for m in made)
        a[2] += decided
        a[3] += on_time
    assert sorted(by_agency) == sorted(hand)
    for agency, (added, submitted, decided, on_time) in hand.items():
        row = by_agency[agency]
        assert row["Services added"] == _count(added)
        assert row["Submitted"] == _count(submitted)
        assert row["Decided"] == _count(decided)
        assert row["Decided in time %"] == _share(on_time, decided, (decided,))
    # The network was made so that both fall out: some decided in time, some late.
    assert any(0 < r["Decided in time %"] < 100 for r in rows if r["Decided in time %"] != HIDDEN)


def test_an_agency_counts_the_journeys_with_its_services(network: Network) -> None:
    agency = network.catalogue.service(sorted({s for m in network.made for s in m.services})[0])
    report = network.insight("--agency", agency.agency_id)
    theirs = {s.id for s in network.catalogue.services_of(agency.agency_id)}
    mine = [m for m in network.made if theirs & set(m.services)]
    (row,) = _rows(report, "summary")
    assert {k: v for k, v in row.items() if k != "Scope"} == _summary(mine)
    assert {r["Service"] for r in _rows(report, "services")} <= theirs


def test_comments_are_never_exported_and_shown_on_asking(network: Network) -> None:
    from tests.sync.serverproc import ROOT, counterpart

    comments = [c for m in network.made for c in m.comments]
    assert comments
    for form in ("--json", "--csv"):
        out = counterpart("central", "insight", "--db", network.db_url, form,
                          config=ROOT / "kiosk.toml")  # fmt: skip
        assert out.returncode == 0, out.stderr
        assert not any(c in out.stdout for c in comments)
    shown = counterpart("central", "insight", "--db", network.db_url, "--comments",
                        config=ROOT / "kiosk.toml")  # fmt: skip
    assert shown.returncode == 0, shown.stderr
    assert "Feedback comments" in shown.stdout and "comment " in shown.stdout
    both = counterpart("central", "insight", "--db", network.db_url, "--json", "--comments",
                       config=ROOT / "kiosk.toml")  # fmt: skip
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_a_bad_scope_is_refused_with_what_was_wrong(network: Network) -> None:
    from tests.sync.serverproc import ROOT, counterpart

    for args, words in (
        (("--from", "2026-02-30"), "--from '2026-02-30' is not a date"),
        (("--from", "2026-02-10", "--to", "2026-02-01"), "--to 2026-02-01 is before --from"),
        (("--agency", "nobody"), "--agency 'nobody' is not in the catalogue"),
    ):
        out = counterpart("central", "insight", "--db", network.db_url, *args,
                          config=ROOT / "kiosk.toml")  # fmt: skip
        assert out.returncode == 2 and words in out.stderr, out.stderr


def test_cost_per_transaction_of_the_sites_that_declared_one(network: Network) -> None:
    from tests.sync.serverproc import ROOT, counterpart

    declared = {"site-01": 30.0, "site-02": 45.5}
    for site, amount in declared.items():
        out = counterpart("central", "site-cost", site, str(amount), "--db", network.db_url,
                          config=ROOT / "kiosk.toml")  # fmt: skip
        assert out.returncode == 0, out.stderr
    bad = counterpart("central", "site-cost", "site-03", "-4", "--db", network.db_url,
                      config=ROOT / "kiosk.toml")  # fmt: skip
    assert bad.returncode == 2 and "cost per hour '-4'" in bad.stderr
    # The mediators' time: from each journey's first to its last counter or van event.
    spans: dict[str, list[int]] = {}
    for d in network.devices:
        if d.channel in ("counter", "van"):
            for e in d.events:
                spans.setdefault(e["journey_id"], []).append(int(e["hlc"][:12], 16))
    rows = {r["Site"]: r for r in _rows(network.insight(), "costs")}
    assert set(rows) == {*declared, "all these sites"}
    for site, per_hour in declared.items():
        mine = [m for m in network.made if m.site == site]
        ms = sum(max(spans[m.journey_id]) - min(spans[m.journey_id])
                 for m in mine if m.journey_id in spans)  # fmt: skip
        submitted = sum(len(m.submitted) for m in mine)
        assert rows[site]["Journeys"] == len(mine)
        assert rows[site]["Services submitted"] == submitted
        assert rows[site]["Mediator hours"] == round(ms / 3_600_000, 1)
        cost = ms / 3_600_000 * per_hour
        assert rows[site]["Cost per transaction"] == round(cost / submitted, 2)
