"""The permissions page: purposes explained, one withdrawn at a time; ``services`` refused,
``handoff`` confirmed and then the end of continuing at home."""

from __future__ import annotations

from sync.domain.consent import WITHDRAWN_REASON
from sync.domain.events import Event
from tests.domain.factory import SimDevice
from tests.web.conftest import Site
from tests.web.seed import Seeded, enrolled, seed_journey
from tests.web.visiting import open_visit, token_of, web_events

ALL = ("services", "handoff", "contact")


def _seeded(site: Site, consents: tuple[str, ...] = ALL) -> Seeded:
    seeded = seed_journey(site.store, consents=consents)
    open_visit(site, seeded.token)
    return seeded


def _withdraw(site: Site, purpose: str, **extra: str) -> tuple[int, str, str]:
    token = token_of(site, "/journey/consent")
    answer = site.client.post("/journey/consent/withdraw",
                              data={"csrftoken": token, "purpose": purpose, **extra})  # fmt: skip
    return answer.status_code, answer.headers.get("location", ""), answer.text


def test_the_page_explains_each_purpose_and_offers_no_withdrawal_of_services(site: Site) -> None:
    _seeded(site, ("services", "handoff"))
    page = site.client.get("/journey/consent", params={"lang": "en"})
    assert page.status_code == 200
    text = page.text
    assert "Handle your request" in text and "Continue at home" in text
    assert "Permissions you did not give" in text and "Messages about your request" in text
    assert 'name="purpose" value="handoff"' in text
    assert 'name="purpose" value="services"' not in text
    assert "without it we cannot handle your request" in text
    assert 'href="/journey/consent"' in text and 'href="/journey/reads"' in text  # the nav


def test_withdrawing_contact_records_it_on_the_web_as_the_citizen(site: Site) -> None:
    seeded = _seeded(site)
    status, location, _ = _withdraw(site, "contact")
    assert (status, location) == (303, "/journey/consent?withdrawn=contact")
    (withdrawn,) = web_events(site, seeded.journey_id)
    assert (withdrawn.type, withdrawn.channel, withdrawn.actor) == (
        "consent.withdrawn", "web", "citizen")  # fmt: skip
    assert withdrawn.data == {"purposes": ["contact"]}
    page = site.client.get(location)
    assert 'role="status"' in page.text and "Mensagens sobre o pedido" in page.text
    assert 'name="purpose" value="contact"' not in page.text


def test_withdrawing_services_is_refused_with_the_way_to_stop(site: Site) -> None:
    seeded = _seeded(site)
    status, _, text = _withdraw(site, "services")
    assert status == 409
    assert "não pode ser retirada aqui" in text and seeded.shown_ref in text
    assert web_events(site, seeded.journey_id) == []
    assert "services" in site.store.journey_state(seeded.journey_id).consents


def test_an_unknown_purpose_or_one_not_given_changes_nothing(site: Site) -> None:
    seeded = _seeded(site, ("services", "handoff"))
    for purpose in ("contact", "everything", ""):
        status, _, text = _withdraw(site, purpose)
        assert status == 400, purpose
        assert 'href="#purposes"' in text and "Escolha uma autorização que deu" in text
    assert web_events(site, seeded.journey_id) == []


def test_a_withdrawal_without_the_csrf_token_is_refused(site: Site) -> None:
    seeded = _seeded(site)
    refused = site.client.post("/journey/consent/withdraw", data={"purpose": "contact"})
    assert refused.status_code == 403
    assert web_events(site, seeded.journey_id) == []


def test_withdrawing_handoff_asks_first_then_ends_the_link_and_the_visit(site: Site) -> None:
    seeded = _seeded(site)
    status, _, text = _withdraw(site, "handoff")
    assert status == 200 and 'name="confirmed" value="yes"' in text
    assert web_events(site, seeded.journey_id) == []  # asked, not done
    status, _, text = _withdraw(site, "handoff", confirmed="yes")
    assert status == 200 and seeded.shown_ref in text
    assert "journey-nav" not in text  # signed out: no journey links
    types = [(e.type, e.actor) for e in web_events(site, seeded.journey_id)]
    assert types == [("consent.withdrawn", "citizen"), ("handoff.revoked", "citizen")]
    revoked = web_events(site, seeded.journey_id)[1]
    assert revoked.data == {"handoff_id": seeded.handoff_id, "reason": WITHDRAWN_REASON}
    assert not site.client.cookies.get("cp_visit")
    assert site.client.get("/journey").status_code == 401
    assert site.client.get(f"/c/{seeded.token}").status_code == 404  # the link is off


def test_handoff_withdrawn_at_a_counter_ends_the_visit_and_the_reference_opens_none(
    site: Site,
) -> None:
    seeded = _seeded(site)
    assert site.client.get("/journey").status_code == 200
    device = enrolled(site.store, "counter-2", "lisboa")
    counter = SimDevice("counter-2", journey_id=seeded.journey_id, site_id="lisboa")
    counter.receive(site.store.journey_events(seeded.journey_id))
    withdrawn: Event = counter.event("consent.withdrawn", {"purposes": ["handoff"]})
    assert site.store.push(device, [withdrawn.to_dict()]).stored == 1
    assert site.client.get("/journey").status_code == 401
    site.client.cookies.clear()
    start = site.client.get("/")
    answer = site.client.post("/find", data={
        "csrftoken": site.form_token(start.text), "ref": seeded.shown_ref,
        "day": "23", "month": "4", "year": "1958",
    })  # fmt: skip
    assert answer.status_code == 403
    assert "não pode ser continuado em casa" in answer.text
    assert not site.client.cookies.get("cp_visit")


def test_a_withdrawal_notice_is_shown_only_for_a_purpose_not_held(site: Site) -> None:
    _seeded(site)
    page = site.client.get("/journey/consent?withdrawn=contact")
    assert 'role="status"' not in page.text  # contact is still given


def test_contact_is_given_at_home_with_the_address_and_a_bad_one_changes_nothing(
    site: Site,
) -> None:
    seeded = _seeded(site, ("services", "handoff"))
    token = token_of(site, "/journey/consent")
    bad = site.client.post("/journey/consent/contact",
                           data={"csrftoken": token, "address": "912 345"})  # fmt: skip
    assert bad.status_code == 400
    assert 'href="#contact-address"' in bad.text and "+351 912 345 678" in bad.text
    assert web_events(site, seeded.journey_id) == []
    token = token_of(site, "/journey/consent")
    good = site.client.post("/journey/consent/contact",
                            data={"csrftoken": token, "address": "+351 912 345 678"})  # fmt: skip
    assert (good.status_code, good.headers["location"]) == (303, "/journey/consent")
    (given,) = web_events(site, seeded.journey_id)
    assert given.data == {"purposes": ["contact"], "channel": "sms", "address": "+351912345678"}
    page = site.client.get("/journey/consent", params={"lang": "en"})
    assert "We now send them by text message." in page.text
    assert "+351912345678" not in page.text and 'name="purpose" value="contact"' in page.text
