"""The push's pacer, alone: a simulated link's answers in, batch sizes and timeouts out."""

from __future__ import annotations

import pytest

from sync.pacing import Pacer, PacingRules, fit_latency

RATIO = 0.15  # gzip bytes per JSON byte of the simulated events
PER_EVENT = 600  # JSON bytes per event


def run_link(pacer: Pacer, bandwidth: float, latency: float, requests: int) -> list[float]:
    """Send ``requests`` batches as the pacer sizes them over a link; the request times."""
    times = []
    for _ in range(requests):
        limits = pacer.limits()
        events = min(limits.events, max(limits.json_bytes // PER_EVENT, 1))
        json_bytes = events * PER_EVENT
        body = int(json_bytes * RATIO)
        seconds = latency + body / bandwidth
        assert seconds < pacer.timeout(body), "a request would time out on a steady link"
        pacer.acknowledged(body, json_bytes, events, seconds)
        times.append(seconds)
    return times


def test_over_2g_a_request_takes_seconds_and_starts_small() -> None:
    pacer = Pacer()
    times = run_link(pacer, bandwidth=2_500, latency=1.2, requests=12)
    assert times[0] < 5, "the first request is small"
    assert times == sorted(times[:4]) + times[4:], "slow start grows the first requests"
    steady = times[-4:]
    assert all(5.0 <= t <= 7.5 for t in steady), steady
    assert pacer.latency == pytest.approx(1.2, abs=0.3)
    assert pacer.bandwidth == pytest.approx(2_500, rel=0.15)


def test_a_fast_link_reaches_the_ceiling_in_a_handful() -> None:
    pacer = Pacer()
    run_link(pacer, bandwidth=20_000_000, latency=0.002, requests=10)
    assert pacer.limits().events == 2_000
    assert pacer.limits().json_bytes == 1_000_000


def test_a_cut_halves_the_next_batch_and_a_timeout_the_bandwidth_too() -> None:
    pacer = Pacer()
    run_link(pacer, bandwidth=2_500, latency=1.0, requests=8)
    before, bandwidth = pacer.limits().json_bytes, pacer.bandwidth
    body = int(before * RATIO)
    pacer.failed("dropped", body, before, before // PER_EVENT)
    assert pacer.limits().json_bytes == pytest.approx(before / 2, rel=0.05)
    assert pacer.bandwidth == bandwidth
    pacer.failed("timeout", body // 2, before // 2, before // PER_EVENT // 2)
    assert pacer.limits().json_bytes == pytest.approx(before / 4, rel=0.05)
    assert pacer.bandwidth == pytest.approx((bandwidth or 0) / 2)


def test_a_server_error_keeps_the_size() -> None:
    pacer = Pacer()
    run_link(pacer, bandwidth=2_500, latency=1.0, requests=6)
    before = pacer.limits()
    pacer.failed("server", 1_000, 6_000, 10)
    assert pacer.limits() == before


def test_a_413_lowers_the_ceiling_for_good() -> None:
    pacer = Pacer()
    run_link(pacer, bandwidth=50_000_000, latency=0.001, requests=10)
    pacer.failed("too_large", 20_000, 1_000_000, 1_500)
    assert (pacer.max_events, pacer.max_json_bytes) == (750, 500_000)
    run_link(pacer, bandwidth=50_000_000, latency=0.001, requests=10)
    assert pacer.limits().json_bytes <= 500_000
    assert pacer.limits().events <= 750


def test_the_timeout_follows_the_size_within_floor_and_ceiling() -> None:
    rules = PacingRules(floor_seconds=20, ceiling_seconds=180)
    pacer = Pacer(rules)
    run_link(pacer, bandwidth=2_500, latency=1.0, requests=8)
    assert pacer.timeout(100) == 20
    assert pacer.timeout(30_000) > pacer.timeout(15_000) > 20
    assert pacer.timeout(10_000_000) == 180


def test_before_any_answer_the_timeout_assumes_a_slow_link() -> None:
    pacer = Pacer()
    # 6 KB at 1 KB/s, three times over, and the slack: far more than 2G needs.
    assert pacer.timeout(6_000) == pytest.approx(3 * 6 + 5)


def test_the_estimate_of_time_left() -> None:
    pacer = Pacer()
    assert pacer.eta(100) is None
    assert pacer.eta(0) == 0.0
    run_link(pacer, bandwidth=2_500, latency=1.0, requests=10)
    per_event = PER_EVENT * RATIO
    wire = 2_000 * per_event / 2_500
    eta = pacer.eta(2_000)
    assert eta is not None
    assert wire < eta < wire * 1.5


def test_fixed_batches_stay_at_the_ceiling() -> None:
    pacer = Pacer.fixed(250)
    run_link(pacer, bandwidth=2_500, latency=1.0, requests=3)
    assert pacer.limits().events == 250
    assert pacer.limits().json_bytes == 1_000_000


def test_the_latency_fit() -> None:
    samples = [(b, 0.8 + b / 3_000) for b in (2_000, 4_000, 8_000, 16_000)]
    latency, bandwidth = fit_latency(samples) or (0.0, 0.0)
    assert latency == pytest.approx(0.8)
    assert bandwidth == pytest.approx(3_000)
    assert fit_latency([(10_000, 4.0), (11_000, 4.3)]) is None  # too alike to tell
    assert fit_latency([(2_000, 5.0), (8_000, 1.0)]) is None  # time falling with size
    assert fit_latency([(2_000, 1.0)]) is None
