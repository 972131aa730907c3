"""The tag-length-value encoding of BELPIC data files (identity and address).

The Belgian eID middleware parses these files with ``CTLVBuffer::ParseTLV``
(Fedict/eid-mw ``cardcomm/pkcs11/src/common/tlvbuffer.cpp``): one tag byte, then
a length whose bytes add up while a byte is ``0xFF`` (300 is ``FF 2D``), then the
value. Tag 0 may only come first. Files are padded with zero bytes to their size
on the card, so a run of zeros at the end is padding, not a field.
"""

from __future__ import annotations

from collections.abc import Iterable

from devices.cards.errors import CorruptCardFile


def encode_length(length: int) -> bytes:
    """Encode a field length the way BELPIC files do (``0xFF`` bytes add up).

    Raises:
        ValueError: for a negative length.
    """
    if length < 0:
        raise ValueError("a length cannot be negative")
    return b"\xff" * (length // 255) + bytes([length % 255])


def build_tlv(fields: Iterable[tuple[int, bytes]]) -> bytes:
    """Serialise ``(tag, value)`` pairs in the given order."""
    out = bytearray()
    for tag, value in fields:
        if not 0 <= tag <= 0xFF:
            raise ValueError(f"tag {tag} does not fit in a byte")
        out.append(tag)
        out += encode_length(len(value))
        out += value
    return bytes(out)


def parse_tlv(data: bytes, file: str, tag_names: dict[int, str] | None = None) -> dict[int, bytes]:
    """Parse a whole BELPIC TLV file into ``{tag: value}``.

    Args:
        data: the file as read from the card.
        file: how to name the file in errors, e.g. ``"identity file (3F00/DF01/4031)"``.
        tag_names: optional readable names of tags, used in error messages.

    Returns:
        The fields by tag, in file order.

    Raises:
        CorruptCardFile: a length runs past the end of the file, a tag repeats, or tag 0
            appears after the first field.
    """
    names = tag_names or {}
    fields: dict[int, bytes] = {}
    index = 0
    size = len(data)
    while index < size:
        if index > 0 and not any(data[index:]):
            break  # zero padding up to the file's size on the card
        tag = data[index]
        label = f"field 0x{tag:02X}" + (f" ({names[tag]})" if tag in names else "")
        if tag == 0 and index > 0:
            raise CorruptCardFile(file, f"tag 0x00 at byte {index} where only padding may follow")
        index += 1
        if index >= size:
            raise CorruptCardFile(file, f"{label} at byte {index - 1} has no length")
        length = 0
        while True:
            if index >= size:
                raise CorruptCardFile(file, f"{label}: its length runs past the end of the file")
            byte = data[index]
            index += 1
            length += byte
            if byte != 0xFF:
                break
        if index + length > size:
            raise CorruptCardFile(
                file,
                f"{label} says {length} bytes but only {size - index} remain "
                f"(the file is {size} bytes)",
            )
        if tag in fields:
            raise CorruptCardFile(file, f"{label} appears twice")
        fields[tag] = data[index : index + length]
        index += length
    return fields
