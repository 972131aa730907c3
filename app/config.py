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


class Settings(_Section):
    """The whole of kiosk.toml."""

    site: SiteSettings
    store: StoreSettings = StoreSettings()
    central: CentralSettings = CentralSettings()
    card_reader: CardReaderSettings = CardReaderSettings()
    printer: PrinterSettings = PrinterSettings()
    kiosk: KioskSettings = KioskSettings()
    catalogue: CatalogueSettings = CatalogueSettings()
    source: Path = Path("kiosk.toml")
    """The file these settings came from (set by the loader, not in the file)."""

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
            shown = f" = {value[first]!r}" if first in value else " (not set)"
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
