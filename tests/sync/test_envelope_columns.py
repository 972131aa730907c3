"""The central store's columns and the API's event model follow the envelope.

The schema is written out in its migrations (history, not derived), so this holds
the migrated ``events`` table to ``sync.domain.envelope`` on both databases.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, String, Text, inspect

from sync.central.api.models import EventModel
from sync.central.store import CentralStore
from sync.domain.envelope import FIELDS, NAMES
from tests.sync.conftest import Central


def test_the_events_table_has_the_envelopes_columns_in_its_order(db_url: str) -> None:
    store = CentralStore(db_url)
    try:
        columns = inspect(store.engine).get_columns("events")
    finally:
        store.close()
    assert [c["name"] for c in columns] == ["server_pos", *NAMES, "ref", "received"]
    by_name = {c["name"]: c["type"] for c in columns}
    for field in FIELDS:
        column = by_name[field.name]
        if field.kind is str:
            assert isinstance(column, String) and not isinstance(column, Text), field.name
            assert column.length == field.max_length, field.name
        elif field.kind is int:
            assert isinstance(column, BigInteger), field.name
        else:
            assert isinstance(column, Text), field.name


def test_the_served_event_model_has_the_envelopes_fields(central: Central) -> None:
    assert tuple(EventModel.model_fields) == NAMES
    schema = central.http.get("/openapi.json").json()["components"]["schemas"]["EventModel"]
    assert tuple(schema["properties"]) == NAMES
    assert tuple(schema["required"]) == NAMES
