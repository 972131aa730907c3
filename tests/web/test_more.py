"""What else you may need: offers of the journey's life circumstances, added only by a click."""

from __future__ import annotations

import re

from tests.domain.factory import SimDevice, new_journey_id
from tests.web.conftest import Site
from tests.web.seed import BIRTH_DATE, enrolled, seed_journey
from tests.web.visiting import open_visit, token_of, web_events

CENTRE = "health.change-health-centre"  # moving house
TAX_MOVE = "tax.change-of-address"  # moving house too; one step, allowed at home
DEATH = "civil-registry.death-registration"  # death in the family; no step at home


def _add(site: Site, service: str) -> tuple[int, str, str]:
    answer = site.client.post("/journey/more/add", data={
        "csrftoken": token_of(site, "/journey/more"), "service": service})  # fmt: skip
    return answer.status_code, answer.headers.get("location", ""), answer.text


def test_the_services_of_the_same_circumstance_are_offered_with_a_sentence(site: Site) -> None:
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    page = site.client.get("/journey/more", params={"lang": "en"})
    assert page.status_code == 200
    catalogue = site.web.catalogue()
    tax = catalogue.services[TAX_MOVE]
    assert tax.name.en in page.text and tax.summary.en in page.text
    assert "Because of: " + catalogue.circumstances["moving-house"].name.en in page.text
    assert f'name="service" value="{TAX_MOVE}"' in page.text
    assert f'name="service" value="{CENTRE}"' not in page.text  # already the journey's
    assert web_events(site, seeded.journey_id) == []  # looking adds nothing


def test_adding_one_records_service_added_on_the_web(site: Site) -> None:
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    status, location, _ = _add(site, TAX_MOVE)
    assert (status, location) == (303, f"/journey/more?added={TAX_MOVE}")
    (added,) = web_events(site, seeded.journey_id)
    assert (added.type, added.channel, added.actor) == ("service.added", "web", "citizen")
    assert added.data == {"service": TAX_MOVE}
    page = site.client.get(location)
    assert 'role="status"' in page.text
    assert f'name="service" value="{TAX_MOVE}"' not in page.text
    journey = site.client.get("/journey")
    assert f"/journey/{TAX_MOVE}/step/" in journey.text


def test_a_service_without_a_step_at_home_is_offered_at_a_visit_only(site: Site) -> None:
    seeded = seed_journey(site.store, services=("tax.inheritance",))
    open_visit(site, seeded.token)
    page = site.client.get("/journey/more", params={"lang": "en"})
    death = site.web.catalogue().services[DEATH]
    section = re.search(rf'<section class="offer" aria-labelledby="offer-{re.escape(DEATH)}">'
                        r".*?</section>", page.text, re.S)  # fmt: skip
    assert section and death.name.en in section.group(0)
    assert "starts at a service counter" in section.group(0) and "Bring with you" in section.group(
        0
    )
    assert "/journey/more/add" not in section.group(0)
    status, _, text = _add(site, DEATH)
    assert status == 400 and 'href="#offers"' in text
    assert web_events(site, seeded.journey_id) == []


def test_a_service_not_offered_is_never_added(site: Site) -> None:
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    for service in (CENTRE, "tax.joint-taxation", "no.such-service", ""):
        status, _, _ = _add(site, service)
        assert status == 400, service
    assert web_events(site, seeded.journey_id) == []
    refused = site.client.post("/journey/more/add", data={"service": TAX_MOVE})  # no CSRF token
    assert refused.status_code == 403
    assert web_events(site, seeded.journey_id) == []


def test_adding_one_whose_answers_are_held_completes_its_step_in_the_same_action(
    site: Site,
) -> None:
    answers = {
        "citizen.national_number": "123456789",
        "tax.number": "123456789",
        "address.new": "Rua Nova 5, 1000-001 Lisboa",
        "address.move_date": "2026-11-01",
    }
    seeded = seed_journey(site.store, services=(CENTRE,), answers=answers)  # fmt: skip
    open_visit(site, seeded.token)
    assert _add(site, TAX_MOVE)[0] == 303
    written = web_events(site, seeded.journey_id)
    assert [(e.type, dict(e.data)) for e in written] == [
        ("service.added", {"service": TAX_MOVE}),
        ("step.completed", {"service": TAX_MOVE, "step": "new-address"}),
    ]


def _submitted_before(site: Site, service: str, national_number: str) -> None:
    """An earlier journey, at another counter, in which a citizen submitted ``service``."""
    device = enrolled(site.store, "counter-2")
    counter = SimDevice("counter-2", journey_id=new_journey_id(national_number),
                        site_id=device.site_id)  # fmt: skip
    events = [counter.start(language="pt")]
    events.append(counter.event("citizen.identified", {
        "method": "card", "name": "Maria da Conceição Silva", "birth_date": BIRTH_DATE,
        "national_number": national_number,
    }))  # fmt: skip
    events.append(counter.event("consent.given", {"purposes": ["services"]}))
    events.append(counter.event("service.added", {"service": service}))
    events.append(counter.event("service.submitted", {"service": service}))
    assert site.store.push(device, [e.to_dict() for e in events]).stored == len(events)


def test_a_service_the_citizen_submitted_in_an_earlier_journey_is_not_offered_again(
    site: Site,
) -> None:
    _submitted_before(site, TAX_MOVE, "123456789")  # the seeded citizen's number
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    page = site.client.get("/journey/more", params={"lang": "en"})
    assert page.status_code == 200
    assert f'name="service" value="{TAX_MOVE}"' not in page.text
    assert site.web.catalogue().services[TAX_MOVE].name.en not in page.text
    assert _add(site, TAX_MOVE)[0] == 400  # nor added by a hand-made request
    assert web_events(site, seeded.journey_id) == []


def test_what_another_citizen_submitted_is_still_offered(site: Site) -> None:
    _submitted_before(site, TAX_MOVE, "987654321")  # the same name, another person
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    page = site.client.get("/journey/more", params={"lang": "en"})
    assert f'name="service" value="{TAX_MOVE}"' in page.text
