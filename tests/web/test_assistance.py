"""Asking for help from the step and journey pages: ``assistance.requested`` with where the
citizen was, a calm page after it, and nothing recorded from a stale or forged form."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import Site
from tests.web.seed import seed_journey
from tests.web.visiting import open_visit, token_of, web_events

CENTRE = "health.change-health-centre"
STEP = f"/journey/{CENTRE}/step/new-centre"


def _help_form(html: str) -> dict[str, str]:
    found = re.search(r'<form method="post" action="/journey/help".*?</form>', html, re.S)
    assert found, "the page has no help form"
    return dict(re.findall(r'name="([^"]+)" value="([^"]*)"', found.group(0)))


def test_help_from_a_step_names_the_step_and_says_to_come_to_a_counter(site: Site) -> None:
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    form = _help_form(site.client.get(STEP).text)
    assert {k: v for k, v in form.items() if k != "csrftoken"} == {
        "screen": "step", "service": CENTRE, "step": "new-centre"}  # fmt: skip
    answer = site.client.post("/journey/help", data=form)
    assert (answer.status_code, answer.headers["location"]) == (303, "/journey/help")
    (asked,) = web_events(site, seeded.journey_id)
    assert (asked.type, asked.channel, asked.actor) == ("assistance.requested", "web", "citizen")
    assert asked.data == {"screen": "step", "service": CENTRE, "step": "new-centre"}
    page = site.client.get("/journey/help", params={"lang": "en"})
    assert page.status_code == 200
    assert "A mediator will see your request for help" in page.text
    assert "did not allow messages" in page.text and seeded.shown_ref in page.text
    assert f'href="{STEP}"' in page.text
    site.client.get("/journey/help")  # seeing it again asks nothing more
    assert len(web_events(site, seeded.journey_id)) == 1


def test_help_from_the_journey_page_with_contact_consent(site: Site) -> None:
    seeded = seed_journey(site.store, consents=("services", "handoff", "contact"))
    open_visit(site, seeded.token)
    form = _help_form(site.client.get("/journey").text)
    assert form["screen"] == "journey" and "service" not in form
    assert site.client.post("/journey/help", data=form).status_code == 303
    (asked,) = web_events(site, seeded.journey_id)
    assert asked.data == {"screen": "journey"}
    page = site.client.get("/journey/help", params={"lang": "en"})
    assert "we may contact you" in page.text


@pytest.mark.parametrize(
    "fields",
    [
        {"screen": "step", "service": "tax.change-of-address", "step": "new-address"},
        {"screen": "step", "service": CENTRE, "step": "no-such-step"},
        {"screen": "settings"},
        {"screen": ""},
        {"screen": "step", "step": "new-centre"},
    ],
)
def test_a_stale_or_forged_help_form_records_nothing(site: Site, fields: dict[str, str]) -> None:
    seeded = seed_journey(site.store, services=(CENTRE,))
    open_visit(site, seeded.token)
    answer = site.client.post("/journey/help", data={"csrftoken": token_of(site, "/journey"),
                                                     **fields})  # fmt: skip
    assert answer.status_code == 400
    assert "Não enviámos nada" in answer.text
    assert web_events(site, seeded.journey_id) == []


def test_no_help_asked_yet_goes_back_to_the_journey(site: Site) -> None:
    seeded = seed_journey(site.store)
    open_visit(site, seeded.token)
    answer = site.client.get("/journey/help")
    assert (answer.status_code, answer.headers["location"]) == (303, "/journey")


def test_help_after_the_visit_ended_records_nothing(site: Site) -> None:
    seeded = seed_journey(site.store)
    open_visit(site, seeded.token)
    form = _help_form(site.client.get("/journey").text)
    site.client.post("/sign-out", data={"csrftoken": form["csrftoken"]})
    answer = site.client.post("/journey/help", data=form)
    assert answer.status_code == 401
    assert web_events(site, seeded.journey_id) == []
