"""The one place the app and its pieces are built from kiosk.toml, for the CLI and the tests.

``build_app`` takes the settings and, optionally, ready-made pieces (a store, a
card reader, a printer, a clock, a sync link); what is not given is built from the
settings, as ``counterpart`` runs it: the store of ``[store]``, the devices of
``[card_reader]`` and ``[printer]``, the print queue in that store (receipts
survive a restart), the sync link of ``[central]`` (an embedded central store or a
URL) with every save nudging a round. ``close_app`` releases all of it. The
subcommands open what they need with ``open_store`` and ``open_catalogue``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal
from urllib.parse import urlsplit

from app.config import ConfigError, Settings
from app.counter.app import CounterpartApp
from app.counter.van import VanApp
from app.desk import Clock, Desk, TokenFactory, new_token, utc_now
from app.messages import SyncDone
from app.print_queue import PersistentPrintQueue
from devices.cards.demo import demo_cards
from devices.cards.errors import CardError
from devices.cards.protocol import CardReader
from devices.cards.simulated import SimulatedCardReader
from devices.printing.factory import make_printer
from devices.printing.protocol import ReceiptPrinter
from devices.printing.queue import PrintQueueStore
from sync.catalogue.loader import load_catalogue
from sync.catalogue.model import Catalogue
from sync.catalogue.on_demand import CatalogueOnDemand
from sync.central.target import EmbeddedTarget
from sync.central.web.settings import WebSettings
from sync.domain.events import Channel
from sync.errors import StoreError
from sync.link import CentralTarget, RemoteCentral, SyncLink
from sync.store.cipher import StoreKey
from sync.store.keyfile import new_key, read_key
from sync.store.store import LocalStore
from sync.van import SyncGate

if TYPE_CHECKING:
    from app.kiosk.app import KioskApp  # the kiosk's modules load only on a kiosk
    from sync.central.notify.plan import NotifyPlan

FROM_SETTINGS: Final = "from settings"
"""Passed for a piece that ``build_app`` should build from the settings (the default)."""


def open_store(settings: Settings, *, create: bool = True) -> LocalStore:
    """The machine's local store, opened (and migrated) from ``[store] path``, with the key
    of ``[store] key_file`` when ``encryption = "sqlcipher"``.

    Args:
        settings: The machine's kiosk.toml.
        create: Make the store when there is none (the app, and commands that write);
            False for commands that only read, which then refuse.

    Raises:
        StoreError: the store cannot be opened, or (``create=False``) there is none; the
            message names the file, the ``[store] path`` it came from and the kiosk.toml.
    """
    path = settings.resolve(settings.store.path)
    where = f'[store] path = "{settings.store.path}" in {settings.source}'
    if not create and not path.exists():
        raise StoreError(
            f"there is no store at {path} ({where}; a relative path is relative to that "
            "file's folder); nothing was created. Check the path, or start the app "
            "(`counterpart`), which makes the store"
        )
    try:
        return LocalStore(path, site_id=settings.site.id, key=store_key(settings))
    except StoreError as exc:
        raise type(exc)(f"{exc} ({where})") from exc


def store_key(settings: Settings) -> StoreKey | None:
    """The key of ``[store] key_file`` (None for ``encryption = "none"``).

    On the first start (neither the key file nor a store with data exists) a new key is
    made, so an encrypted demo starts as a plain one does. A store that exists is never
    given a new key.

    Raises:
        StoreKeyError: the key file is missing, readable by others, or malformed.
    """
    section = settings.store
    if section.encryption == "none":
        return None
    key_file = settings.resolve(section.key_file)
    store = settings.resolve(section.path)
    if not key_file.exists() and (not store.exists() or store.stat().st_size == 0):
        return StoreKey(new_key(key_file), str(key_file))
    return StoreKey(read_key(key_file), str(key_file))


def open_catalogue(settings: Settings) -> Catalogue:
    """The service catalogue from ``[catalogue] path``."""
    return load_catalogue(settings.resolve(settings.catalogue.path))


def make_card_reader(settings: Settings) -> CardReader | None:
    """The card reader ``[card_reader]`` names (None for ``none``).

    Raises:
        ConfigError: the simulated reader's demo cards cannot be read.
    """
    section = settings.card_reader
    if section.driver == "none":
        return None
    if section.driver == "simulated":
        folder = settings.resolve(section.cards)
        try:
            return SimulatedCardReader(demo_cards(folder))
        except (OSError, ValueError, KeyError, CardError) as exc:
            raise ConfigError(
                f'{settings.source}: card_reader.cards = "{section.cards}": the demo cards in '
                f"{folder} cannot be read ({exc}); a relative path is relative to the "
                "kiosk.toml's folder"
            ) from exc
    from devices.cards.pcsc import PcscCardReader  # loads pyscard only when asked

    reader: CardReader = PcscCardReader(section.reader)
    return reader


def make_receipt_printer(settings: Settings) -> ReceiptPrinter | None:
    """The receipt printer ``[printer]`` names (None for ``none``).

    Raises:
        ConfigError: the settings make no printer (an unknown profile or code page).
    """
    section = settings.printer
    if section.driver == "none":
        return None
    writes_files = section.driver in ("file", "preview")
    try:
        return make_printer(
            section.driver,
            columns=section.columns,
            native_qr=section.native_qr,
            codepage=section.codepage or None,
            profile=section.profile or None,
            host=section.host,
            port=section.port,
            timeout=section.timeout,
            vendor_id=section.vendor_id,
            product_id=section.product_id,
            device=section.device,
            baudrate=section.baudrate,
            path=settings.resolve(section.path) if writes_files else Path(),
        )
    except ValueError as exc:
        raise ConfigError(f"{settings.source}: printer: {exc}") from exc


def web_settings(settings: Settings) -> WebSettings:
    """The citizen's pages as ``[central]`` and ``[catalogue]`` configure them."""
    section = settings.central
    folder = settings.resolve(settings.catalogue.path)
    return WebSettings(
        catalogue=cache(lambda: load_catalogue(folder)),
        public_url=section.public_url,
        documents=settings.resolve(section.documents_path),
        upload_max_bytes=section.upload_max_bytes,
        upload_types=tuple(section.upload_types),
        operator=section.operator_name,
        accessibility_contact=section.accessibility_contact,
    )


