"""``counterpart card read``: wait for a card, read it and print the identity."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from app.config import Settings
from devices.cards.errors import CardError
from devices.cards.identity import CardIdentity


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "card", help="card reader diagnostics (card read)"
    )
    actions = parser.add_subparsers(dest="card_action", metavar="ACTION", required=True)
    read = actions.add_parser(
        "read", help="wait for a card, read it and print the identity (the photo as size and hash)"
    )
    read.add_argument("--json", action="store_true", help="print the identity as JSON")
    read.add_argument(
        "--timeout", type=float, default=30.0, metavar="S",
        help="seconds to wait for a card (default 30)",
    )  # fmt: skip
    read.add_argument(
        "--card", metavar="KEY", help="with the simulated reader: the demo card to read"
    )
    read.set_defaults(handler=run)


class _DemoCardsMissing(Exception):
    """The simulated reader has no such demo card, or its folder cannot be read."""


def _read(settings: Settings, args: argparse.Namespace) -> CardIdentity:
    section = settings.card_reader
    if section.driver == "simulated":
        from devices.cards.demo import demo_cards
        from devices.cards.simulated import SimulatedCardReader

        folder = settings.resolve(section.cards)
        try:
            reader = SimulatedCardReader(demo_cards(folder))
        except (OSError, ValueError, KeyError) as exc:
            raise _DemoCardsMissing(f"the demo cards in {folder} cannot be read: {exc}") from exc
        key = args.card or next(iter(reader.cards), None)
        if key is None or key not in reader.cards:
            known = ", ".join(reader.cards) or "none"
            raise _DemoCardsMissing(f"no demo card {key!r} (the demo cards: {known})")
        reader.insert(key)
        return reader.read(reader.wait_for_card(args.timeout))
    from devices.cards.diagnostics import read_one  # loads pyscard only when asked

    return read_one(section.reader, args.timeout)


def _text(identity: CardIdentity) -> list[str]:
    data = identity.to_public_dict()
    address = data["address"]
    photo = data["photo"]
    check = {True: "matches its hash", False: "DOES NOT match its hash", None: "no hash check"}
    photo_text = (
        f"{photo['size']} bytes, {photo['hash_algorithm']} {check[photo['hash_ok']]}"
        if photo["present"] else "none"
    )  # fmt: skip
    born = data["birth_date"]
    if not data["birth_date_complete"]:
        born = f"{born} (the card gives only this part of the date)"
    return [
        f"card:            {data['card_number']} ({data['profile']})",
        f"national number: {data['national_number']}",
        f"surname:         {data['surname']}",
        f"given names:     {data['given_names']}",
        f"born:            {born} in {data['birth_place']}",
        f"sex:             {data['sex']}",
        f"nationality:     {data['nationality']}",
        f"valid:           {data['valid_from']} to {data['valid_until']}",
        f"address:         {address['street_and_number']}, "
        f"{address['postal_code']} {address['municipality']}",
        f"photo:           {photo_text}",
    ]


def run(settings: Settings, args: argparse.Namespace) -> int:
    """Read one card; exit 1 with the error's title and message when it fails."""
    if settings.card_reader.driver == "none":
        print("counterpart: no card reader is configured ([card_reader] driver = none)",
              file=sys.stderr)  # fmt: skip
        return 1
    try:
        identity = _read(settings, args)
    except CardError as exc:
        print(f"counterpart: {exc.title}: {exc}", file=sys.stderr)
        return 1
    except _DemoCardsMissing as exc:
        print(f"counterpart: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(identity.to_public_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(_text(identity)))
    return 0
