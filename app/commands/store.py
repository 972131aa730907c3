"""``counterpart store``: the local store's encryption at rest (``key``, ``encrypt``).

``store key --new`` makes the key file of ``[store] key_file`` (mode 0600), never
over one that exists. ``store encrypt`` turns the plain store of ``[store] path``
into an encrypted one in place (``sync.store.encrypting``), making the key file
first if there is none. It does not edit kiosk.toml: it says to set ``encryption =
"sqlcipher"`` when the file does not say so yet (until then the app refuses the
encrypted store, naming it).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app.config import Settings
from sync.store.cipher import StoreKey
from sync.store.encrypting import encrypt_in_place
from sync.store.keyfile import new_key, read_key

_ENCRYPT_HELP = (
    "encrypt the plain store of [store] path in place, atomically (stop the app first): "
    "a kill at any moment leaves the old plain store or the new encrypted one, with every "
    "event. Makes [store] key_file if it does not exist. kiosk.toml is not changed: set "
    '[store] encryption = "sqlcipher" afterwards'
)


def register(sub: Any) -> None:
    """Add the subcommand to the parser."""
    parser: argparse.ArgumentParser = sub.add_parser(
        "store", help="the local store's encryption at rest (docs/encryption.md)"
    )
    actions = parser.add_subparsers(dest="store_action", metavar="ACTION", required=True)
    key = actions.add_parser(
        "key", help="check [store] key_file (mode, form); --new makes one (mode 0600)"
    )
    key.add_argument("--new", action="store_true", help="make a new key file (never replaces one)")
    key.set_defaults(handler=run_key)
    encrypt = actions.add_parser("encrypt", help=_ENCRYPT_HELP, description=_ENCRYPT_HELP)
    encrypt.set_defaults(handler=run_encrypt)


def run_key(settings: Settings, args: argparse.Namespace) -> int:
    """Make or check the key file; the key itself is never printed."""
    path = settings.resolve(settings.store.key_file)
    if args.new:
        new_key(path)
        print(f"A new key is in {path} (mode 0600). Keep a copy apart from the machine:")
        print("without it the encrypted store cannot be opened.")
        return 0
    read_key(path)
    print(f"{path} holds a key, readable by its owner only.")
    return 0


def run_encrypt(settings: Settings, args: argparse.Namespace) -> int:
    """Encrypt the plain store in place, then say what is left to do."""
    store = settings.resolve(settings.store.path)
    key_file = settings.resolve(settings.store.key_file)
    if key_file.exists():
        raw = read_key(key_file)
    else:
        raw = new_key(key_file)
        print(f"A new key is in {key_file} (mode 0600). Keep a copy apart from the machine.")
    done = encrypt_in_place(store, StoreKey(raw, str(key_file)))
    if done.cleaned:
        print("What an interrupted run had left was removed first.")
    print(f"{store} is encrypted: {done.events} events, all checked in the encrypted copy.")
    if settings.store.encryption != "sqlcipher":
        print(
            f'Now set encryption = "sqlcipher" in the [store] section of {settings.source}: '
            "until then the app refuses the encrypted store.",
            file=sys.stderr,
        )
    return 0