LOOPBACK_HOSTS: Final = frozenset({"127.0.0.1", "localhost"})
"""Hosts of a ``public_url`` that is this machine."""


def embedded_port(public_url: str) -> int:
    """The port an embedded central store serves on: ``public_url``'s when it names this
    machine (so the QR on the finish screen and on receipts opens here), else 0 (a free
    one)."""
    parts = urlsplit(public_url)
    if parts.hostname not in LOOPBACK_HOSTS:
        return 0
    try:
        port = parts.port
    except ValueError:  # a port that is not a number: no port of ours
        return 0
    return port if port is not None else 443 if parts.scheme == "https" else 80


def notify_plan(settings: Settings) -> NotifyPlan | None:
    """The notifier ``[notify]`` asks for (None for ``driver = "off"``).

    Raises:
        ConfigError: a password or token file named there cannot be read.
    """
    import datetime as dt
    from zoneinfo import ZoneInfo

    from sync.central.notify.plan import NotifyPlan
    from sync.central.notify.sms import SmsConfig
    from sync.central.notify.smtp import SmtpConfig
    from sync.domain.notify import Policy

    section = settings.notify
    if section.driver == "off":
        return None

    def secret(key: str, name: str) -> str:
        return _notify_secret(settings, key, name)

    def clock(text: str) -> dt.time:
        hours, minutes = text.split(":")
        return dt.time(int(hours), int(minutes))

    smtp = None
    if section.smtp_host:
        smtp = SmtpConfig(
            host=section.smtp_host, port=section.smtp_port, sender=section.sender,
            starttls=section.smtp_starttls, username=section.smtp_username,
            password=secret("smtp_password_file", section.smtp_password_file),
        )  # fmt: skip
    sms = None
    if section.sms_url:
        sms = SmsConfig(section.sms_url, secret("sms_token_file", section.sms_token_file),
                        section.sms_sender)  # fmt: skip
    policy = Policy(
        quiet_start=clock(section.quiet_start), quiet_end=clock(section.quiet_end),
        quiet_channels=frozenset(section.quiet_channels), daily_limit=section.daily_limit,
        unfinished_days=section.unfinished_days, expiring_days=section.expiring_days,
        zone=ZoneInfo(section.timezone),
    )  # fmt: skip
    return NotifyPlan(
        driver=section.driver, folder=settings.resolve(section.folder), sender=section.sender,
        smtp=smtp, sms=sms, policy=policy, poll_seconds=section.poll_seconds,
        max_tries=section.max_tries,
    )  # fmt: skip


def sms_inbound_token(settings: Settings) -> str:
    """The token the SMS gateway posts replies with ("" when none is configured).

    Read whatever ``[notify] driver`` says: a STOP must be taken even while nothing is sent.

    Raises:
        ConfigError: the file named there cannot be read.
    """
    name = settings.notify.sms_inbound_token_file
    return _notify_secret(settings, "sms_inbound_token_file", name)


def _notify_secret(settings: Settings, key: str, name: str) -> str:
    """The secret in the file ``[notify] <key> = name`` names ("" when none is named).

    Raises:
        ConfigError: the file cannot be read (the message names the key and the file).
    """
    if not name:
        return ""
    path = settings.resolve(Path(name))
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{settings.source}: notify.{key} = {name!r}: {exc.strerror}") from exc


