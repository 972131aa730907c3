"""The store tests' pieces: a fake machine clock, seeded randomness, a store on a real file."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from sync.store.store import LocalStore


def fake_clock(start: int = 1_790_000_000_000, step: int = 1000):
    counter = itertools.count()
    return lambda: start + step * next(counter)


def seeded(seed: int = 1):
    import random

    rng = random.Random(seed)
    return lambda n: rng.randbytes(n)


@pytest.fixture
def store(tmp_path: Path) -> LocalStore:
    s = LocalStore(
        tmp_path / "store.db",
        site_id="site-a",
        device_id="dev-a",
        physical_ms=fake_clock(),
        random_bytes=seeded(),
    )
    yield s
    s.close()
