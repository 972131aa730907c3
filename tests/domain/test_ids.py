"""UUIDv7 ids and journey references with their check character."""

from __future__ import annotations

import random
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sync.domain.ids import (
    CROCKFORD,
    format_reference,
    is_reference,
    new_reference,
    parse_reference,
    uuid7,
)
from sync.errors import InvalidReference

MAX_MS = (1 << 48) - 1


def _complete(body: str) -> str:
    """The one valid reference with this 8-character body."""
    valid = [body + check for check in CROCKFORD if is_reference(body + check)]
    assert len(valid) == 1, f"{body}: {valid}"
    return valid[0]


# A few hundred references, each checked against every possible typo, plus bodies of
# 0 and Z: their values, 0 and 31, are congruent modulo 31, which fooled a mod-31 check.
REFS = [new_reference(random.Random(f"ref:{i}").randbytes(5)) for i in range(400)]
REFS += [_complete(body) for body in ("00000000", "ZZZZZZZZ", "0Z0Z0Z0Z", "Z0Z0Z0Z0", "0000000Z")]


def test_a_reference_is_nine_crockford_characters_that_parse_to_themselves() -> None:
    for ref in REFS:
        assert len(ref) == 9
        assert set(ref) <= set(CROCKFORD)
        assert parse_reference(ref) == ref


@given(st.binary(min_size=5, max_size=12))
def test_new_reference_round_trips_through_its_printed_form(rand: bytes) -> None:
    ref = new_reference(rand)
    printed = format_reference(ref)
    assert printed == f"{ref[:3]}-{ref[3:6]}-{ref[6:]}"
    assert parse_reference(printed) == ref
    assert parse_reference(printed.lower()) == ref
    assert parse_reference(f"  {ref[:4]} {ref[4:]} ") == ref


def test_the_reference_body_uses_all_forty_bits() -> None:
    assert new_reference(b"\x00" * 5)[:8] == "00000000"
    assert new_reference(b"\xff" * 5)[:8] == "ZZZZZZZZ"
    assert new_reference(b"\x00\x00\x00\x00\x01")[:8] == "00000001"
    # Bytes after the fifth are not used.
    assert new_reference(b"\x01\x02\x03\x04\x05") == new_reference(b"\x01\x02\x03\x04\x05\xff")


def test_new_reference_needs_five_bytes() -> None:
    with pytest.raises(ValueError, match="5 random bytes"):
        new_reference(b"1234")


def test_o_i_and_l_are_read_as_digits() -> None:
    ref = _complete("01100110")
    assert parse_reference("OIL-OOL-IO" + ref[8]) == ref
    assert parse_reference("oil-ool-io" + ref[8].lower()) == ref
    assert parse_reference("0iL00l1o" + ref[8]) == ref


@pytest.mark.parametrize("ref", REFS[:5] + REFS[-5:])
def test_every_body_has_exactly_one_check_character(ref: str) -> None:
    assert _complete(ref[:8]) == ref


def test_every_single_wrong_character_is_rejected() -> None:
    tried = 0
    for ref in REFS:
        for i, original in enumerate(ref):
            for wrong in CROCKFORD:
                if wrong == original:
                    continue
                typo = ref[:i] + wrong + ref[i + 1 :]
                tried += 1
                with pytest.raises(InvalidReference, match="check each character"):
                    parse_reference(typo)
    assert tried == len(REFS) * 9 * 31


def test_every_swap_of_two_different_neighbours_is_rejected() -> None:
    tried = 0
    for ref in REFS:
        for i in range(8):
            a, b = ref[i], ref[i + 1]
            if a == b:
                continue
            typo = ref[:i] + b + a + ref[i + 2 :]
            tried += 1
            assert not is_reference(typo), f"{ref} -> {typo}"
    assert tried > len(REFS) * 7


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "has 0"),
        ("K7Q-4M2-XP", "has 8"),
        ("K7Q-4M2-XP9A", "has 10"),
        ("---", "has 0"),
        ("K7Q-4M2-XPU", "'U'"),
        ("K7Q*4M2XP", "'*'"),
        ("ÀAAAAAAAA", "'À'"),
    ],
)
def test_malformed_references_are_refused_with_a_reason(typed: str, says: str) -> None:
    with pytest.raises(InvalidReference) as caught:
        parse_reference(typed)
    assert says in str(caught.value)
    assert repr(typed) in str(caught.value)
    assert not is_reference(typed)


def test_the_length_message_shows_the_printed_form() -> None:
    with pytest.raises(InvalidReference, match="like K7Q-4M2-XP9"):
        parse_reference("123")


@given(st.integers(0, MAX_MS), st.binary(min_size=10, max_size=16))
def test_uuid7_has_version_7_the_rfc_variant_and_the_time(ms: int, rand: bytes) -> None:
    text = uuid7(ms, rand)
    parsed = uuid.UUID(text)
    assert str(parsed) == text
    assert text == text.lower()
    assert parsed.version == 7
    assert parsed.variant == uuid.RFC_4122
    assert parsed.int >> 80 == ms


@given(
    st.integers(0, MAX_MS),
    st.integers(0, MAX_MS),
    st.binary(min_size=10, max_size=10),
    st.binary(min_size=10, max_size=10),
)
def test_uuid7_string_order_follows_the_milliseconds(
    ms_a: int, ms_b: int, rand_a: bytes, rand_b: bytes
) -> None:
    a, b = uuid7(ms_a, rand_a), uuid7(ms_b, rand_b)
    if ms_a < ms_b:
        assert a < b
    elif ms_a > ms_b:
        assert a > b


def test_uuid7_randomness_fills_the_rest() -> None:
    a = uuid7(1, b"\x00" * 10)
    b = uuid7(1, b"\xff" * 10)
    assert a == "00000000-0001-7000-8000-000000000000"
    assert b == "00000000-0001-7fff-bfff-ffffffffffff"


def test_uuid7_needs_ten_bytes() -> None:
    with pytest.raises(ValueError, match="10 random bytes"):
        uuid7(0, b"123456789")
