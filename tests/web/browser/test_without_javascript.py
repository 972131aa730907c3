"""The pages with JavaScript switched off in Chromium: the short address, the link, the
date of birth, a step with an error and its summary's link, an upload, check your
answers, sending, switching language and signing out all work on plain HTML."""

from __future__ import annotations

from playwright.sync_api import Page

from sync.central.web.texts import say
from tests.web.browser import files
from tests.web.browser.conftest import ContextFactory
from tests.web.browser.pages import (
    RIGHT,
    confirm,
    error_targets,
    go,
    heading,
    send,
    type_date,
    upload_missing,
)
from tests.web.browser.served import ServedCentral

CENTRE = "health.change-health-centre"
DISABILITY = "health.disability-assessment"


def _no_script(contexts: ContextFactory) -> Page:
    """A page whose scripts do not run (checked, not assumed)."""
    page = contexts(javascript=False).new_page()
    page.set_content("<title>before</title><script>document.title = 'ran'</script>")
    assert page.title() == "before"
    return page


def test_the_whole_flow_works_without_javascript(
    central: ServedCentral, contexts: ContextFactory
) -> None:
    page = _no_script(contexts)
    seeded = central.seed(services=(CENTRE, DISABILITY))
    assert confirm(page, central.link(seeded.token)).url == central.url + "/journey"
    assert page.locator("script, noscript").count() == 0  # the pages have none at all

    page.click(f"a[href='/journey/{CENTRE}/step/new-centre']")
    assert send(page).status == 400
    targets = error_targets(page)
    assert targets[0] == "#f-health-user-number"
    page.click(".error-summary a >> nth=0")
    assert page.url.endswith("#f-health-user-number")
    page.fill("#f-health-user-number", "123456789")
    page.fill("#f-address-new", "Rua Nova 5\n1000-001 Lisboa")
    page.check("#f-health-centre")
    page.check("#f-health-family-doctor")
    assert send(page).url == f"{central.url}/journey/{CENTRE}/check"
    assert upload_missing(page, CENTRE, files.named("fatura.pdf", files.pdf())) == [
        "proof-of-address"
    ]
    send(page)
    assert heading(page) == say("pt", "sent.title")

    go(page, f"{central.url}/journey/{DISABILITY}/step/request")
    page.fill("#f-health-condition", "I cannot walk far without pain.")
    page.fill("#f-citizen-phone", "+351 912 345 678")
    page.set_input_files(
        "#f-health-medical-report-file",
        files=files.named("scan.png", files.png(), "image/png"),
    )
    assert send(page).status == 200
    types = [e.type for e in central.web_events(seeded.journey_id)]
    assert "service.submitted" in types and "document.uploaded" in types

    page.click("a[hreflang=en]")
    assert page.get_attribute("html", "lang") == "en"
    with page.expect_navigation():
        page.locator("form[action='/sign-out'] button").click()
    assert heading(page) == say("en", "signed_out.title")
    assert "cp_visit" not in {c["name"] for c in page.context.cookies()}


def test_the_short_address_opens_a_journey_without_javascript(
    central: ServedCentral, contexts: ContextFactory
) -> None:
    page = _no_script(contexts)
    seeded = central.seed()
    go(page, central.url + "/")
    page.fill("#ref", seeded.shown_ref)
    type_date(page, "dob", RIGHT)
    assert send(page).url == central.url + "/journey"
    assert seeded.shown_ref in heading(page)  # as the receipt prints it: K7Q-4M2-XP9
