"""docs/scale.md tells the truth about the central schema: every unique key of a table that
holds a ``journey_id`` includes it, except those the page lists (with why), and the page's
list is exactly those (read from a migrated database, not from the Python tables)."""

from __future__ import annotations

import re
from pathlib import Path

from sqlalchemy import inspect

from sync.central.store import CentralStore
from tests.sync.serverproc import ROOT

PAGE = ROOT / "docs" / "scale.md"
START, END = "<!-- keys without journey_id -->", "<!-- end -->"


def _listed() -> set[tuple[str, tuple[str, ...]]]:
    text = PAGE.read_text(encoding="utf-8")
    block = text.split(START, 1)[1].split(END, 1)[0]
    found = set()
    for line in block.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            columns = tuple(re.findall(r"[a-z_]+", cells[1]))
            found.add((cells[0].strip("`"), columns))
    return found


def _unique_keys(tmp_path: Path) -> dict[str, set[tuple[str, ...]]]:
    store = CentralStore(f"sqlite:///{tmp_path / 'central.db'}")
    try:
        schema = inspect(store.engine)
        keys: dict[str, set[tuple[str, ...]]] = {}
        for table in schema.get_table_names():
            if "journey_id" not in {c["name"] for c in schema.get_columns(table)}:
                continue
            found = keys[table] = set()
            primary = schema.get_pk_constraint(table)["constrained_columns"]
            if primary:
                found.add(tuple(primary))
            for u in schema.get_unique_constraints(table):
                found.add(tuple(u["column_names"]))
            for index in schema.get_indexes(table):
                if index["unique"]:
                    found.add(tuple(c for c in index["column_names"] if c))
        return keys
    finally:
        store.close()


def test_the_page_lists_every_unique_key_without_journey_id(tmp_path: Path) -> None:
    keys = _unique_keys(tmp_path)
    assert {"events", "insight_journeys", "site_journeys"} <= set(keys)
    without = {(table, key) for table, ks in keys.items() for key in ks if "journey_id" not in key}
    assert _listed() == without
    with_it = {(table, key) for table, ks in keys.items() for key in ks if "journey_id" in key}
    assert ("insight_journeys", ("journey_id",)) in with_it
