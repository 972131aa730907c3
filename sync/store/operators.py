"""Operators of a device: who may sign in, with a PIN kept only as an argon2 hash.

The ``operators`` table lives in the local store (migration 1). A PIN is 4 to 12
digits; it is never stored or logged in clear. ``verify`` answers the same way,
and takes as long, for an unknown operator as for a wrong PIN.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sync.errors import StoreError
from sync.store.store import LocalStore
from sync.store.tx import transaction

OPERATOR_ID: Final = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
"""What an operator id may hold: it becomes the ``operator:<id>`` actor of events."""
PIN: Final = re.compile(r"^[0-9]{4,12}$")
"""A PIN is 4 to 12 digits."""
DEMO_OPERATOR: Final = ("demo", "Demo mediator", "1234")
"""Id, name and PIN of the operator a demo site (``demo-*``) gets when it has none."""

_HASHER = PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the operator is unknown, so that a miss costs as much as a hit.

    Made on first use, not at import: one argon2 hash is a fifth of a second, which
    every start of the app would otherwise pay before its first screen.
    """
    return _HASHER.hash("0000")


def warm_up() -> None:
    """Prepare what ``verify`` needs (one argon2 hash); blocks, call it from a worker.

    The sign-in screen calls it once it is drawn, so that the first sign-in takes
    no longer than the next ones.
    """
    _dummy_hash()


class OperatorError(StoreError):
    """An operator cannot be added as asked (bad id, bad PIN, already there)."""

    title = "Operator not added"


@dataclass(frozen=True, slots=True)
class Operator:
    """Someone who may sign in on this device.

    Attributes:
        id: The sign-in id; events carry ``operator:<id>``.
        name: How the operator is shown.
        language: The operator's UI language (pt, en or es).
        created: UTC time the operator was added.
    """

    id: str
    name: str
    language: str
    created: str

    @property
    def actor(self) -> str:
        """The ``actor`` of the events this operator writes."""
        return f"operator:{self.id}"


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_pin(pin: str) -> None:
    """Refuse a PIN that is not 4 to 12 digits.

    Raises:
        OperatorError: the message says what a PIN must be.
    """
    if not PIN.match(pin):
        raise OperatorError("a PIN is 4 to 12 digits")


def hash_pin(pin: str) -> str:
    """The argon2 hash of a PIN (a kiosk's exit PIN in kiosk.toml); blocks tens of ms.

    Raises:
        OperatorError: the PIN is not 4 to 12 digits.
    """
    check_pin(pin)
    return _HASHER.hash(pin)


def pin_matches(pin_hash: str, pin: str) -> bool:
    """Whether ``pin`` is the PIN of ``pin_hash`` (False for an empty or broken hash).

    Blocks for one argon2 verification (tens of milliseconds): call it from a worker.
    """
    try:
        return bool(pin_hash) and _HASHER.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def add_operator(
    store: LocalStore, operator_id: str, name: str, pin: str, *, language: str = "pt"
) -> Operator:
    """Add an operator, durably.

    Raises:
        OperatorError: a malformed id, name, PIN or language, or the id is taken.
    """
    if not OPERATOR_ID.match(operator_id):
        raise OperatorError("an operator id is 1 to 64 letters, digits or _ . @ -")
    if not name.strip():
        raise OperatorError("an operator needs a name")
    if language not in ("pt", "en", "es"):
        raise OperatorError("language: use pt, en or es")
    check_pin(pin)
    operator = Operator(operator_id, name.strip(), language, _now())
    pin_hash = _HASHER.hash(pin)
    with store._lock:
        try:
            with transaction(store.conn):
                store.conn.execute(
                    "INSERT INTO operators (id, name, pin_hash, language, created) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (operator.id, operator.name, pin_hash, operator.language, operator.created),
                )
        except store.conn.IntegrityError as exc:
            raise OperatorError(f"there is already an operator {operator_id!r}") from exc
    return operator


def get_operator(store: LocalStore, operator_id: str) -> Operator | None:
    """The operator with this id, if any."""
    row = store.conn.execute(
        "SELECT id, name, language, created FROM operators WHERE id = ?", (operator_id,)
    ).fetchone()
    return Operator(*row) if row else None


def list_operators(store: LocalStore) -> list[Operator]:
    """Every operator, by id."""
    rows = store.conn.execute(
        "SELECT id, name, language, created FROM operators ORDER BY id"
    ).fetchall()
    return [Operator(*r) for r in rows]


def has_operators(store: LocalStore) -> bool:
    """Whether any operator exists."""
    return store.conn.execute("SELECT 1 FROM operators LIMIT 1").fetchone() is not None


def verify(store: LocalStore, operator_id: str, pin: str) -> Operator | None:
    """The operator if the PIN is theirs, else None (unknown id or wrong PIN alike).

    Blocks for one argon2 verification (tens of milliseconds): call it from a worker.
    """
    dummy = _dummy_hash()  # before the look-up: a hit's first call pays for it as a miss's does
    row = store.conn.execute(
        "SELECT pin_hash FROM operators WHERE id = ?", (operator_id,)
    ).fetchone()
    pin_hash = str(row[0]) if row else dummy
    try:
        _HASHER.verify(pin_hash, pin)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    return get_operator(store, operator_id) if row else None


def ensure_demo_operator(store: LocalStore) -> Operator | None:
    """Create the demo operator on a demo site (``demo-*``) that has no operator yet.

    Returns:
        The operator created, or None when nothing was done.
    """
    if not store.site_id.startswith("demo-") or has_operators(store):
        return None
    operator_id, name, pin = DEMO_OPERATOR
    return add_operator(store, operator_id, name, pin, language="en")
