"""kiosk.toml: the configuration of one machine, read once at start-up into frozen settings.

Every key is documented on its field. Unknown keys and bad values raise
``ConfigError`` naming the file, the dotted key, the bad value and what is
allowed; the program then exits with code 2 and never starts half-configured.
Relative paths are resolved against the folder of the kiosk.toml.
"""

from __future__ import annotations

import ast
import inspect
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Language = Literal["pt", "en", "es"]
Mode = Literal["counter", "van", "kiosk"]


class ConfigError(Exception):
    """kiosk.toml cannot be used; the message names the file, key, value and what is allowed."""

    title = "Configuration error"


class _Section(BaseModel):
    # The field docstrings are read by ``reference_markdown`` only: pydantic's
    # use_attribute_docstrings would read this file's source at every start.
    model_config = ConfigDict(extra="forbid", frozen=True)


class SiteSettings(_Section):
    """[site]: where this machine is and how it is used."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]{1,63}$")
    """Site id, on every event this machine writes (lowercase letters, digits, dashes)."""
    name: str = Field(min_length=1, max_length=80)
    """The site's name as printed on receipts and shown in the header."""
    mode: Mode = "counter"
    """counter (a mediator), van (counter with offline awareness) or kiosk (self-service)."""
    languages: tuple[Language, ...] = ("pt", "en", "es")
    """Languages offered, first is the default."""
    lock_after_seconds: int = Field(default=300, ge=0, le=28800)
    """Seconds without a key press before a signed-in screen locks (0: never lock)."""
    pin_tries: int = Field(default=5, ge=3, le=20)
    """Wrong PINs in a row (within pin_lock_minutes) that lock an operator's sign-in and
    lock screen; from the second wrong one each try waits longer (1, 2, 4, 8, 16 s)."""
    pin_lock_minutes: int = Field(default=15, ge=1, le=1440)
    """Minutes that lock lasts (and the window the wrong PINs are counted in)."""

    @model_validator(mode="after")
    def _languages_not_empty(self) -> SiteSettings:
        if not self.languages:
            raise ValueError("languages: give at least one of pt, en, es")
        return self


class StoreSettings(_Section):
    """[store]: the local SQLite store."""

    path: Path = Path("var/counterpart.db")
    """The SQLite file; its folder also receives receipt previews."""
    encryption: Literal["none", "sqlcipher"] = "none"
    """none, or sqlcipher: the store file and its WAL are encrypted at rest (SQLCipher) with
    the key in ``key_file``. A plain store is encrypted with ``counterpart store encrypt``
    (docs/encryption.md)."""
    key_file: Path = Path("var/store.key")
    """For sqlcipher: the store's key, 64 hex digits, readable by its owner only (mode 0600;
    another mode is refused). Made on the first start when neither it nor the store exists,
    or with ``counterpart store key --new``. Keep it off the disk that holds the store for
    a stolen laptop to give nothing away (docs/encryption.md)."""


