"""A counter process for the identify crash test: identifies citizens from a card, again and
again, through the desk, and reports each journey once its identification is saved.

Usage: python killable_identifier.py STORE_PATH
Prints, after each ``Desk.start_with_identity`` returns, the new journey's id on its own line.
"""

from __future__ import annotations

import sys

from app.card_identity import identity_from_card
from app.desk import Desk
from devices.cards.simulated import SimulatedCardReader
from sync.catalogue.model import Catalogue
from sync.store.operators import Operator
from sync.store.store import LocalStore

CARD = "marie-peeters"
"""A demo card that fills all five card answers."""


def no_catalogue() -> Catalogue:
    raise AssertionError("identifying needs no catalogue")


def main(path: str) -> None:
    store = LocalStore(path, site_id="crash-site")
    desk = Desk(
        store=store,
        catalogue=no_catalogue,
        card_reader=None,
        printer=None,
        site_name="Crash",
        public_url="https://example.test",
    )
    desk.operator = Operator("crash", "Crash", "en", "2026-01-01T00:00:00Z")
    reader = SimulatedCardReader()
    reader.insert(CARD)
    identity = identity_from_card(reader.read(), reader.reader_name)
    while True:
        print(desk.start_with_identity(identity, "en"), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
