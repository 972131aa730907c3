"""The local store's ``events`` table follows the envelope (its migrations are written out)."""

from __future__ import annotations

from pathlib import Path

from sync.domain.envelope import NAMES
from sync.store.store import LocalStore


def test_the_events_table_has_the_envelopes_columns_in_its_order(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store.db", site_id="site-a", device_id="dev-a")
    try:
        columns = [row[1] for row in store.conn.execute("PRAGMA table_info(events)")]
    finally:
        store.close()
    assert columns == ["pos", *NAMES]