class CentralSettings(_Section):
    """[central]: the central case store this machine syncs with."""

    url: str = "embedded"
    """``embedded`` (run one in-process on loopback), ``off``, or the store's http(s) URL."""
    public_url: str = "http://127.0.0.1:8780"
    """Base of the handoff links printed on receipts: ``{public_url}/c/{token}``. With
    ``url = "embedded"`` and a host of 127.0.0.1 or localhost, the embedded store serves on
    its port, so the QR opens on this machine (a free port, with a warning, if it is taken)."""
    token_file: Path = Path("var/device.token")
    """Where the device token from ``counterpart enrol`` is kept (mode 0600)."""
    sync_interval_seconds: int = Field(default=30, ge=5, le=3600)
    """Seconds between background sync rounds."""
    max_body_bytes: int = Field(default=8 * 1024 * 1024, ge=65536, le=256 * 1024 * 1024)
    """For ``counterpart central serve``: the largest request body, before and after gzip."""
    max_clock_drift_seconds: int = Field(default=86400, ge=60, le=366 * 86400)
    """For ``counterpart central serve``: how far ahead of its clock a pushed hlc may be."""
    quarantine_event_chars: int = Field(default=64 * 1024, ge=1024, le=16 * 1024 * 1024)
    """For ``counterpart central serve``: the most of one quarantined event's JSON kept."""
    quarantine_device_chars: int = Field(
        default=16 * 1024 * 1024, ge=64 * 1024, le=4 * 1024 * 1024 * 1024
    )
    """For ``counterpart central serve``: the most quarantined JSON kept for one device."""
    web_requests_burst: int = Field(default=60, ge=1, le=1_000_000)
    """Citizen's pages: requests one client, or one link, may make at once to open a link."""
    web_requests_per_second: float = Field(default=1.0, gt=0, le=1_000_000)
    """... and how fast it may make more (then a "wait a moment" page)."""
    documents_path: Path = Path("var/documents")
    """Where the central store keeps documents citizens upload at home (random names)."""
    upload_max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024, le=100 * 1024 * 1024)
    """The largest document a citizen may upload at home."""
    upload_types: tuple[Literal["pdf", "jpeg", "png"], ...] = ("pdf", "jpeg", "png")
    """The kinds of document accepted at home, checked by content: pdf, jpeg, png."""
    operator_name: str = Field(default="Counterpart", min_length=1, max_length=120)
    """Who runs the network, as the citizen's accessibility statement names them."""
    accessibility_contact: str = Field(default="", max_length=200)
    """An e-mail address or URL for accessibility questions, shown on the statement."""

    @model_validator(mode="after")
    def _urls(self) -> CentralSettings:
        if self.url not in ("embedded", "off") and not self.url.startswith(("http://", "https://")):
            raise ValueError("url: use embedded, off, or an http(s):// URL")
        if not self.public_url.startswith(("http://", "https://")):
            raise ValueError("public_url: use an http(s):// URL")
        return self


class CardReaderSettings(_Section):
    """[card_reader]: the eID card reader."""

    driver: Literal["simulated", "pcsc", "none"] = "simulated"
    """simulated (demo cards from ``cards``), pcsc (a real reader), or none."""
    reader: str = ""
    """For pcsc: part of the reader's name to pick it (empty: the first reader)."""
    cards: Path = Path("fixtures/cards")
    """For simulated: the folder of demo card images."""


class PrinterSettings(_Section):
    """[printer]: the receipt printer."""

    driver: Literal["preview", "network", "usb", "serial", "file", "none"] = "preview"
    """preview (PNG and text under the store folder), network, usb, serial, file, none."""
    columns: Literal[32, 42, 48] = 42
    """Characters per line of the paper: 32 (58 mm), 42 or 48 (80 mm)."""
    host: str = ""
    """For network: the printer's host name or address."""
    port: int = Field(default=9100, ge=1, le=65535)
    """For network: the printer's TCP port."""
    vendor_id: int = Field(default=0, ge=0, le=0xFFFF)
    """For usb: the USB vendor id (write it as 0x04b8 in TOML)."""
    product_id: int = Field(default=0, ge=0, le=0xFFFF)
    """For usb: the USB product id."""
    device: str = ""
    """For serial: the serial device, e.g. /dev/ttyUSB0."""
    baudrate: int = Field(default=19200, ge=1200, le=921600)
    """For serial: the line speed."""
    path: Path = Path("var/receipts")
    """For file and preview: where receipts are written."""
    native_qr: bool = False
    """Print the QR with the printer's own QR command instead of a raster image."""
    timeout: float = Field(default=5.0, gt=0, le=120)
    """For network, usb and serial: seconds to wait to connect, to send and for each status
    answer."""
    profile: str = Field(default="", max_length=64)
    """For network, usb, serial and file: a python-escpos printer profile (e.g. TM-T88V), which
    tells it the printer's code pages (empty: a generic one)."""
    codepage: str = Field(default="", max_length=32)
    """For network, usb, serial and file: pin one code page, e.g. CP858 (Portuguese and
    Spanish), when accents come out wrong (empty: python-escpos picks one per character)."""

    @model_validator(mode="after")
    def _driver_needs(self) -> PrinterSettings:
        if self.driver == "network" and not self.host:
            raise ValueError("host: the network driver needs the printer's host")
        if self.driver == "usb" and not (self.vendor_id and self.product_id):
            raise ValueError("vendor_id, product_id: the usb driver needs both")
        if self.driver == "serial" and not self.device:
            raise ValueError("device: the serial driver needs a device such as /dev/ttyUSB0")
        return self


