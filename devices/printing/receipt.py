"""The receipt: a typed model, its layout for a printer width, and its ESC/POS form.

A ``Receipt`` holds what a citizen takes home: the site, the date, the journey
reference, the services with what was done, what is left and what to bring, and
the handoff URL. It holds no personal data (no names, birth dates or national
numbers); ``Receipt`` refuses texts that look like them, as a guard, not a
guarantee. ``layout_receipt`` turns it into lines for 32, 42 or 48 columns, and
``render_escpos`` sends that layout to any python-escpos printer, so every
driver prints the same bytes.
"""

from __future__ import annotations

import copy
import json
import re
import textwrap
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Final, Literal, get_args

from escpos.constants import QR_ECLEVEL_M

from devices import qr
from devices.printing.texts import DATE_FORMAT, LANGUAGES, Language, TextKey, text

Columns = Literal[32, 42, 48]
"""Printer widths in characters of font A: 58 mm paper (32), 80 mm paper (42 or 48)."""

COLUMNS: Final[tuple[Columns, ...]] = get_args(Columns)

DOTS_PER_COLUMN: Final = 12
"""Font A is 12 dots wide, so 32/42/48 columns are 384/504/576 dots."""

ReceiptKind = Literal["service", "test"]
"""A receipt for a journey, or the test page of ``counterpart printer test``."""

_REF = re.compile(r"^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$")
_PERSONAL = (
    re.compile(r"\d{8,}"),  # national, tax and phone numbers
    re.compile(r"\d{2}\.\d{2}\.\d{2}-\d{3}\.\d{2}"),  # Belgian national number
    re.compile(r"[^\s@]+@[^\s@]+\.[A-Za-z]{2,}"),  # e-mail addresses
)
_FORMAT_VERSION: Final = 1


