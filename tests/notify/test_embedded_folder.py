"""The demo's way: the embedded central store with ``[notify] driver = "file"``; an agency
posts a status over HTTP and the message appears in the folder."""

from __future__ import annotations

import time
from pathlib import Path

import httpx

from sync.central.embedded import EmbeddedCentral
from sync.central.notify.plan import NotifyPlan
from sync.domain.ids import format_reference
from tests.notify.journeys import AGENCY, NAME, SERVICE, Seeder


def test_a_status_posted_over_http_writes_the_message_to_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "messages"
    central = EmbeddedCentral(
        tmp_path / "central.db", notify=NotifyPlan("file", folder=folder, poll_seconds=0.05)
    )
    central.start()
    try:
        journey_id, ref = Seeder(central.store).journey(language="en", address="ana@example.org")
        token = central.store.issue_agency_token(AGENCY)
        posted = httpx.post(
            f"{central.url}/api/v1/journeys/{format_reference(ref)}/status",
            json={"service": SERVICE, "status": "accepted"},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert posted.status_code == 200, posted.text
        deadline = time.monotonic() + 20
        while not list(folder.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.05)
        (written,) = folder.glob("*.eml")
        text = written.read_text(encoding="utf-8")
        assert "To: ana@example.org" in text
        body = text.split("\n\n", 1)[1]
        assert "There is news about your request" in body and format_reference(ref) in body
        assert NAME not in text and "ana@example.org" not in body
        sent = [e for e in central.store.journey_events(journey_id)
                if e.type == "notification.sent"]  # fmt: skip
        assert [e.data["message_id"] for e in sent] == [written.stem]
    finally:
        central.stop()
