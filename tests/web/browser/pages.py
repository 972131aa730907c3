"""What a citizen does on the pages, in the browser: open a link, type the date of birth,
send a form, upload the documents a service still misses; and the checks every page gets
(axe-core, the language, the error summary)."""

from __future__ import annotations

from typing import Final

from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import FilePayload, Page, Response

from tests.web.seed import BIRTH_DATE

WCAG_21_AA: Final = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
"""The axe-core tags of WCAG 2.1 levels A and AA."""

_AXE: Final = Axe()

DateParts = tuple[str, str, str]


def parts(iso: str) -> DateParts:
    """``1958-04-23`` as a person types it: day, month, year (``23``, ``4``, ``1958``)."""
    year, month, day = iso.split("-")
    return str(int(day)), str(int(month)), year


RIGHT: Final = parts(BIRTH_DATE)
"""The date of birth of every seeded journey, as typed."""


def go(page: Page, url: str) -> Response:
    """Open ``url`` and return the page's response."""
    response = page.goto(url)
    assert response is not None, url
    return response


def send(page: Page) -> Response:
    """Press the main form's button and wait for the page it leads to."""
    with page.expect_navigation() as navigation:
        page.locator("main form:not(.help-form) button[type=submit]").last.click()
    response = navigation.value
    assert response is not None
    return response


def upload_missing(page: Page, service: str, payload: FilePayload) -> list[str]:
    """From a service's check page that names documents still missing: upload ``payload``
    for each on the service's documents page, then go back to the check page through
    the documents page's "Check and send" link. Returns the documents uploaded."""
    with page.expect_navigation():
        page.click(f"main a[href='/journey/{service}/documents']")
    names = page.locator("main form input[name=document]")
    documents = [str(field.get_attribute("value")) for field in names.all()]
    assert documents, page.url
    for document in documents:
        page.set_input_files(f"#doc-{document}", files=payload)
        form = page.locator(f"main form:has(input[name=document][value='{document}'])")
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
    with page.expect_navigation():
        page.click(f"main a.button[href='/journey/{service}/check']")
    return documents


def type_date(page: Page, prefix: str, date: DateParts) -> None:
    """Fill the day, month and year boxes of a GOV.UK date input."""
    for part, value in zip(("day", "month", "year"), date, strict=True):
        page.fill(f"#{prefix}-{part}", value)


def confirm(page: Page, link: str, date: DateParts = RIGHT) -> Response:
    """Open a receipt's link and confirm the date of birth there."""
    opened = go(page, link)
    assert opened.status == 200, f"{link}: {opened.status}"
    type_date(page, "dob", date)
    return send(page)


def error_targets(page: Page) -> list[str]:
    """The fields the error summary links to (``#f-health-user-number``, ...)."""
    links = page.locator(".error-summary a")
    return [str(links.nth(i).get_attribute("href")) for i in range(links.count())]


def heading(page: Page) -> str:
    """The page's one ``h1``."""
    return page.locator("h1").inner_text().strip()


def assert_accessible(page: Page, what: str) -> None:
    """No axe-core violation of WCAG 2.1 A or AA on the page as it is now."""
    options = {
        "runOnly": {"type": "tag", "values": list(WCAG_21_AA)},
        "resultTypes": ["violations"],
    }
    results = _AXE.run(page, options=options)
    assert results.violations_count == 0, f"{what} ({page.url}):\n{results.generate_report()}"