class KioskSettings(_Section):
    """[kiosk]: self-service behaviour (mode = "kiosk")."""

    idle_seconds: int = Field(default=90, ge=15, le=3600)
    """Seconds without input before the screen clears and forgets the citizen."""
    theme: Literal["default", "high-contrast"] = "high-contrast"
    """Colour theme."""
    large_text: bool = True
    """Larger text for reading at arm's length (taller buttons, more space; switchable)."""
    countdown_seconds: int = Field(default=20, ge=5, le=120)
    """Seconds the "are you still there?" countdown lasts before the citizen is forgotten."""
    speech: Literal["espeak-ng", "off"] = "espeak-ng"
    """What reads a screen aloud for the "listen" button: espeak-ng (pt, en, es voices) or off."""
    exit_keys: tuple[str, ...] = Field(default=("f12", "f11", "f12"), min_length=2, max_length=8)
    """The keys, pressed in a row, that ask for the operator's PIN to leave kiosk mode."""
    exit_pin_hash: str = Field(default="", pattern=r"^(\$argon2id?\$.+)?$")
    """The argon2 hash of the PIN that leaves kiosk mode (empty: it cannot be left on screen).
    Make one with ``counterpart kiosk-pin``."""


class CatalogueSettings(_Section):
    """[catalogue]: the service catalogue."""

    path: Path = Path("fixtures/catalogue")
    """Folder of catalogue TOML files (docs/catalogue-format.md)."""


