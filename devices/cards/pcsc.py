"""The PC/SC card reader over pyscard; pyscard's names, exceptions and singletons stay here.

Reads use pyscard's low-level ``smartcard.scard`` calls, whose result codes are
translated into ``devices.cards.errors`` right where they come back. Insertion and
removal are watched with pyscard's ``CardMonitor`` and ``ReaderMonitor`` (their own
daemon threads) and handed to plain callbacks.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NoReturn

from smartcard import scard
from smartcard.CardMonitoring import CardMonitor, CardObserver
from smartcard.ReaderMonitoring import ReaderMonitor, ReaderObserver

from devices.cards.apdu import DEFAULT_CHUNK, Transmit
from devices.cards.belpic import BelpicProfile
from devices.cards.errors import (
    CardError,
    CardRemoved,
    NoCard,
    NoReader,
    ReaderUnavailable,
    UnknownCard,
)
from devices.cards.identity import CardIdentity
from devices.cards.protocol import (
    CardInserted,
    CardProfile,
    CardRemovedCallback,
    ReaderChanged,
    ReaderState,
)

logger = logging.getLogger(__name__)

_SERVICE_DOWN = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED}
_CARD_GONE = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_RESET_CARD}
_POLL_SECONDS = 0.1
_REMOVAL_GRACE_SECONDS = 1.5


def _message(hresult: int) -> str:
    return f"{scard.SCardGetErrorMessage(hresult)} (0x{hresult & 0xFFFFFFFF:08X})"


def _check_service(hresult: int, doing: str) -> None:
    if hresult in _SERVICE_DOWN:
        raise ReaderUnavailable(
            f"the smart-card service (pcscd) is not running; {doing} failed: {_message(hresult)}"
        )


class _Gate:
    """Shared by the two observers: serialises callbacks and switches them off for good."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.active = True


class _CardEvents(CardObserver):  # type: ignore[misc]
    """Turns ``CardMonitor`` updates into insert/remove callbacks for matching readers."""

    def __init__(
        self, gate: _Gate, matches: Any, on_inserted: CardInserted, on_removed: CardRemovedCallback
    ) -> None:
        self._gate = gate
        self._matches = matches
        self._on_inserted = on_inserted
        self._on_removed = on_removed

    def update(self, observable: Any, handlers: tuple[list[Any], list[Any]]) -> None:
        added, removed = handlers
        with self._gate.lock:
            if not self._gate.active:
                return
            try:
                for card in removed:
                    if self._matches(str(card.reader)):
                        self._on_removed(str(card.reader))
                for card in added:
                    if self._matches(str(card.reader)):
                        self._on_inserted(str(card.reader), bytes(card.atr))
            except Exception:  # a failing callback must not stop pyscard's monitor thread
                logger.exception("card event callback failed")


class _ReaderEvents(ReaderObserver):  # type: ignore[misc]
    """Turns ``ReaderMonitor`` updates into the list of matching readers."""

    def __init__(self, gate: _Gate, matches: Any, on_readers: ReaderChanged) -> None:
        self._gate = gate
        self._matches = matches
        self._on_readers = on_readers
        self._readers: set[str] = set()

    def update(self, observable: Any, handlers: tuple[list[Any], list[Any]]) -> None:
        added, removed = handlers
        with self._gate.lock:
            if not self._gate.active:
                return
            self._readers |= {str(r) for r in added}
            self._readers -= {str(r) for r in removed}
            try:
                self._on_readers(sorted(n for n in self._readers if self._matches(n)))
            except Exception:  # a failing callback must not stop pyscard's monitor thread
                logger.exception("reader event callback failed")


