"""Who has looked at the journey: every audited read, as a role and a site, no login."""

from __future__ import annotations

from sync.domain.identity import Identity
from tests.web.conftest import Site
from tests.web.seed import BIRTH_DATE, enrolled, seed_journey
from tests.web.visiting import open_visit


def test_every_audited_read_is_shown_by_role_and_site_without_logins(site: Site) -> None:
    seeded = seed_journey(site.store)
    porto = enrolled(site.store, "counter-9", "porto")
    site.store.fetch(porto, seeded.ref, operator="ana.m")
    site.store.record_status("health", seeded.ref, "health.change-health-centre", "accepted", None)
    open_visit(site, seeded.token)
    before = site.store.audit_entries(seeded.journey_id)
    page = site.client.get("/journey/reads", params={"lang": "en"})
    assert page.status_code == 200
    text = page.text
    assert "A mediator at a service counter" in text and "Site porto" in text
    assert "Opened your request by its reference" in text
    assert "The back office of" in text and "posted its status" in text
    assert "ana.m" not in text and "counter-9" not in text
    assert "Site lisboa" in text  # where it is kept: the counter that started it
    # Reading the page is not itself recorded as a read.
    assert site.store.audit_entries(seeded.journey_id) == before


def test_a_journey_nobody_else_opened_says_so(site: Site) -> None:
    seeded = seed_journey(site.store)
    open_visit(site, seeded.token)
    page = site.client.get("/journey/reads", params={"lang": "en"})
    assert "Nobody else has opened your request." in page.text


def test_a_locked_link_is_shown_as_someone_with_the_link(site: Site) -> None:
    seeded = seed_journey(site.store)
    for _ in range(5):
        page = site.client.get(f"/c/{seeded.token}")
        if page.status_code != 200:
            break
        site.client.post("/c/confirm", data={
            "csrftoken": site.form_token(page.text), "token": seeded.token,
            "day": "1", "month": "1", "year": "1990",
        })  # fmt: skip
    # Fifteen minutes later (the lock cleared by hand here) the right date opens it.
    site.store.cleared_confirmation([f"handoff:{seeded.handoff_id}", "client:127.0.0.1"])
    open_visit(site, seeded.token)
    page = site.client.get("/journey/reads", params={"lang": "en"})
    assert "Someone with your link (perhaps you)" in page.text


def test_a_card_lookup_at_another_counter_is_shown_with_its_reason(site: Site) -> None:
    seeded = seed_journey(site.store)
    porto = enrolled(site.store, "counter-9", "porto")
    card = Identity(name="MARIA DA CONCEICAO SILVA", birth_date=BIRTH_DATE)
    assert [j.journey_id for j in site.store.lookup(porto, card, "ana.m")] == [seeded.journey_id]
    open_visit(site, seeded.token)
    text = site.client.get("/journey/reads", params={"lang": "en"}).text
    assert "Read your card and saw this request was open" in text and "Site porto" in text
    assert "ana.m" not in text and "counter-9" not in text
