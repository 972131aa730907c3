"""``counterpart operators``: list the operators of this machine, or add one."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from app.config import Settings
from app.factory import open_store
from sync.store.operators import OperatorError, add_operator, check_pin, list_operators


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "operators", help="list the operators who may sign in, or add one"
    )
    actions = parser.add_subparsers(dest="operators_action", metavar="ACTION")
    add = actions.add_parser("add", help="add an operator (asks for the PIN twice)")
    add.add_argument("id", help="sign-in id (letters, digits, _ . @ -)")
    add.add_argument("--name", required=True, help="the operator's name as shown")
    add.add_argument(
        "--language", choices=("pt", "en", "es"), default="pt", help="UI language (default pt)"
    )
    add.add_argument(
        "--pin-stdin", action="store_true", help="read the PIN from the first line of stdin"
    )
    parser.set_defaults(handler=run)


def _read_pin(args: argparse.Namespace) -> str:
    if args.pin_stdin:
        return sys.stdin.readline().strip()
    first = getpass.getpass("PIN (4 to 12 digits): ")
    check_pin(first)
    again = getpass.getpass("The same PIN again: ")
    if again != first:
        raise OperatorError("the two PINs differ; nothing was added")
    return first


def run(settings: Settings, args: argparse.Namespace) -> int:
    """List operators (never makes a store), or add one."""
    with open_store(settings, create=args.operators_action == "add") as store:
        if args.operators_action != "add":
            for operator in list_operators(store):
                print(f"{operator.id}\t{operator.name}\t{operator.language}\t{operator.created}")
            return 0
        try:
            pin = _read_pin(args)
            operator = add_operator(store, args.id, args.name, pin, language=args.language)
        except OperatorError as exc:
            print(f"counterpart: {exc.title}: {exc}", file=sys.stderr)
            return 2
        print(f"Operator {operator.id} ({operator.name}) added; sign in with the PIN given.")
    return 0
