"""A simulated card reader serving the demo card images, read by the real profile code."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable, Sequence

from devices.cards.belpic import NO_RESEND_WAITS, BelpicProfile, parse_id_file
from devices.cards.cardfiles import CardImage
from devices.cards.demo import demo_cards
from devices.cards.errors import CardError, NoCard, NoReader, UnknownCard
from devices.cards.identity import CardIdentity
from devices.cards.memcard import MemoryCard
from devices.cards.protocol import (
    CardInserted,
    CardProfile,
    CardRemovedCallback,
    ReaderChanged,
    ReaderState,
)

logger = logging.getLogger(__name__)


class SimulatedCardReader:
    """One simulated reader; ``insert(key)`` puts a demo card in it, ``remove()`` takes it out.

    The card answers APDUs like a BELPIC card (``MemoryCard``), so reads go through
    the same SELECT/READ BINARY and parsing code as a physical card.

    Args:
        cards: card images by key; default the demo cards in fixtures/cards/.
        reader_name: the name reported by ``list_readers``.
        profiles: the profiles to try, in order; default BELPIC without the pause
            before re-sending after ``6Cxx`` (a card in memory does not need it).
    """

    def __init__(
        self,
        cards: dict[str, CardImage] | None = None,
        reader_name: str = "Counterpart simulated reader",
        profiles: Sequence[CardProfile] = (BelpicProfile(NO_RESEND_WAITS),),
    ) -> None:
        self._cards = cards
        self.reader_name = reader_name
        self.profiles = tuple(profiles)
        self._lock = threading.Condition()
        self._card: MemoryCard | None = None
        self._events: queue.Queue[Callable[[], None] | None] | None = None
        self._dispatcher: threading.Thread | None = None
        self._callbacks: tuple[CardInserted, CardRemovedCallback] | None = None

    @property
    def cards(self) -> dict[str, CardImage]:
        """The card images this reader can insert, loaded on first use."""
        if self._cards is None:
            self._cards = demo_cards()
        return self._cards

    def holder_names(self) -> dict[str, str]:
        """Each card's holder as the card writes it (given names, then surname), by key:
        what a picker of demo cards shows. A card whose identity file does not parse
        is shown by its key (reading it then says what is wrong)."""
        names: dict[str, str] = {}
        for key, image in self.cards.items():
            try:
                parsed = parse_id_file(image.id_file)
            except CardError:
                names[key] = key
            else:
                names[key] = f"{parsed.given_names} {parsed.surname}"
        return names

    def open(self) -> None:
        """Nothing to connect to; present for the ``CardReader`` protocol."""

    def close(self) -> None:
        """Stop watching."""
        self.unwatch()

    def list_readers(self) -> list[ReaderState]:
        """The one simulated reader and whether it holds a card."""
        with self._lock:
            card = self._card
        atr = card.atr.hex().upper() if card else ""
        return [ReaderState(self.reader_name, card is not None, atr)]

    def insert(self, key: str) -> None:
        """Put demo card ``key`` in the reader (replacing any card there).

        Raises:
            KeyError: no demo card has that key.
        """
        image = self.cards[key]
        card = MemoryCard(image.files(), applet_version=image.applet_version)
        self.insert_card(card)

    def insert_card(self, card: MemoryCard) -> None:
        """Put an arbitrary in-memory card in the reader (tests use odd cards)."""
        with self._lock:
            had_card = self._card is not None
            self._card = card
            self._lock.notify_all()
        if had_card:
            self._emit_removed()
        self._emit_inserted(card.atr)

    def remove(self) -> None:
        """Take the card out, if any."""
        with self._lock:
            had_card = self._card is not None
            self._card = None
        if had_card:
            self._emit_removed()

    def wait_for_card(self, timeout: float) -> str:
        """Block until a card is inserted, at most ``timeout`` seconds.

        Raises:
            NoCard: none came in time.
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._card is None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise NoCard(f"no card was inserted within {timeout:g} s")
                self._lock.wait(remaining)
        return self.reader_name

    def read(self, reader_name: str | None = None) -> CardIdentity:
        """Read the inserted card with the first matching profile.

        Raises:
            NoReader: ``reader_name`` is not this reader. NoCard: no card inserted.
            UnknownCard, CorruptCardFile, PhotoHashMismatch: as the profile reports.
        """
        if reader_name is not None and reader_name != self.reader_name:
            raise NoReader(f"no reader named {reader_name!r}")
        with self._lock:
            card = self._card
        if card is None:
            raise NoCard("there is no card in the simulated reader")
        card.reset()
        for profile in self.profiles:
            if profile.matches(card.atr, card.transmit):
                return profile.read(card.transmit)
        raise UnknownCard("no profile recognises this card")

    def watch(
        self,
        on_inserted: CardInserted,
        on_removed: CardRemovedCallback,
        on_readers: ReaderChanged | None = None,
    ) -> None:
        """Report insertions and removals from a background thread (current card first)."""
        self.unwatch()
        events: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._events = events
        self._callbacks = (on_inserted, on_removed)
        self._dispatcher = threading.Thread(
            target=self._dispatch, args=(events,), name="simulated-card-reader", daemon=True
        )
        self._dispatcher.start()
        if on_readers is not None:
            names = [self.reader_name]
            events.put(lambda: on_readers(names))
        with self._lock:
            card = self._card
        if card is not None:
            self._emit_inserted(card.atr)

    def unwatch(self) -> None:
        """Stop reporting; waits for the dispatcher thread to finish its current callback."""
        events, dispatcher = self._events, self._dispatcher
        self._events = self._dispatcher = self._callbacks = None
        if events is not None and dispatcher is not None:
            events.put(None)
            if dispatcher is not threading.current_thread():
                dispatcher.join()

    @staticmethod
    def _dispatch(events: queue.Queue[Callable[[], None] | None]) -> None:
        while (event := events.get()) is not None:
            try:
                event()
            except Exception:  # a failing callback must not stop later events
                logger.exception("card event callback failed")

    def _emit_inserted(self, atr: bytes) -> None:
        events, callbacks = self._events, self._callbacks
        if events is not None and callbacks is not None:
            on_inserted, name = callbacks[0], self.reader_name
            events.put(lambda: on_inserted(name, atr))

    def _emit_removed(self) -> None:
        events, callbacks = self._events, self._callbacks
        if events is not None and callbacks is not None:
            on_removed, name = callbacks[1], self.reader_name
            events.put(lambda: on_removed(name))
