"""axe-core on every page the citizen can reach, in Portuguese, English and Spanish: no
violation of WCAG 2.1 A or AA.

The pages are reached as a citizen reaches them (the short address, a link, the
confirm form, the journey's links, errors made on purpose), and then every page that
the journey page links to (its navigation, its content, the footer) is checked too,
so a page added behind a link is covered once it lands.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from sync.catalogue.model import Lang
from sync.central.web.texts import say
from tests.web.browser import files
from tests.web.browser.conftest import ContextFactory
from tests.web.browser.pages import (
    RIGHT,
    WCAG_21_AA,
    assert_accessible,
    go,
    send,
    type_date,
    upload_missing,
)
from tests.web.browser.served import ServedCentral, serve

LANGS: tuple[Lang, ...] = ("pt", "en", "es")
LOCALES = {"pt": "pt-PT", "en": "en-GB", "es": "es-ES"}
CENTRE = "health.change-health-centre"
DISABILITY = "health.disability-assessment"


class Audit:
    """Checks pages in one language and remembers which were checked."""

    def __init__(self, page: Page, lang: Lang) -> None:
        self.page = page
        self.lang = lang
        self.checked: dict[str, str] = {}

    def check(self, name: str) -> None:
        """The page now shown is in the language and has no violation."""
        page = self.page
        assert page.get_attribute("html", "lang") == self.lang, f"{name}: {page.url}"
        assert_accessible(page, f"{name} [{self.lang}]")
        self.checked[name] = urlsplit(page.url).path

    def linked_from_here(self) -> list[str]:
        """The paths of this site that the page links to (language switches left out)."""
        hrefs = self.page.eval_on_selector_all(
            "a[href]", "links => links.map(a => a.href)"
        )  # the resolved address of each
        here = urlsplit(self.page.url)
        found: list[str] = []
        for href in hrefs:
            target = urlsplit(str(href))
            if target.netloc != here.netloc or target.query.startswith("lang="):
                continue
            if target.path not in found:
                found.append(target.path)
        return found


def _journey_pages(audit: Audit, central: ServedCentral) -> None:
    page, lang = audit.page, audit.lang
    go(page, central.url + "/journey/timeline")
    audit.check("timeline")

    go(page, f"{central.url}/journey/{CENTRE}/step/new-centre")
    audit.check("a step")
    assert send(page).status == 400
    assert page.locator(".error-summary").is_visible()
    audit.check("a step with errors")
    go(page, f"{central.url}/journey/{DISABILITY}/step/request")
    audit.check("a step with an upload")
    go(page, f"{central.url}/journey/{DISABILITY}/step/board")
    audit.check("a step that needs a visit")
    assert go(page, f"{central.url}/journey/no.such-service/check").status == 404
    audit.check("not found (signed in)")

    go(page, f"{central.url}/journey/{CENTRE}/step/new-centre")
    page.fill("#f-health-user-number", "123456789")
    page.fill("#f-address-new", "Rua Nova 5\n1000-001 Lisboa")
    page.check("#f-health-centre")
    page.check("#f-health-family-doctor")
    assert send(page).url.endswith(f"/journey/{CENTRE}/check")
    audit.check("check your answers, a document missing")
    page.click(f"main a[href='/journey/{CENTRE}/documents']")
    audit.check("documents to upload")
    go(page, f"{central.url}/journey/{CENTRE}/check")
    upload_missing(page, CENTRE, files.named("fatura.pdf", files.pdf()))
    audit.check("check your answers")
    send(page)
    assert page.locator("h1").inner_text() == say(lang, "sent.title")
    audit.check("sent")


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_meets_wcag_21_aa(
    central: ServedCentral, contexts: ContextFactory, lang: Lang
) -> None:
    page = contexts(lang=LOCALES[lang]).new_page()
    audit = Audit(page, lang)
    # Before any journey: the browser's language decides.
    go(page, central.url + "/")
    audit.check("reference form")
    page.fill("#ref", "not a reference")
    assert send(page).status == 400
    audit.check("reference form with an error")
    assert go(page, central.url + "/c/" + "A" * 32).status == 404
    audit.check("cannot open")

    seeded = central.seed(language="pt", services=(CENTRE, DISABILITY))
    go(page, f"{central.url}/c/{seeded.token}?lang={lang}")  # switched from the journey's pt
    audit.check("confirm")
    assert send(page).status == 400  # nothing typed: no try is counted
    audit.check("confirm with an error")
    page.locator("main form input[name=csrftoken]").evaluate("input => input.remove()")
    assert send(page).status == 403
    audit.check("refused form (CSRF)")

    go(page, central.link(seeded.token))
    type_date(page, "dob", RIGHT)
    assert send(page).url == central.url + "/journey"
    audit.check("journey")
    linked = audit.linked_from_here()
    _journey_pages(audit, central)

    for path in linked:
        if path in audit.checked.values():
            continue
        go(page, central.url + path)  # a page still to come shows "not found": checked too
        audit.check(f"linked from the journey: {path}")

    go(page, central.url + "/journey")
    with page.expect_navigation():
        page.locator("form[action='/sign-out'] button").click()
    audit.check("signed out")
    assert go(page, central.url + "/journey").status == 401
    audit.check("visit ended")
    assert {"/accessibility", "/journey/timeline", "/"} <= set(linked), linked


def test_the_locked_page_meets_wcag_21_aa(fresh_central: ServedCentral, page: Page) -> None:
    seeded = fresh_central.seed()
    go(page, fresh_central.link(seeded.token))
    for _ in range(5):
        type_date(page, "dob", ("1", "1", "1990"))
        send(page)
    for lang in LANGS:
        assert go(page, f"{fresh_central.link(seeded.token)}?lang={lang}").status == 429
        assert page.locator("h1").inner_text() == say(lang, "locked.title")
        assert page.get_attribute("html", "lang") == lang
        assert_accessible(page, f"locked [{lang}]")


def test_the_wait_a_moment_page_meets_wcag_21_aa(tmp_path: Path, page: Page) -> None:
    slow = serve(tmp_path / "central", burst=2, per_second=0.01)
    try:
        unknown = slow.url + "/c/" + "A" * 32
        for _ in range(2):
            go(page, unknown)
        for lang in LANGS:
            assert go(page, f"{unknown}?lang={lang}").status == 429
            assert page.locator("h1").inner_text() == say(lang, "slow.title")
            assert page.get_attribute("html", "lang") == lang
            assert_accessible(page, f"wait a moment [{lang}]")
    finally:
        slow.stop()


def test_the_check_fails_on_a_page_with_violations(page: Page) -> None:
    """The harness sees violations (zero on our pages is not zero checks)."""
    page.set_content(
        "<!DOCTYPE html><html><head><title>x</title></head><body>"
        '<img src="data:,"><input type="text"><p style="color:#bbb;background:#fff">faint</p>'
        "</body></html>"
    )
    with pytest.raises(AssertionError) as failed:
        assert_accessible(page, "a broken page")
    for rule in ("html-has-lang", "image-alt", "label", "color-contrast"):
        assert rule in str(failed.value)
    assert set(WCAG_21_AA) == {"wcag2a", "wcag2aa", "wcag21a", "wcag21aa"}