def make_sync_link(settings: Settings) -> SyncLink | None:
    """The central store ``[central]`` names (None for ``url = "off"``).

    ``embedded`` serves one in-process over ``central.db`` beside the local store,
    started by the first round (``sync.central.target.EmbeddedTarget``), on
    ``public_url``'s port when ``public_url`` is this machine (``embedded_port``).
    """
    section = settings.central
    if section.url == "off":
        return None
    token_file = settings.resolve(section.token_file)
    target: CentralTarget
    if section.url == "embedded":
        central_db = settings.resolve(settings.store.path).parent / "central.db"
        target = EmbeddedTarget(
            central_db,
            site_id=settings.site.id,
            token_file=token_file,
            port=embedded_port(section.public_url),
            web=web_settings(settings),
            notify=notify_plan(settings),
        )
    else:
        target = RemoteCentral(section.url, token_file)
    return SyncLink(target, interval_seconds=float(section.sync_interval_seconds))


def build_app(
    settings: Settings,
    *,
    store: LocalStore | None = None,
    catalogue: Catalogue | None = None,
    card_reader: CardReader | None = None,
    printer: ReceiptPrinter | None = None,
    print_queue: PrintQueueStore | None = None,
    sync_link: SyncLink | Literal["from settings"] | None = FROM_SETTINGS,
    clock: Clock = utc_now,
    token_factory: TokenFactory = new_token,
    lock_after: float | Literal["from settings"] | None = FROM_SETTINGS,
    use_devices: bool = True,
) -> CounterpartApp | KioskApp:
    """Build the app of ``[site] mode`` as ``counterpart`` runs it: the kiosk's for
    ``kiosk``, the van's (the counter's with offline awareness) for ``van``, else the
    counter's.

    Args:
        settings: The machine's kiosk.toml.
        store: The local store (default: opened from ``[store] path``).
        catalogue: The catalogue (default: read from ``[catalogue] path`` when first
            needed; the app reads it once its first screen is drawn).
        card_reader: The card reader (default: from ``[card_reader]``).
        printer: The receipt printer (default: from ``[printer]``).
        print_queue: Where receipts wait (default: the store's print queue).
        sync_link: The central store to sync with in the background (default: the
            one ``[central]`` names; None: no sync). Every save nudges it.
        clock: The time now (aware).
        token_factory: Makes handoff tokens.
        lock_after: Idle seconds before the screen locks; None never locks
            (default: ``[site] lock_after_seconds``, 0 meaning never).
        use_devices: Build missing devices from the settings (False: none).

    Raises:
        StoreError: the store cannot be opened.
        ConfigError: the printer settings do not make a printer, or the demo cards
            cannot be read.
    """
    # The devices first: a setting they refuse stops the start before a store is made.
    if card_reader is None and use_devices:
        card_reader = make_card_reader(settings)
    if printer is None and use_devices:
        printer = make_receipt_printer(settings)
    if store is None:
        try:
            store = open_store(settings)
        except StoreError:
            for device in (card_reader, printer):
                if device is not None:
                    device.close()
            raise
    if sync_link == FROM_SETTINGS:
        sync_link = make_sync_link(settings)
    if lock_after == FROM_SETTINGS:
        lock_after = float(settings.site.lock_after_seconds) or None
    mode = settings.site.mode
    channel: Channel = "van" if mode == "van" else "kiosk" if mode == "kiosk" else "counter"
    desk = Desk(
        store=store,
        catalogue=catalogue
        if catalogue is not None
        else CatalogueOnDemand(settings.resolve(settings.catalogue.path)),
        card_reader=card_reader,
        printer=printer,
        print_queue=print_queue or PersistentPrintQueue.in_store(store),
        site_name=settings.site.name,
        public_url=settings.central.public_url,
        channel=channel,
        clock=clock,
        token_factory=token_factory,
        pin_tries=settings.site.pin_tries,
        pin_lock_seconds=settings.site.pin_lock_minutes * 60,
    )
    desk.ensure_demo_operator()
    app: CounterpartApp | KioskApp
    if mode == "kiosk":
        from app.kiosk.build import make_kiosk_app  # the counter does not load the kiosk

        app = make_kiosk_app(desk, settings, clock=clock, sync_link=sync_link)
    elif mode == "van":
        gate = SyncGate()
        app = VanApp(
            desk,
            languages=tuple(settings.site.languages),
            mode=mode,
            clock=clock,
            lock_after=lock_after,
            sync_link=sync_link,
            gate=gate,
        )
    else:
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
        # A van's nudge waits while the mediator is in the middle of a form.
        store.on_append = gate.guard(nudger.nudge) if mode == "van" else nudger.nudge
    return app


def close_app(app: CounterpartApp | KioskApp) -> None:
    """Release what ``build_app`` built: the sync link (and an embedded central store),
    the card reader, the printer and the store."""
    if app.sync_link is not None:
        app.sync_link.close()
    if app.desk.card_reader is not None:
        app.desk.card_reader.close()
    if app.desk.printer is not None:
        app.desk.printer.close()
    app.desk.store.close()
