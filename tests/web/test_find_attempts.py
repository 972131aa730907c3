"""The short address printed on the receipt (reference and date of birth at ``/find``)
has the same attempt limits as the QR link: each wrong date says how many tries are
left, five lock that journey's way in, and then even the right date is refused
(issue 14, item 8)."""

from __future__ import annotations

import httpx

from tests.web.conftest import Site
from tests.web.seed import Seeded, seed_journey


def _find(site: Site, seeded: Seeded, day: str) -> httpx.Response:
    start = site.client.get("/")
    return site.client.post("/find", data={
        "csrftoken": site.form_token(start.text), "ref": seeded.shown_ref,
        "day": day, "month": "4", "year": "1958",
    })  # fmt: skip


def test_five_wrong_dates_at_the_short_address_lock_it_and_the_right_one_too(
    site: Site,
) -> None:
    seeded = seed_journey(site.store)
    left = []
    for day in ("1", "2", "3", "4"):
        answer = _find(site, seeded, day)
        assert answer.status_code == 400
        left += [n for n in ("4", "3", "2", "1") if f"mais {n} vez" in answer.text]
    assert left == ["4", "3", "2", "1"]
    locked = _find(site, seeded, "5")
    assert "Tente mais tarde" in locked.text and "bloqueada" in locked.text
    right = _find(site, seeded, "23")  # the right date of birth, now too late
    assert "Tente mais tarde" in right.text
    assert not site.client.cookies.get("cp_visit")
    assert site.client.get("/journey").status_code == 401


def test_the_right_date_at_the_short_address_opens_the_journey(site: Site) -> None:
    seeded = seed_journey(site.store)
    assert _find(site, seeded, "1").status_code == 400
    opened = _find(site, seeded, "23")
    assert opened.status_code == 303 and opened.headers["location"] == "/journey"
    assert site.client.get("/journey").status_code == 200
