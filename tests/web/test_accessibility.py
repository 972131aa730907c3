"""The accessibility statement and the report form: without a visit, in every language;
a report kept for the operator, nothing kept from a bad or too frequent one."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import httpx
import pytest

from sync.central.asgi import create_app
from sync.central.store.reports import report_problems, without_tokens
from tests.sync.inprocess import SyncASGITransport
from tests.web.conftest import Site
from tests.web.visiting import token_of

GOOD = {"wants": "problem", "page": "Your request", "problem": "The button is hidden",
        "contact": "ana@example.org"}  # fmt: skip


def _send(site: Site, **fields: str) -> tuple[int, str, str]:
    answer = site.client.post("/accessibility/report",
                              data={"csrftoken": token_of(site, "/accessibility/report"),
                                    **fields})  # fmt: skip
    return answer.status_code, answer.headers.get("location", ""), answer.text


@pytest.mark.parametrize(
    ("lang", "words"),
    [("pt", "Estado de conformidade"), ("en", "Compliance status"), ("es", "Situación de cumpli")],
)
def test_the_statement_needs_no_visit_and_says_what_the_directive_asks(
    site: Site, lang: str, words: str
) -> None:
    page = site.client.get("/accessibility", params={"lang": lang})
    assert page.status_code == 200
    assert words in page.text and "2016/2102" in page.text and "WCAG" in page.text
    assert "axe-core" in page.text and "Chromium" in page.text
    assert site.web.operator in page.text
    assert 'href="/accessibility/report"' in page.text
    levels = [int(h) for h in re.findall(r"<h([1-6])", page.text.split("<main", 1)[1])]
    assert levels[0] == 1 and all(b - a <= 1 for a, b in pairwise(levels))


def test_the_statement_names_the_contact_when_configured(site: Site) -> None:
    web = replace(site.web, accessibility_contact="acessibilidade@example.org")
    app = create_app("", store=site.store, web=web)
    with httpx.Client(transport=SyncASGITransport(app), base_url="http://testserver") as client:
        page = client.get("/accessibility", params={"lang": "en"})
    assert 'href="mailto:acessibilidade@example.org"' in page.text


def test_a_report_is_kept_for_the_operator(site: Site) -> None:
    status, location, _ = _send(site, **GOOD)
    assert (status, location) == (303, "/accessibility/report/sent?answer=yes")
    (kept,) = site.store.accessibility_reports()
    assert (kept.page, kept.wants, kept.problem, kept.contact, kept.language) == (
        "Your request", "problem", "The button is hidden", "ana@example.org", "pt")  # fmt: skip
    sent = site.client.get(location + "&lang=en")
    assert "We will answer you using the contact you left." in sent.text


def test_a_format_asked_for_needs_no_description_nor_contact(site: Site) -> None:
    status, location, _ = _send(site, wants="easy_read", page="Check your answers")
    assert (status, location) == (303, "/accessibility/report/sent?answer=no")
    (kept,) = site.store.accessibility_reports()
    assert (kept.wants, kept.problem, kept.contact) == ("easy_read", "", None)


def test_a_report_missing_what_it_needs_keeps_nothing_and_says_why(site: Site) -> None:
    status, _, text = _send(site, wants="", page="", problem="", contact="ana@example.org")
    assert status == 400
    assert 'href="#wants"' in text and 'href="#page"' in text
    assert 'value="ana@example.org"' in text  # what was typed is kept in the form
    status, _, text = _send(site, wants="problem", page="Your request", problem=" ")
    assert status == 400 and 'href="#problem"' in text
    status, _, text = _send(site, wants="everything", page="x", problem="y")
    assert status == 400 and 'href="#wants"' in text
    status, _, text = _send(site, **{**GOOD, "page": "x" * 201})
    assert status == 400 and "200" in text
    assert site.store.accessibility_reports() == []


def test_a_receipt_link_pasted_as_the_page_keeps_no_token(site: Site) -> None:
    link = "http://testserver/c/AbCdEfGhIjKlMnOpQrStUvWxYz012345"
    assert _send(site, **{**GOOD, "page": link, "problem": f"see {link}"})[0] == 303
    (kept,) = site.store.accessibility_reports()
    assert "AbCdEf" not in kept.page and "AbCdEf" not in kept.problem
    assert kept.page == "http://testserver/c/…"


def test_a_client_sending_too_many_is_told_to_wait_and_nothing_more_is_kept(site: Site) -> None:
    for _ in range(5):
        assert _send(site, **GOOD)[0] == 303
    status, _, text = _send(site, **GOOD)
    assert status == 429 and "Não guardámos esta" in text
    assert len(site.store.accessibility_reports()) == 5


def test_a_report_without_the_csrf_token_is_refused(site: Site) -> None:
    refused = site.client.post("/accessibility/report", data=GOOD)
    assert refused.status_code == 403
    assert site.store.accessibility_reports() == []


def test_the_rules_of_a_report() -> None:
    assert report_problems(**GOOD) == {}
    assert report_problems(wants="audio", page="p", problem="", contact="") == {}
    assert report_problems(wants="other", page="p", problem="", contact="") == {
        "problem": "missing"}  # fmt: skip
    assert report_problems(wants="problem", page="p", problem="x" * 4001, contact="c" * 201) == {
        "problem": "too_long", "contact": "too_long"}  # fmt: skip
    assert without_tokens("/c/short") == "/c/short"  # not a token's length
