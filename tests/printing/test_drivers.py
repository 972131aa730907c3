"""File, preview and simulated drivers; the factory; the test page (USB and serial:
``test_usb_serial.py``)."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from devices.printing.diagnostics import TEST_REFERENCE, test_receipt
from devices.printing.errors import PaperOut, PrinterUnreachable
from devices.printing.factory import make_printer
from devices.printing.file import FileReceiptPrinter
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.preview import PreviewReceiptPrinter
from devices.printing.protocol import ReceiptPrinter
from devices.printing.receipt import COLUMNS, Columns, layout_receipt
from devices.printing.serial import SerialReceiptPrinter
from devices.printing.simulated import SimulatedReceiptPrinter
from devices.printing.texts import LANGUAGES, Language
from devices.printing.usb import UsbReceiptPrinter
from tests.printing.conftest import HANDOFF_URL, make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PrinterListener
from tests.printing.scan import qr_texts


def test_file_printer_writes_the_escpos_bytes(tmp_path: Path) -> None:
    path = tmp_path / "receipt.bin"
    printer = FileReceiptPrinter(path, columns=48)
    assert printer.status() == "ready"
    printer.print_receipt(make_receipt("es"))
    printer.close()
    decoded = decode(path.read_bytes())
    assert decoded.status_queries == []  # a file cannot answer
    assert decoded.lines == layout_receipt(make_receipt("es"), 48).text_lines()
    (image,) = decoded.images
    assert qr_texts(image) == [HANDOFF_URL]


def test_file_printer_in_a_missing_folder_is_unreachable(tmp_path: Path) -> None:
    printer = FileReceiptPrinter(tmp_path / "missing" / "receipt.bin")
    assert printer.status() == "unreachable"
    with pytest.raises(PrinterUnreachable):
        printer.print_receipt(make_receipt())


@pytest.mark.parametrize("columns", COLUMNS)
def test_preview_printer_draws_a_scannable_png(tmp_path: Path, columns: Columns) -> None:
    printer = PreviewReceiptPrinter(tmp_path / "previews", columns=columns)
    printer.print_receipt(make_receipt("pt"))
    assert printer.last_paths is not None
    png, txt = printer.last_paths
    assert png.name == "receipt-K7Q-4M2-XP9.png"
    with Image.open(png) as image:
        assert image.width == columns * 12 + 48
        assert qr_texts(image) == [HANDOFF_URL]
    lines = txt.read_text(encoding="utf-8").splitlines()
    assert lines == layout_receipt(make_receipt("pt"), columns).visual_lines()
    assert "K7Q-4M2-XP9" in "\n".join(lines)


def test_preview_where_a_file_blocks_the_folder_is_unreachable(tmp_path: Path) -> None:
    (tmp_path / "previews").write_text("not a folder")
    with pytest.raises(PrinterUnreachable):
        PreviewReceiptPrinter(tmp_path / "previews").print_receipt(make_receipt())


def test_simulated_printer_fails_on_demand() -> None:
    printer = SimulatedReceiptPrinter(columns=32)
    printer.state = "paper_out"
    with pytest.raises(PaperOut):
        printer.print_receipt(make_receipt())
    printer.state = "ready"
    printer.print_receipt(make_receipt())
    assert printer.printed == [make_receipt()]


def test_factory_builds_each_driver(tmp_path: Path) -> None:
    built: list[ReceiptPrinter] = [
        make_printer("network", host="10.0.0.7", port=9100, columns=32),
        make_printer("usb", vendor_id=0x04B8, product_id=0x0202),
        make_printer("serial", device="/dev/ttyS0", baudrate=19200),
        make_printer("file", path=tmp_path / "r.bin"),
        make_printer("preview", path=tmp_path, columns=48),
        make_printer("simulated"),
    ]
    kinds = [
        NetworkReceiptPrinter,
        UsbReceiptPrinter,
        SerialReceiptPrinter,
        FileReceiptPrinter,
        PreviewReceiptPrinter,
        SimulatedReceiptPrinter,
    ]
    assert [type(p) for p in built] == kinds
    assert all(isinstance(p, ReceiptPrinter) for p in built)
    assert built[0].name == "network printer 10.0.0.7:9100" and built[0].columns == 32


_BUILD_PREVIEW = """
import sys
from devices.printing.factory import make_printer
make_printer("preview", path=sys.argv[1]).status()
print(" ".join(sorted({"escpos.printer", "PIL", "qrcode"} & set(sys.modules))))
"""


def test_the_factory_and_the_preview_printer_load_no_drawing_or_escpos_printer_library(
    tmp_path: Path,
) -> None:
    # The app builds its printer at start-up: escpos.printer (its profiles), Pillow
    # and qrcode would be paid at every start, before any receipt is printed.
    done = subprocess.run(
        [sys.executable, "-c", _BUILD_PREVIEW, str(tmp_path)],
        capture_output=True, text=True, timeout=60, check=True,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    "arguments",
    [
        {"driver": "network"},
        {"driver": "usb", "vendor_id": 1},
        {"driver": "serial"},
        {"driver": "file"},
        {"driver": "preview"},
        {"driver": "network", "host": "h", "columns": 40},
        {"driver": "network", "host": "h", "profile": "NoSuchPrinter"},
        {"driver": "network", "host": "h", "codepage": "CP9999"},
        {"driver": "parallel"},
    ],
)
def test_factory_refuses_incomplete_or_wrong_settings(arguments: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_printer(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_test_page_prints_and_its_code_scans(language: Language, columns: Columns) -> None:
    receipt = test_receipt(
        language, columns, "https://continuar.example.gov.pt/", now=datetime(2025, 1, 2, 3, 4)
    )
    assert receipt.journey_ref == TEST_REFERENCE and receipt.kind == "test"
    assert receipt.handoff_url is not None
    assert receipt.handoff_url.startswith("https://continuar.example.gov.pt/c/")
    with PrinterListener() as listener:
        NetworkReceiptPrinter("127.0.0.1", listener.port, columns=columns).print_receipt(receipt)
        (job,) = listener.wait_for(1)
    decoded = decode(bytes(job.data))
    ruler = [line for line in decoded.lines if line.endswith("|")]
    assert [len(line) for line in ruler] == [columns]
    (image,) = decoded.images
    assert qr_texts(image) == [receipt.handoff_url]
