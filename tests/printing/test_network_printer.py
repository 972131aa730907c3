"""The network driver against a TCP listener on loopback standing in for a printer."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from devices.errors import DeviceError
from devices.printing.errors import (
    CoverOpen,
    PaperOut,
    PrinterError,
    PrinterTimeout,
    PrinterUnreachable,
)
from devices.printing.network import NetworkReceiptPrinter
from devices.printing.protocol import ReceiptPrinter, state_from_status
from devices.printing.receipt import COLUMNS, Columns, layout_receipt
from devices.printing.texts import LANGUAGES, Language
from tests.printing.conftest import HANDOFF_URL, make_receipt
from tests.printing.escpos_decoder import decode
from tests.printing.listener import (
    COVER_OPEN,
    PAPER_LOW,
    PAPER_OUT,
    PrinterListener,
    closed_port,
)
from tests.printing.scan import qr_texts

TIMEOUT = 0.5


@pytest.fixture
def listener() -> Iterator[PrinterListener]:
    with PrinterListener() as server:
        yield server


def network(port: int, columns: Columns = 42) -> NetworkReceiptPrinter:
    return NetworkReceiptPrinter("127.0.0.1", port, timeout=TIMEOUT, columns=columns)


@pytest.mark.parametrize("columns", COLUMNS)
@pytest.mark.parametrize("language", LANGUAGES)
def test_receipt_printed_over_tcp_decodes(
    listener: PrinterListener, language: Language, columns: Columns
) -> None:
    receipt = make_receipt(language)
    printer = network(listener.port, columns)
    assert isinstance(printer, ReceiptPrinter)

    printer.print_receipt(receipt)
    printer.close()

    (job,) = listener.wait_for(1)
    assert job.queries == [1, 4]  # status asked before anything is printed
    decoded = decode(bytes(job.data))
    assert decoded.lines == layout_receipt(receipt, columns).text_lines()
    assert max(row.columns for row in decoded.rows) <= columns
    (reference,) = [row for row in decoded.rows if row.text == receipt.journey_ref]
    assert (reference.width, reference.height) == (2, 2)
    assert decoded.cuts == 1
    (image,) = decoded.images
    assert qr_texts(image) == [HANDOFF_URL]


def test_native_qr_over_tcp(listener: PrinterListener) -> None:
    printer = NetworkReceiptPrinter("127.0.0.1", listener.port, timeout=TIMEOUT, native_qr=True)
    printer.print_receipt(make_receipt())
    (job,) = listener.wait_for(1)
    assert decode(bytes(job.data)).native_qr == [HANDOFF_URL]


@pytest.mark.parametrize(
    ("status", "error", "state"),
    [(PAPER_OUT, PaperOut, "paper_out"), (COVER_OPEN, CoverOpen, "cover_open")],
)
def test_fault_stops_the_print_before_any_byte(
    status: dict[int, int], error: type[PrinterError], state: str
) -> None:
    with PrinterListener(status) as listener:
        printer = network(listener.port)
        with pytest.raises(error) as raised:
            printer.print_receipt(make_receipt())
        assert printer.status() == state
        first, _ = listener.wait_for(2)
    assert first.data == b""  # nothing printed
    assert first.queries == [1, 2, 4]  # offline, so the cause was asked too
    assert isinstance(raised.value, DeviceError)
    assert f"127.0.0.1:{listener.port}" in str(raised.value)
    assert raised.value.printer == printer.name


def test_paper_low_still_prints() -> None:
    with PrinterListener(PAPER_LOW) as listener:
        printer = network(listener.port)
        assert printer.status() == "paper_low"
        printer.print_receipt(make_receipt())
        _, job = listener.wait_for(2)
    assert decode(bytes(job.data)).cuts == 1


def test_printer_back_after_paper_out(listener: PrinterListener) -> None:
    printer = network(listener.port)
    listener.status = dict(PAPER_OUT)
    with pytest.raises(PaperOut):
        printer.print_receipt(make_receipt())
    listener.status = {1: 0x12, 2: 0x12, 4: 0x12}
    printer.print_receipt(make_receipt())
    _, job = listener.wait_for(2)
    assert decode(bytes(job.data)).cuts == 1


def test_closed_port_is_unreachable() -> None:
    printer = network(closed_port())
    with pytest.raises(PrinterUnreachable, match="cannot be reached"):
        printer.print_receipt(make_receipt())
    assert printer.status() == "unreachable"


def test_silent_printer_times_out() -> None:
    with PrinterListener(answer=False) as listener:
        printer = network(listener.port)
        started = time.monotonic()
        with pytest.raises(PrinterTimeout, match="did not answer"):
            printer.print_receipt(make_receipt())
        assert time.monotonic() - started < 5 * TIMEOUT
        assert printer.status() == "timeout"
        first, _ = listener.wait_for(2)
    assert first.queries == [1] and first.data == b""


@pytest.mark.parametrize(
    ("status", "cause", "paper", "state"),
    [
        (0x12, None, 0x12, "ready"),
        (0x12, None, 0x1E, "paper_low"),
        (0x1A, 0x32, 0x72, "paper_out"),
        (0x12, None, 0x72, "paper_out"),
        (0x1A, 0x16, 0x12, "cover_open"),
        (0x1A, 0x36, 0x72, "cover_open"),  # the cover first: closing it is what to do
        (0x1A, 0x52, 0x12, "error"),
    ],
)
def test_state_from_status_bytes(status: int, cause: int | None, paper: int, state: str) -> None:
    assert state_from_status(status, cause, paper) == state
