"""An in-memory BELPIC card that answers APDUs: the simulated reader's card and the virtual card's.

It implements what a BELPIC applet answers for reading identity data: SELECT by
AID, by absolute path and by file id within the current DF; READ BINARY with
offsets (``6Cxx`` when Le is wrong, ``6B00`` past the end, optionally ``6282``);
GET CARD DATA. Anything else gets ``6D00``.
"""

from __future__ import annotations

from typing import Literal

from devices.cards.belpic import BELPIC_AID

ATR_BELPIC = bytes.fromhex("3B9813400AA503010101AD1311")
"""An ATR listed for Belgian eID cards (smartcard_list: "Belgium Electronic ID card")."""

ShortRead = Literal["6C", "6282"]


class MemoryCard:
    """A BELPIC card held in memory.

    Args:
        files: file contents by absolute path, e.g. ``{bytes.fromhex("3F00DF014031"): b"..."}``.
        atr: the answer-to-reset.
        applet_version: the version GET CARD DATA reports (``0x17``, ``0x18``).
        aids: applications that answer SELECT by AID with 9000.
        short_read: how to answer a READ BINARY asking past the end: ``"6C"`` (``6Cxx``,
            what BELPIC cards do) or ``"6282"`` (the data that is there, then ``6282``).
    """

    def __init__(
        self,
        files: dict[bytes, bytes],
        atr: bytes = ATR_BELPIC,
        applet_version: int = 0x17,
        aids: tuple[bytes, ...] = (BELPIC_AID,),
        short_read: ShortRead = "6C",
    ) -> None:
        self.files = dict(files)
        self.atr = atr
        self.applet_version = applet_version
        self.aids = aids
        self.short_read = short_read
        self.dirs = {path[: i + 2] for path in files for i in range(0, len(path) - 2, 2)}
        self.current = b"\x3f\x00"
        self.reads = 0

    def reset(self) -> None:
        """Back to the MF, as after a power cycle."""
        self.current = b"\x3f\x00"

    def _current_df(self) -> bytes:
        return self.current if self.current in self.dirs else self.current[:-2]

    def process(self, apdu: bytes) -> bytes:
        """Answer one command APDU with response data followed by SW1 SW2."""
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = apdu[:4]
        body = apdu[4:]
        if ins == 0xA4 and cla == 0x00:
            return self._select(p1, body)
        if ins == 0xB0 and cla == 0x00:
            return self._read_binary((p1 << 8) | p2, body)
        if ins == 0xE4 and cla == 0x80:
            return self._card_data()
        return b"\x6d\x00"

    def _select(self, p1: int, body: bytes) -> bytes:
        if not body or len(body) < 1 + body[0]:
            return b"\x67\x00"
        target = bytes(body[1 : 1 + body[0]])
        if p1 == 0x04:
            return b"\x90\x00" if target in self.aids else b"\x6a\x82"
        if p1 == 0x08:
            path = target if target[:2] == b"\x3f\x00" else b"\x3f\x00" + target
        elif p1 in (0x00, 0x02) and len(target) == 2:
            path = b"\x3f\x00" if target == b"\x3f\x00" else self._current_df() + target
        else:
            return b"\x6a\x86"
        if path in self.files or path in self.dirs:
            self.current = path
            return b"\x90\x00"
        return b"\x6a\x82"

    def _read_binary(self, offset: int, body: bytes) -> bytes:
        data = self.files.get(self.current)
        if data is None:
            return b"\x69\x86"  # no current EF
        self.reads += 1
        le = (body[0] or 0x100) if body else 0x100
        if offset >= len(data):
            return b"\x6b\x00"
        remaining = len(data) - offset
        if le > remaining:
            if self.short_read == "6C":
                return bytes([0x6C, remaining])
            return data[offset:] + b"\x62\x82"
        return data[offset : offset + le] + b"\x90\x00"

    def _card_data(self) -> bytes:
        data = bytearray(28)
        data[0:16] = bytes(range(0x10, 0x20))  # serial number
        data[21] = self.applet_version
        return bytes(data) + b"\x90\x00"

    def transmit(self, apdu: list[int]) -> tuple[list[int], int, int]:
        """The ``Transmit`` interface over ``process``."""
        answer = self.process(bytes(apdu))
        return list(answer[:-2]), answer[-2], answer[-1]