class NotifySettings(_Section):
    """[notify]: messages to citizens who agreed to them (the central store sends them)."""

    driver: Literal["off", "file", "network"] = "off"
    """off (nothing is sent, messages stay queued), file (each message written to ``folder``:
    the demo), network (e-mail over SMTP and SMS through the HTTP gateway below)."""
    folder: Path = Path("var/messages")
    """With ``driver = "file"``: where each message is written (``.eml`` or ``.sms.txt``)."""
    sender: str = Field(default="counterpart@localhost", min_length=3, max_length=200)
    """The From address of e-mails; its domain ends every Message-ID."""
    smtp_host: str = ""
    """The SMTP server's host (e-mail is sent only when one is given)."""
    smtp_port: int = Field(default=587, ge=1, le=65535)
    """The SMTP server's port."""
    smtp_starttls: bool = True
    """Upgrade the SMTP connection with STARTTLS (certificate checked) before sending."""
    smtp_username: str = ""
    """Log in to the SMTP server as this user (empty: no login)."""
    smtp_password_file: str = ""
    """A file holding the SMTP password (mode 0600), relative to this file's folder."""
    sms_url: str = ""
    """The SMS gateway's URL (JSON POST); SMS is sent only when one is given."""
    sms_token_file: str = ""
    """A file holding the gateway's bearer token (mode 0600)."""
    sms_sender: str = Field(default="", max_length=20)
    """The sender name or number the gateway shows (empty: the gateway's default)."""
    sms_inbound_token_file: str = ""
    """A file holding the token the SMS gateway posts replies with (``POST
    /api/v1/sms/inbound``, ``Authorization: Bearer ...``); empty: replies are refused."""
    timezone: str = "Europe/Lisbon"
    """The sites' time zone for quiet hours and the daily limit (an IANA name)."""
    quiet_start: str = Field(default="21:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    """From this local time no message goes on ``quiet_channels``..."""
    quiet_end: str = Field(default="08:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    """... until this one (the morning)."""
    quiet_channels: tuple[Literal["sms", "email"], ...] = ("sms",)
    """The channels quiet hours hold."""
    daily_limit: int = Field(default=3, ge=1, le=100)
    """The most messages one citizen is sent in a local day; the rest wait for the next."""
    unfinished_days: int = Field(default=7, ge=0, le=365)
    """Days a step that can be done at home may stay unfinished before a message (0: never)."""
    expiring_days: int = Field(default=3, ge=0, le=60)
    """Days before a link home expires that a message says so (0: never)."""
    max_tries: int = Field(default=8, ge=1, le=50)
    """Tries before a message is given up and shown as not sent."""
    poll_seconds: float = Field(default=2.0, gt=0, le=3600)
    """How often an idle notifier looks for due messages."""

    @model_validator(mode="after")
    def _check(self) -> NotifySettings:
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("timezone: not a time zone name like Europe/Lisbon") from exc
        if self.sms_url and not self.sms_url.startswith(("http://", "https://")):
            raise ValueError("sms_url: use an http(s):// URL")
        if self.sms_url and not self.sms_token_file:
            raise ValueError("sms_token_file: the gateway's token file is needed with sms_url")
        return self


class Settings(_Section):
    """The whole of kiosk.toml."""

    site: SiteSettings
    store: StoreSettings = StoreSettings()
    central: CentralSettings = CentralSettings()
    card_reader: CardReaderSettings = CardReaderSettings()
    printer: PrinterSettings = PrinterSettings()
    kiosk: KioskSettings = KioskSettings()
    catalogue: CatalogueSettings = CatalogueSettings()
    notify: NotifySettings = NotifySettings()
    source: Path = Path("kiosk.toml")
    """The file these settings came from (set by the loader, not in the file)."""

    @model_validator(mode="after")
    def _encrypted_store_has_no_plain_copy(self) -> Settings:
        if self.store.encryption != "none" and self.central.url == "embedded":
            raise ValueError(
                "store.encryption: an encrypted store cannot sync with an embedded central "
                "store, whose central.db would keep every journey unencrypted beside it; "
                "set central.url to the central store's URL (or off)"
            )
        return self

    def resolve(self, path: Path) -> Path:
        """A path from the config, made absolute against the config file's folder."""
        return path if path.is_absolute() else (self.source.parent / path).resolve()


def reference_markdown() -> str:
    """docs/configuration.md, generated from the fields and their docstrings."""
    lines = [
        "# kiosk.toml reference",
        "",
        "Generated from `app/config.py` (`python -m app.config > docs/configuration.md`);",
        "a test keeps the two equal. Relative paths are relative to the kiosk.toml's folder.",
        "",
    ]
    for name, info in Settings.model_fields.items():
        section = info.annotation
        if name == "source" or not isinstance(section, type):
            continue
        lines += [f"## [{name}]", "", (section.__doc__ or "").strip(), ""]
        lines += ["| key | default | meaning |", "|---|---|---|"]
        docs = _field_docstrings(section)
        for key, field in section.model_fields.items():
            default = "required" if field.is_required() else repr(field.get_default())
            default = (
                default.replace("PosixPath(", "").replace(")", "") if "Path" in default else default
            )
            lines.append(f"| `{key}` | `{default}` | {docs.get(key, '')} |")
        lines.append("")
    return "\n".join(lines)


def _field_docstrings(cls: type) -> dict[str, str]:
    """The docstring under each annotated field of ``cls``, from its source."""
    body = ast.parse(inspect.getsource(cls)).body[0]
    assert isinstance(body, ast.ClassDef)
    found: dict[str, str] = {}
    for field, after in zip(body.body, body.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            # One table cell: a docstring wrapped over lines is one line there.
            found[field.target.id] = " ".join(after.value.value.split())
    return found


def _allowed(err: Any) -> str:
    ctx = err.get("ctx") or {}
    kind = err["type"]
    if kind == "literal_error":
        return f"allowed: {ctx.get('expected', '')}"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "missing":
        return "required key is missing"
    if kind == "string_pattern_mismatch":
        return f"must match {ctx.get('pattern')}"
    return str(err["msg"]).removeprefix("Value error, ")


_NOT_SET = object()


def _format(path: Path, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = [str(p) for p in err["loc"]]
        value = err.get("input")
        reason = _allowed(err)
        # Section validators say "key: reason"; point at that key, not the section.
        head, sep, tail = reason.partition(": ")
        shown = "" if err["type"] == "missing" else f" = {value!r}"
        if err["type"] == "value_error" and sep and isinstance(value, dict):
            first = head.split(", ")[0]
            loc, reason = [*loc, first], tail
            # A check across sections names a dotted key (store.encryption).
            found: Any = value
            for part in first.split("."):
                found = found.get(part, _NOT_SET) if isinstance(found, dict) else _NOT_SET
            shown = " (not set)" if found is _NOT_SET else f" = {found!r}"
        lines.append(f"{path}: {'.'.join(loc)}{shown}: {reason}")
    return "\n".join(lines)


def load_settings(path: Path) -> Settings:
    """Read and check a kiosk.toml.

    Raises:
        ConfigError: the file is missing, not TOML, or has unknown keys or bad values.
    """
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such file (give one with --config PATH)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot be read: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    if "source" in raw:
        raise ConfigError(f"{path}: source: unknown key")
    try:
        return Settings.model_validate({**raw, "source": path.resolve()})
    except ValidationError as exc:
        raise ConfigError(_format(path, exc)) from exc


if __name__ == "__main__":
    print(reference_markdown())