def _check_impersonal(value: str, what: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{what} must be text")
    for pattern in _PERSONAL:
        if pattern.search(value):
            raise ValueError(f"{what} looks like personal data; receipts carry none")
    return value


@dataclass(frozen=True)
class ServiceLine:
    """One service of the journey as the receipt shows it.

    Attributes:
        service: The service's name in the receipt's language.
        done: Steps already done.
        todo: Steps still to do.
        bring: Documents to bring next time.
        continue_at: Where to continue ("at home", a site's name); empty if nowhere.
    """

    service: str
    done: tuple[str, ...] = ()
    todo: tuple[str, ...] = ()
    bring: tuple[str, ...] = ()
    continue_at: str = ""

    def __post_init__(self) -> None:
        if not self.service.strip():
            raise ValueError("a service line needs the service's name")
        for what, value in (("service", self.service), ("continue_at", self.continue_at)):
            _check_impersonal(value, what)
        for what, items in (("done", self.done), ("todo", self.todo), ("bring", self.bring)):
            if not isinstance(items, tuple):
                raise ValueError(f"{what} must be a tuple of texts")
            for item in items:
                _check_impersonal(item, what)

    def to_dict(self) -> dict[str, Any]:
        """Return the line as JSON-ready data."""
        return {
            "service": self.service,
            "done": list(self.done),
            "todo": list(self.todo),
            "bring": list(self.bring),
            "continue_at": self.continue_at,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ServiceLine:
        """Build a line from ``to_dict`` data.

        Raises:
            ValueError: A key is missing or a value has the wrong type.
        """
        try:
            return cls(
                service=str(data["service"]),
                done=tuple(_texts(data["done"], "done")),
                todo=tuple(_texts(data["todo"], "todo")),
                bring=tuple(_texts(data["bring"], "bring")),
                continue_at=str(data["continue_at"]),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"malformed service line: {exc!r}") from exc


def _texts(value: object, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{what} must be a list of texts")
    return value


@dataclass(frozen=True)
class Receipt:
    """What a citizen takes home from the counter; no personal data.

    Attributes:
        site_name: The citizen spot, van or kiosk, as the citizen knows it.
        issued_at: Date and time to print, in the site's local time.
        journey_ref: The journey's reference, e.g. ``K7Q-4M2-XP9``.
        language: The citizen's language.
        services: The journey's services.
        handoff_url: ``{public_url}/c/{token}``; ``None`` prints no QR code (the
            print queue drops it once the receipt is out).
        kind: ``"test"`` for the printer test page.
        at_home: Something is left that the citizen can do at home (the QR says
            "continue at home"); else the QR is only to follow the case.
        reminders: Lines saying when the citizen will be reminded of what, in the
            receipt's language (only for a citizen who agreed to messages).
    """

    site_name: str
    issued_at: datetime
    journey_ref: str
    language: Language
    services: tuple[ServiceLine, ...] = field(default=())
    handoff_url: str | None = None
    kind: ReceiptKind = "service"
    at_home: bool = True
    reminders: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_impersonal(self.site_name, "site_name")
        for reminder in self.reminders:
            _check_impersonal(reminder, "reminders")
        if not _REF.match(self.journey_ref):
            raise ValueError(f"journey_ref {self.journey_ref!r} is not like K7Q-4M2-XP9")
        if self.language not in LANGUAGES:
            raise ValueError(f"language {self.language!r} is not one of {', '.join(LANGUAGES)}")
        if self.kind not in get_args(ReceiptKind):
            raise ValueError(f"kind {self.kind!r} is not 'service' or 'test'")
        if not isinstance(self.services, tuple):
            raise ValueError("services must be a tuple of ServiceLine")
        if self.handoff_url is not None and not re.match(r"^https?://\S+$", self.handoff_url):
            raise ValueError("handoff_url must be an http(s) URL without spaces")

    def with_handoff(self, url: str | None) -> Receipt:
        """Return a copy carrying ``url`` as its handoff URL (``None`` drops it)."""
        return replace(self, handoff_url=url)

    def to_json(self) -> str:
        """Return the receipt as a JSON text (``from_json`` reads it back)."""
        return json.dumps(
            {
                "version": _FORMAT_VERSION,
                "site_name": self.site_name,
                "issued_at": self.issued_at.isoformat(),
                "journey_ref": self.journey_ref,
                "language": self.language,
                "kind": self.kind,
                "services": [line.to_dict() for line in self.services],
                "handoff_url": self.handoff_url,
                "at_home": self.at_home,
                **({"reminders": list(self.reminders)} if self.reminders else {}),
            },
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, document: str) -> Receipt:
        """Read a receipt written by ``to_json``.

        Raises:
            ValueError: The text is not a receipt of a known format version.
        """
        try:
            data = json.loads(document)
            if data["version"] != _FORMAT_VERSION:
                raise ValueError(f"unknown receipt format version {data['version']!r}")
            services = data["services"]
            if not isinstance(services, list):
                raise ValueError("services must be a list")
            url = data["handoff_url"]
            return cls(
                site_name=str(data["site_name"]),
                issued_at=datetime.fromisoformat(data["issued_at"]),
                journey_ref=str(data["journey_ref"]),
                language=data["language"],
                kind=data["kind"],
                services=tuple(ServiceLine.from_dict(line) for line in services),
                handoff_url=None if url is None else str(url),
                at_home=bool(data.get("at_home", True)),  # receipts queued before it
                reminders=tuple(str(r) for r in data.get("reminders", [])),
            )
        except (KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ValueError(f"malformed receipt: {exc!r}") from exc


Align = Literal["left", "center"]


@dataclass(frozen=True)
class TextLine:
    """One printed line; ``double`` lines take twice the width and height."""

    text: str
    align: Align = "left"
    bold: bool = False
    double: bool = False


@dataclass(frozen=True)
class QrCode:
    """The handoff QR code, ``module_px`` printer dots per module."""

    url: str
    module_px: int


@dataclass(frozen=True)
class Cut:
    """Feed the paper past the cutter and cut."""


Element = TextLine | QrCode | Cut


@dataclass(frozen=True)
class ReceiptLayout:
    """A receipt laid out for one printer width."""

    columns: Columns
    elements: tuple[Element, ...]

    def text_lines(self) -> list[str]:
        """Return the text of every line in order, as the printer receives it."""
        return [element.text for element in self.elements if isinstance(element, TextLine)]

    def visual_lines(self) -> list[str]:
        """Return the lines as they look on paper (centred), QR code as a marker.

        Double-size lines are shown at their normal width; they are centred for
        the width they take on paper.
        """
        lines: list[str] = []
        for element in self.elements:
            if isinstance(element, TextLine):
                taken = len(element.text) * (2 if element.double else 1)
                pad = (self.columns - taken) // 2 if element.align == "center" else 0
                lines.append(" " * pad + element.text)
            elif isinstance(element, QrCode):
                lines.append("[QR]".center(self.columns).rstrip())
            else:
                lines.append("~" * self.columns)
        return lines


def qr_module_px(url: str, columns: Columns) -> int:
    """Return the dots per QR module so the code takes about 60 % of the paper.

    Args:
        url: The URL the code holds.
        columns: The printer width.
    """
    modules = qr.module_count(url) + 2 * qr.QUIET_ZONE
    return max(3, min(8, int(columns * DOTS_PER_COLUMN * 0.6) // modules))


def _wrap(value: str, width: int, indent: str = "", subsequent: str = "") -> list[str]:
    return textwrap.wrap(
        value,
        width=width,
        initial_indent=indent,
        subsequent_indent=subsequent,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def layout_receipt(receipt: Receipt, columns: Columns) -> ReceiptLayout:
    """Lay a receipt out for a printer width.

    Every line fits ``columns`` characters (double-size lines count twice).

    Args:
        receipt: The receipt.
        columns: 32, 42 or 48.

    Raises:
        ValueError: ``columns`` is not a supported width.
    """
    if columns not in COLUMNS:
        raise ValueError(f"columns must be one of {COLUMNS}, not {columns!r}")
    lang = receipt.language
    out: list[Element] = []

    def add(value: str, align: Align = "left", bold: bool = False) -> None:
        out.extend(TextLine(line, align, bold) for line in _wrap(value, columns))

    add(receipt.site_name, "center", bold=True)
    add(text(lang, "test_title" if receipt.kind == "test" else "title"), "center")
    add(receipt.issued_at.strftime(DATE_FORMAT), "center")
    out.append(TextLine(""))
    add(text(lang, "reference"), "center")
    big = len(receipt.journey_ref) * 2 <= columns
    out.append(TextLine(receipt.journey_ref, "center", bold=True, double=big))
    out.append(TextLine(""))
    for line in receipt.services:
        out.append(TextLine("-" * columns))
        add(line.service, bold=True)
        sections: tuple[tuple[TextKey, tuple[str, ...]], ...] = (
            ("done", line.done),
            ("todo", line.todo),
            ("bring", line.bring),
        )
        for key, items in sections:
            if items:
                add(text(lang, key) + ":")
                for item in items:
                    out.extend(TextLine(row) for row in _wrap(item, columns, "- ", "  "))
        if line.continue_at:
            add(f"{text(lang, 'continue_at')}: {line.continue_at}")
    if receipt.services:
        out.append(TextLine("-" * columns))
    for reminder in receipt.reminders:
        out.extend(TextLine(row) for row in _wrap(reminder, columns))
    if receipt.reminders:
        out.append(TextLine(""))
    if receipt.handoff_url is not None:
        url = receipt.handoff_url
        add(text(lang, "scan" if receipt.at_home else "follow"), "center", bold=True)
        out.append(QrCode(url, qr_module_px(url, columns)))
        # The short address is the public URL itself: its form takes the reference
        # printed above and the date of birth, so nothing long needs typing.
        short = url.split("://", 1)[-1].rsplit("/c/", 1)[0]
        add(text(lang, "or_type").format(address=short), "center")
        out.append(TextLine(""))
    add(text(lang, "keep"), "center")
    out.append(Cut())
    return ReceiptLayout(columns, tuple(out))


def _fit_profile(printer: Any, columns: Columns) -> None:
    # A profile's data is shared by every printer of that profile: copy it before
    # giving it this paper's width. Without a width python-escpos cannot centre
    # images and prints "media.width.pixel ... not set" to stdout on each one.
    data = copy.deepcopy(printer.profile.profile_data)
    media = data.setdefault("media", {}).setdefault("width", {})
    if media.get("pixels") in (None, "Unknown"):
        media["pixels"] = columns * DOTS_PER_COLUMN
    printer.profile.profile_data = data


def render_escpos(
    layout: ReceiptLayout, printer: Any, *, native_qr: bool = False, codepage: str | None = None
) -> None:
    """Send a laid-out receipt to a python-escpos printer object.

    Resets the printer (``ESC @``), prints each line with its alignment, weight
    and size, the QR code as a raster image (``GS v 0``) or, with ``native_qr``,
    the printer's own QR command (``GS ( k``), then feeds and cuts (``GS V``).

    Args:
        layout: The receipt laid out for this printer's width.
        printer: An ``escpos.escpos.Escpos`` (Network, Usb, Serial, File, Dummy).
        native_qr: Let the printer draw the QR code.
        codepage: Pin one code page (e.g. ``"CP858"``) instead of letting
            python-escpos switch code pages per character.

    Raises:
        Whatever the python-escpos driver raises; callers translate it.
    """
    _fit_profile(printer, layout.columns)
    printer.hw("INIT")
    # ESC @ puts the printer back on code page 0; make python-escpos announce
    # the page it needs instead of trusting what it sent to an earlier receipt.
    printer.magic.encoding = None
    if codepage is not None:
        printer.magic.force_encoding(codepage)
    for element in layout.elements:
        if isinstance(element, TextLine):
            printer.set(
                align=element.align,
                bold=element.bold,
                normal_textsize=not element.double,
                double_width=element.double,
                double_height=element.double,
            )
            printer.textln(element.text)
        elif isinstance(element, QrCode):
            printer.set(align="center", bold=False, normal_textsize=True)
            if native_qr:
                printer.qr(element.url, ec=QR_ECLEVEL_M, size=element.module_px, native=True)
                printer.ln()
            else:
                image = qr.raster_image(element.url, module_px=element.module_px)
                printer.image(image, center=True)
        else:
            printer.set(align="left", bold=False, normal_textsize=True)
            printer.cut()
