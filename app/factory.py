"""The one place the app is built, for the CLI and for the tests alike.

``build_app`` takes the settings and, optionally, ready-made pieces (a store, a
card reader, a printer, a clock); what is not given is built from the settings.
"""

from __future__ import annotations

from pathlib import Path

from app.config import Settings
from app.context import catalogue_on_demand, open_store
from app.counter.app import CounterpartApp
from app.desk import Clock, Desk, TokenFactory, new_token, utc_now
from app.messages import SyncDone
from devices.cards.demo import demo_cards
from devices.cards.protocol import CardReader
from devices.cards.simulated import SimulatedCardReader
from devices.printing.factory import make_printer
from devices.printing.protocol import ReceiptPrinter
from devices.printing.queue import MemoryPrintQueue, PrintQueueStore
from sync.catalogue.model import Catalogue
from sync.domain.events import Channel
from sync.link import SyncLink
from sync.store.store import LocalStore

DEFAULT_LOCK_SECONDS = 300.0
"""Idle seconds before a counter screen locks, when not given (``[site] lock_after_seconds``)."""


def make_card_reader(settings: Settings) -> CardReader | None:
    """The card reader ``[card_reader]`` names (None for ``none``)."""
    section = settings.card_reader
    if section.driver == "none":
        return None
    if section.driver == "simulated":
        return SimulatedCardReader(demo_cards(settings.resolve(section.cards)))
    from devices.cards.pcsc import PcscCardReader  # loads pyscard only when asked

    reader: CardReader = PcscCardReader(section.reader)
    return reader


def make_receipt_printer(settings: Settings) -> ReceiptPrinter | None:
    """The receipt printer ``[printer]`` names (None for ``none``)."""
    section = settings.printer
    if section.driver == "none":
        return None
    return make_printer(
        section.driver,
        columns=section.columns,
        native_qr=section.native_qr,
        host=section.host,
        port=section.port,
        vendor_id=section.vendor_id,
        product_id=section.product_id,
        device=section.device,
        baudrate=section.baudrate,
        path=settings.resolve(section.path) if section.driver in ("file", "preview") else Path(),
    )


def make_sync_link(settings: Settings) -> SyncLink | None:
    """The central store ``[central]`` names (None for ``url = "off"``).

    ``embedded`` serves one in-process over ``central.db`` beside the local store.
    """
    section = settings.central
    if section.url == "off":
        return None
    return SyncLink(
        section.url,
        token_file=settings.resolve(section.token_file),
        site_id=settings.site.id,
        interval_seconds=float(section.sync_interval_seconds),
        central_db=settings.resolve(settings.store.path).parent / "central.db",
    )


def build_app(
    settings: Settings,
    *,
    store: LocalStore | None = None,
    catalogue: Catalogue | None = None,
    card_reader: CardReader | None = None,
    printer: ReceiptPrinter | None = None,
    print_queue: PrintQueueStore | None = None,
    clock: Clock = utc_now,
    token_factory: TokenFactory = new_token,
    lock_after: float | None = DEFAULT_LOCK_SECONDS,
    use_devices: bool = True,
    sync_link: SyncLink | None = None,
) -> CounterpartApp:
    """Build the counter app.

    Args:
        settings: The machine's kiosk.toml.
        store: The local store (default: opened from ``[store] path``).
        catalogue: The catalogue (default: read from ``[catalogue] path`` when first
            needed; the app reads it once its first screen is drawn).
        card_reader: The card reader (default: from ``[card_reader]``).
        printer: The receipt printer (default: from ``[printer]``).
        print_queue: Where receipts wait (default: in memory).
        clock: The time now (aware).
        token_factory: Makes handoff tokens.
        lock_after: Idle seconds before the screen locks; None never locks.
        use_devices: Build missing devices from the settings (False: none).
        sync_link: The central store to sync with in the background (default: none;
            ``make_sync_link`` makes the one ``[central]`` names).

    Raises:
        StoreError: the store cannot be opened.
        ValueError: the printer settings do not make a printer.
    """
    store = store if store is not None else open_store(settings)
    if card_reader is None and use_devices:
        card_reader = make_card_reader(settings)
    if printer is None and use_devices:
        printer = make_receipt_printer(settings)
    mode = settings.site.mode
    channel: Channel = "van" if mode == "van" else "kiosk" if mode == "kiosk" else "counter"
    desk = Desk(
        store=store,
        catalogue=catalogue if catalogue is not None else catalogue_on_demand(settings),
        card_reader=card_reader,
        printer=printer,
        print_queue=print_queue or MemoryPrintQueue(),
        site_name=settings.site.name,
        public_url=settings.central.public_url,
        channel=channel,
        clock=clock,
        token_factory=token_factory,
    )
    desk.ensure_demo_operator()
    app = CounterpartApp(
        desk,
        languages=tuple(settings.site.languages),
        mode=mode,
        clock=clock,
        lock_after=lock_after,
        sync_link=sync_link,
    )
    if sync_link is not None:
        # Every event saved while the link is up goes out within a second, not at the
        # next interval round (which still pulls); ``sync_link.close()`` stops this.
        nudger = sync_link.nudger(store, lambda outcome: app.post_message(SyncDone(outcome)))
        store.on_append = nudger.nudge
    return app
