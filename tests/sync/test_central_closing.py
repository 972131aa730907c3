"""The central store closes a journey when an agency's final status leaves nothing to do."""

from __future__ import annotations

from typing import Any

from tests.sync.conftest import Central
from tests.sync.factory import Maker


def _post(central: Central, agency: str, ref: str, service: str, status: str) -> Any:
    posted = central.http.post(
        f"/api/v1/journeys/{ref}/status",
        json={"service": service, "status": status},
        headers={"Authorization": f"Bearer {agency}"},
    )
    assert posted.status_code == 200, posted.text
    return posted.json()


def test_a_final_status_on_the_last_open_service_closes_the_journey(central: Central) -> None:
    counter = central.enrol("counter-1")
    dev = Maker("counter-1")
    start = dev.start()
    added = [dev.event("service.added", {"service": s}) for s in ("tax.a", "tax.b")]
    submitted = dev.event("service.submitted", {"service": "tax.a"})
    central.push(counter, [e.to_dict() for e in (start, *added, submitted)])
    agency = central.store.issue_agency_token("tax")
    ref = start.data["ref"]
    _post(central, agency, ref, "tax.b", "In review")  # not final: still open
    kinds = [e["type"] for e in central.pull(counter).json()["events"]]
    assert kinds == ["status.changed"]
    _post(central, agency, ref, "tax.b", "Approved")  # final, and tax.a was submitted
    pulled = central.pull(counter).json()["events"]
    assert [(e["type"], e["data"]) for e in pulled][-2:] == [
        ("status.changed", {"service": "tax.b", "status": "Approved"}),
        ("journey.closed", {"reason": "completed"}),
    ]