class PcscCardReader:
    """Card readers reached through PC/SC (pcscd), chosen by a name substring.

    Args:
        name_substring: use readers whose name contains this (case-insensitive);
            "" uses every reader. Comes from kiosk.toml's ``[card_reader]``.
        profiles: card profiles to try, in order.
        chunk: READ BINARY chunk size in bytes.
    """

    def __init__(
        self,
        name_substring: str = "",
        profiles: Sequence[CardProfile] = (BelpicProfile(),),
        chunk: int = DEFAULT_CHUNK,
    ) -> None:
        self.name_substring = name_substring
        self.profiles = tuple(profiles)
        self.chunk = chunk
        self._context: Any = None
        self._gate: _Gate | None = None
        self._card_events: _CardEvents | None = None
        self._reader_events: _ReaderEvents | None = None
        self._lock = threading.Lock()

    def matches(self, reader_name: str) -> bool:
        """Whether ``reader_name`` is one of the readers this object uses."""
        return self.name_substring.casefold() in reader_name.casefold()

    def open(self) -> None:
        """Establish a PC/SC context.

        Raises:
            ReaderUnavailable: pcscd is not running.
        """
        with self._lock:
            if self._context is not None:
                return
            hresult, context = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            _check_service(hresult, "connecting to it")
            if hresult != scard.SCARD_S_SUCCESS:
                raise ReaderUnavailable(f"cannot use the card service: {_message(hresult)}")
            self._context = context

    def close(self) -> None:
        """Stop watching and release the PC/SC context."""
        self.unwatch()
        with self._lock:
            context, self._context = self._context, None
        if context is not None:
            scard.SCardReleaseContext(context)

    def __enter__(self) -> PcscCardReader:
        self.open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _ctx(self) -> Any:
        if self._context is None:
            self.open()
        return self._context

    def _reader_names(self) -> list[str]:
        hresult, readers = scard.SCardListReaders(self._ctx(), [])
        _check_service(hresult, "listing readers")
        if hresult == scard.SCARD_E_NO_READERS_AVAILABLE:
            return []
        if hresult != scard.SCARD_S_SUCCESS:
            raise ReaderUnavailable(f"cannot list card readers: {_message(hresult)}")
        return [str(name) for name in readers if self.matches(str(name))]

    def list_readers(self) -> list[ReaderState]:
        """The matching readers and whether each holds a card (does not block).

        Raises:
            ReaderUnavailable: pcscd is not running.
        """
        names = self._reader_names()
        if not names:
            return []
        hresult, states = scard.SCardGetStatusChange(
            self._ctx(), 0, [(name, scard.SCARD_STATE_UNAWARE) for name in names]
        )
        _check_service(hresult, "asking the readers' state")
        if hresult not in (scard.SCARD_S_SUCCESS, scard.SCARD_E_TIMEOUT):
            raise ReaderUnavailable(f"cannot read the readers' state: {_message(hresult)}")
        result = []
        for name, event_state, atr in states:
            present = bool(event_state & scard.SCARD_STATE_PRESENT) and not bool(
                event_state & scard.SCARD_STATE_MUTE
            )
            result.append(
                ReaderState(str(name), present, bytes(atr).hex().upper() if present else "")
            )
        return result

    def _pick(self, reader_name: str | None) -> str:
        names = self._reader_names()
        if reader_name is not None:
            if reader_name not in names:
                raise NoReader(f"the card reader {reader_name!r} is not connected")
            return reader_name
        if not names:
            raise NoReader(self._no_reader_message())
        return names[0]

    def _no_reader_message(self) -> str:
        if self.name_substring:
            return f"no card reader whose name contains {self.name_substring!r} is connected"
        return "no card reader is connected"

    def wait_for_card(self, timeout: float) -> str:
        """Block until a matching reader holds a card, at most ``timeout`` seconds.

        Returns:
            The reader's name.

        Raises:
            NoReader: no matching reader. NoCard: no card in time. ReaderUnavailable.
        """
        deadline = time.monotonic() + timeout
        while True:
            states = self.list_readers()
            if not states:
                raise NoReader(self._no_reader_message())
            for state in states:
                if state.card_present:
                    return state.name
            if time.monotonic() >= deadline:
                raise NoCard(f"no card was inserted within {timeout:g} s")
            time.sleep(_POLL_SECONDS)

    @contextmanager
    def _connection(self, reader: str) -> Iterator[tuple[bytes, Transmit]]:
        hresult, card, protocol = scard.SCardConnect(
            self._ctx(),
            reader,
            scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1,
        )
        _check_service(hresult, "connecting to the card")
        if hresult in _CARD_GONE:
            raise NoCard(f"there is no card in {reader}")
        if hresult == scard.SCARD_E_UNKNOWN_READER:
            raise NoReader(f"the card reader {reader!r} is not connected")
        if hresult in (scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_UNPOWERED_CARD):
            raise UnknownCard(
                f"the card in {reader} does not answer; is it inserted the right way?"
            )
        if hresult != scard.SCARD_S_SUCCESS:
            raise CardError(f"cannot connect to the card in {reader}: {_message(hresult)}")
        try:
            hresult = scard.SCardBeginTransaction(card)
            self._raise_for_transfer(hresult, reader, "starting to read")
            hresult, _, _, _, atr = scard.SCardStatus(card)
            self._raise_for_transfer(hresult, reader, "asking the card's state")

            def transmit(apdu: list[int]) -> tuple[list[int], int, int]:
                hresult, response = scard.SCardTransmit(card, protocol, apdu)
                self._raise_for_transfer(hresult, reader, "reading")
                if len(response) < 2:
                    self._raise_lost(reader, "reading", "it gave a truncated answer")
                return list(response[:-2]), response[-2], response[-1]

            yield bytes(atr), transmit
            scard.SCardEndTransaction(card, scard.SCARD_LEAVE_CARD)
        finally:
            scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD)

    def _raise_for_transfer(self, hresult: int, reader: str, doing: str) -> None:
        if hresult == scard.SCARD_S_SUCCESS:
            return
        _check_service(hresult, doing)
        if hresult in _CARD_GONE:
            raise CardRemoved(self._removed_message(reader, doing))
        self._raise_lost(reader, doing, _message(hresult))

    @staticmethod
    def _removed_message(reader: str, doing: str) -> str:
        return f"the card was taken out of {reader} while {doing}; put it back and read again"

    def _raise_lost(self, reader: str, doing: str, problem: str) -> NoReturn:
        """A transfer failed: CardRemoved when the card turns out to be gone, else CardError.

        pcscd notices a removal only at its next poll of the reader, so this waits briefly.
        """
        deadline = time.monotonic() + _REMOVAL_GRACE_SECONDS
        while True:
            try:
                present = any(s.card_present for s in self.list_readers() if s.name == reader)
            except CardError:
                present = False
            if not present:
                raise CardRemoved(self._removed_message(reader, doing))
            if time.monotonic() >= deadline:
                raise CardError(f"{doing} the card in {reader} failed: {problem}")
            time.sleep(_POLL_SECONDS)

    def read(self, reader_name: str | None = None) -> CardIdentity:
        """Read the card in ``reader_name`` (default: the first matching reader).

        Tries each profile in order; the first that recognises the card reads it.
        Blocks for the read (about a second on a real reader).

        Raises:
            NoReader, NoCard, CardRemoved, UnknownCard, CorruptCardFile,
            PhotoHashMismatch, ReaderUnavailable.
        """
        reader = self._pick(reader_name)
        with self._connection(reader) as (atr, transmit):
            for profile in self.profiles:
                if profile.matches(atr, transmit):
                    return profile.read(transmit)
        raise UnknownCard(
            f"the card in {reader} is not a kind this app can read (ATR {atr.hex().upper()})"
        )

    def watch(
        self,
        on_inserted: CardInserted,
        on_removed: CardRemovedCallback,
        on_readers: ReaderChanged | None = None,
    ) -> None:
        """Report card insertions/removals (and reader changes) on pyscard's monitor threads.

        Cards already present are reported as inserted. Returns at once.
        """
        self.unwatch()
        gate = _Gate()
        self._gate = gate
        self._card_events = _CardEvents(gate, self.matches, on_inserted, on_removed)
        CardMonitor().addObserver(self._card_events)
        if on_readers is not None:
            self._reader_events = _ReaderEvents(gate, self.matches, on_readers)
            ReaderMonitor().addObserver(self._reader_events)

    def unwatch(self) -> None:
        """Stop reporting; no callback runs after this returns."""
        gate, card_events, reader_events = self._gate, self._card_events, self._reader_events
        self._gate = self._card_events = self._reader_events = None
        if gate is not None:
            with gate.lock:
                gate.active = False
        if card_events is not None:
            CardMonitor().deleteObserver(card_events)
        if reader_events is not None:
            ReaderMonitor().deleteObserver(reader_events)
