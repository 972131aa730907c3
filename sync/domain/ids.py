"""Identifiers: UUIDv7 event ids and human journey references with a check character.

Pure code: time and randomness come in as arguments.

A journey reference is 9 Crockford base32 characters (8 random, 1 check) shown in
groups of three, ``K7Q-4M2-XP9``. The check character is a weighted sum in the
field of 32 elements, GF(2^5), with distinct weights: a sum modulo a prime below
32 cannot work, since two of the 32 symbols would be congruent (0 and Z modulo 31).
Any single wrong character and any swap of two different adjacent characters
(the check character included) change the sum: a mistyped reference is rejected,
never matched to another journey.
"""

from __future__ import annotations

import uuid

from sync.errors import InvalidReference

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_DECODE = {c: i for i, c in enumerate(CROCKFORD)}
# Crockford's decoding leniency: letters a person may type for digits.
_DECODE.update({"O": 0, "I": 1, "L": 1})
_BODY = 8
# x^5 + x^2 + 1, a primitive polynomial: the powers of x are 31 distinct non-zero weights.
_POLY = 0b100101


def uuid7(unix_ms: int, rand: bytes) -> str:
    """Build a UUIDv7 (RFC 9562) string.

    Args:
        unix_ms: milliseconds since the Unix epoch (48 bits).
        rand: at least 10 random bytes (74 bits are used).

    Returns:
        The canonical lowercase UUID string; string order follows ``unix_ms``.
    """
    if len(rand) < 10:
        raise ValueError("uuid7 needs 10 random bytes")
    value = (unix_ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= (int.from_bytes(rand[:2], "big") & 0x0FFF) << 64
    value |= 0b10 << 62
    value |= int.from_bytes(rand[2:10], "big") & ((1 << 62) - 1)
    return str(uuid.UUID(int=value))


def _gf32_mul(a: int, b: int) -> int:
    product = 0
    while b:
        if b & 1:
            product ^= a
        b >>= 1
        a <<= 1
        if a & 0b100000:
            a ^= _POLY
    return product


def _weights() -> tuple[int, ...]:
    # Body position i weighs x^(i+1): distinct, non-zero and never 1 (the check
    # character's own weight), so swapping the last body character with the check
    # character is caught too.
    weights, w = [], 1
    for _ in range(_BODY):
        w = _gf32_mul(w, 0b10)
        weights.append(w)
    return tuple(weights)


_WEIGHTS = _weights()


def _check_char(body: str) -> str:
    total = 0
    for weight, ch in zip(_WEIGHTS, body, strict=True):
        total ^= _gf32_mul(weight, _DECODE[ch])
    return CROCKFORD[total]


def new_reference(rand: bytes) -> str:
    """Make a journey reference from at least 5 random bytes.

    Returns:
        The 9-character canonical form without dashes, e.g. ``K7Q4M2XP9``.
    """
    if len(rand) < 5:
        raise ValueError("a reference needs 5 random bytes")
    number = int.from_bytes(rand[:5], "big")
    body = "".join(CROCKFORD[(number >> (5 * i)) & 31] for i in reversed(range(_BODY)))
    return body + _check_char(body)


def parse_reference(text: str) -> str:
    """Read a reference as a person typed it and return its canonical form.

    Dashes, spaces and case are ignored; O, I and L are read as 0, 1 and 1.

    Raises:
        InvalidReference: wrong length, a character outside the alphabet, or a
            check character that does not match (a typo).
    """
    cleaned = "".join(ch for ch in text.upper() if ch not in "- \t")
    if len(cleaned) != _BODY + 1:
        raise InvalidReference(
            f"a journey reference has 9 characters (like K7Q-4M2-XP9); {text!r} has {len(cleaned)}"
        )
    bad = [ch for ch in cleaned if ch not in _DECODE]
    if bad:
        raise InvalidReference(f"{text!r} contains {bad[0]!r}, which is not used in references")
    canonical = "".join(CROCKFORD[_DECODE[ch]] for ch in cleaned)
    if _check_char(canonical[:_BODY]) != canonical[_BODY]:
        raise InvalidReference(f"{text!r} is not a valid reference: please check each character")
    return canonical


def format_reference(ref: str) -> str:
    """Show a canonical reference in groups of three: ``K7Q-4M2-XP9``."""
    return f"{ref[0:3]}-{ref[3:6]}-{ref[6:9]}"


def is_reference(text: str) -> bool:
    """Tell whether ``text`` reads as a valid reference."""
    try:
        parse_reference(text)
    except InvalidReference:
        return False
    return True
