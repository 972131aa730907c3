"""The USB and serial drivers, for real: pyusb with no printer plugged in, pyserial on a pty."""

from __future__ import annotations

import importlib.metadata
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from devices.printing.errors import PaperOut, PrinterTimeout, PrinterUnreachable
from devices.printing.factory import make_printer
from devices.printing.receipt import layout_receipt
from devices.printing.serial import SerialReceiptPrinter
from devices.printing.usb import UsbReceiptPrinter
from tests.printing.conftest import HANDOFF_URL, make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.listener import PAPER_OUT
from tests.printing.scan import qr_texts
from tests.printing.serial_pty import PtyPrinter


@pytest.mark.parametrize("library", ["pyusb", "pyserial"])
def test_the_usb_and_serial_libraries_are_installed(library: str) -> None:
    importlib.metadata.version(library)  # python-escpos[usb,serial] in pyproject.toml


def test_usb_without_that_printer_plugged_in_names_its_ids() -> None:
    printer = make_printer("usb", vendor_id=0x04B8, product_id=0x0E28, timeout=0.5)
    assert isinstance(printer, UsbReceiptPrinter)
    assert printer.status() == "unreachable"
    with pytest.raises(PrinterUnreachable) as raised:
        printer.print_receipt(make_receipt())
    message = str(raised.value)
    assert "04b8" in message and "0e28" in message
    assert raised.value.printer == "USB printer 04b8:0e28"
    assert raised.value.title == "Printer not reachable"
    printer.close()


def test_serial_on_a_missing_port_names_the_device(tmp_path: Path) -> None:
    device = str(tmp_path / "ttyUSB7")
    printer = make_printer("serial", device=device, timeout=0.5)
    assert printer.status() == "unreachable"
    with pytest.raises(PrinterUnreachable) as raised:
        printer.print_receipt(make_receipt())
    assert f"The serial port {device} does not exist" in str(raised.value)


_OPEN_AS_USER = """
import sys
from devices.printing.errors import PrinterUnreachable
from devices.printing.serial import SerialReceiptPrinter
from tests.printing.conftest import make_receipt
try:
    SerialReceiptPrinter(sys.argv[1], timeout=0.5).print_receipt(make_receipt())
except PrinterUnreachable as exc:
    print(exc)
"""


def test_serial_on_a_port_this_user_may_not_open_says_so() -> None:
    with PtyPrinter() as pty:
        os.chmod(pty.path, stat.S_IRUSR)  # as a port owned by dialout would look
        if os.geteuid() != 0:
            printer = SerialReceiptPrinter(pty.path, timeout=0.5)
            with pytest.raises(PrinterUnreachable, match="may not open the serial port"):
                printer.print_receipt(make_receipt())
            return
        # Root opens any port: try it as nobody, as a service user would be.
        done = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
             sys.executable, "-B", "-c", _OPEN_AS_USER, pty.path],
            capture_output=True, text=True, timeout=60, check=False,
            cwd=Path(__file__).resolve().parents[2],
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "may not open the serial port" in done.stdout, done.stdout


def test_a_receipt_printed_on_a_serial_port_decodes() -> None:
    receipt = make_receipt("pt")
    with PtyPrinter() as pty:
        printer = SerialReceiptPrinter(pty.path, 19200, timeout=2.0, columns=32)
        assert printer.status() == "ready"
        printer.print_receipt(receipt)
        printer.close()
        data = pty.finish()
    assert pty.queries == [1, 4, 1, 4]  # status() once, then before printing
    decoded = decode(data)
    assert decoded.lines == layout_receipt(receipt, 32).text_lines()
    assert decoded.cuts == 1
    (image,) = decoded.images
    assert qr_texts(image) == [HANDOFF_URL]


def test_a_serial_printer_out_of_paper_prints_nothing() -> None:
    with PtyPrinter(PAPER_OUT) as pty:
        printer = SerialReceiptPrinter(pty.path, timeout=2.0)
        assert printer.status() == "paper_out"
        with pytest.raises(PaperOut):
            printer.print_receipt(make_receipt())
        assert pty.finish() == b""


def test_a_silent_serial_port_times_out() -> None:
    with PtyPrinter(answer=False) as pty:
        printer = SerialReceiptPrinter(pty.path, timeout=0.3)
        assert printer.status() == "timeout"
        with pytest.raises(PrinterTimeout):
            printer.print_receipt(make_receipt())
        assert pty.finish() == b""
