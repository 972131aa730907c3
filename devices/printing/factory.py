"""``make_printer``: any receipt printer built from plain arguments (as ``[printer]`` gives).

Importing it loads every driver's module, but not python-escpos's printer
classes or Pillow: those load when an escpos driver is built (it checks its
profile then) or when the preview printer draws.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from devices.printing.file import FileReceiptPrinter
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.preview import PreviewReceiptPrinter
from devices.printing.protocol import ReceiptPrinter
from devices.printing.receipt import Columns
from devices.printing.serial import SerialReceiptPrinter
from devices.printing.simulated import SimulatedReceiptPrinter
from devices.printing.usb import UsbReceiptPrinter

DriverKind = Literal["network", "usb", "serial", "file", "preview", "simulated"]
"""The drivers ``make_printer`` builds."""


def make_printer(
    driver: DriverKind,
    *,
    columns: Columns = 42,
    native_qr: bool = False,
    codepage: str | None = None,
    profile: str | None = None,
    host: str = "",
    port: int = 9100,
    timeout: float = 5.0,
    vendor_id: int = 0,
    product_id: int = 0,
    device: str = "",
    baudrate: int = 9600,
    path: str | Path = "",
) -> ReceiptPrinter:
    """Build a receipt printer from plain arguments (as ``[printer]`` in kiosk.toml).

    Args:
        driver: ``network`` (host, port, timeout), ``usb`` (vendor_id,
            product_id, timeout), ``serial`` (device, baudrate, timeout),
            ``file`` (path: raw ESC/POS bytes), ``preview`` (path: a folder of
            PNG pictures), ``simulated`` (in memory).
        columns: The printer width in characters: 32, 42 or 48.
        native_qr: Let the printer draw the QR code (escpos drivers only).
        codepage: Pin one code page (escpos drivers only).
        profile: A python-escpos printer profile (escpos drivers only).
        host: Network printer's host name or address.
        port: Network printer's raw port.
        timeout: Seconds to wait for the printer (network, usb, serial).
        vendor_id: USB vendor id.
        product_id: USB product id.
        device: Serial port.
        baudrate: Serial speed.
        path: File to write (``file``) or folder of pictures (``preview``).

    Raises:
        ValueError: The argument a driver needs is missing, or one is invalid.
    """
    if driver == "network":
        if not host:
            raise ValueError("the network printer needs a host")
        return NetworkReceiptPrinter(
            host,
            port,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "usb":
        if not (vendor_id and product_id):
            raise ValueError("the USB printer needs vendor_id and product_id")
        return UsbReceiptPrinter(
            vendor_id,
            product_id,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "serial":
        if not device:
            raise ValueError("the serial printer needs a device, e.g. /dev/ttyS0")
        return SerialReceiptPrinter(
            device,
            baudrate,
            timeout=timeout,
            columns=columns,
            native_qr=native_qr,
            codepage=codepage,
            profile=profile,
        )
    if driver == "file":
        if not str(path):
            raise ValueError("the file printer needs a path")
        return FileReceiptPrinter(
            path, columns=columns, native_qr=native_qr, codepage=codepage, profile=profile
        )
    if driver == "preview":
        if not str(path):
            raise ValueError("the preview printer needs a folder path")
        return PreviewReceiptPrinter(path, columns=columns)
    if driver == "simulated":
        return SimulatedReceiptPrinter(columns=columns)
    raise ValueError(f"unknown printer driver {driver!r}")
