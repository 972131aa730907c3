"""The test page ``counterpart printer test`` prints when a site is set up."""

from __future__ import annotations

import secrets
from datetime import datetime

from devices.printing.receipt import Columns, Receipt, ServiceLine
from devices.printing.texts import Language, text

TEST_REFERENCE = "TST-000-000"
"""The journey reference printed on test pages; no journey has it."""
TOKEN_BYTES = 24
"""Random bytes of the test page's token: as many as a real handoff token's (192 bits, 32
URL-safe characters; ``sync.domain.handoff.TOKEN_BYTES``, which devices do not import)."""


def test_receipt(
    language: Language,
    columns: Columns,
    public_url: str,
    *,
    now: datetime | None = None,
    token: str | None = None,
    site_name: str = "Counterpart",
) -> Receipt:
    """Return a test receipt: accents, a ruler the width of the paper, a QR code.

    The QR code holds ``{public_url}/c/{token}`` with a random token as long
    as a real one (``TOKEN_BYTES``), so it is as dense as a real handoff code;
    no handoff is issued, so the link answers that it is unknown.

    Args:
        language: The language of the page.
        columns: The printer's width; the ruler line is exactly this long (its
            last character is ``|``), so a wrong width shows as a wrapped or
            short ruler.
        public_url: The central store's public URL, e.g. ``https://continuar.example.gov.pt``.
        now: The date and time to print; the local time now if not given.
        token: The token in the URL; random if not given.
        site_name: The site's name at the top of the page.

    Raises:
        ValueError: ``public_url`` is not an http(s) URL.
    """
    ruler = _ruler(columns)[2:]  # printed after the "- " of a list item
    return Receipt(
        site_name=site_name,
        issued_at=now or datetime.now().astimezone(),
        journey_ref=TEST_REFERENCE,
        language=language,
        kind="test",
        services=(
            ServiceLine(
                service=text(language, "test_service"),
                done=(text(language, "test_done"), ruler),
                todo=(text(language, "test_todo"),),
                bring=(text(language, "test_bring"),),
                continue_at=text(language, "test_continue"),
            ),
        ),
        handoff_url=f"{public_url.rstrip('/')}/c/{token or secrets.token_urlsafe(TOKEN_BYTES)}",
    )


def _ruler(columns: int) -> str:
    marks = (
        "|" if i == columns else str(i // 10 % 10) if i % 10 == 0 else "+" if i % 5 == 0 else "-"
        for i in range(1, columns + 1)
    )
    return "".join(marks)


test_receipt.__test__ = False  # type: ignore[attr-defined]  # not a pytest test, whatever imports it
