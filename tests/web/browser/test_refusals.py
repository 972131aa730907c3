"""What the pages refuse, in Chromium against the served store: each refusal is a clear
page, and nothing is stored (no event of channel ``web``, no file in the documents folder,
no visit cookie)."""

from __future__ import annotations

import secrets
from datetime import timedelta

import pytest
from playwright.sync_api import Page

from sync.central.web.texts import say
from sync.central.web.uploads import megabytes
from sync.domain.handoff import TOKEN_BYTES, token_from_bytes
from tests.web.browser import files
from tests.web.browser.conftest import ContextFactory
from tests.web.browser.elsewhere import another_site, forging_page
from tests.web.browser.pages import (
    RIGHT,
    confirm,
    error_targets,
    go,
    heading,
    send,
    type_date,
)
from tests.web.browser.served import UPLOAD_MAX_BYTES, ServedCentral
from tests.web.seed import Seeded

WRONG = ("1", "1", "1990")
DISABILITY = "health.disability-assessment"
REQUEST_STEP = f"/journey/{DISABILITY}/step/request"
FILE_FIELD = "#f-health-medical-report-file"


def no_visit(central: ServedCentral, page: Page) -> None:
    """The browser holds no visit: no cookie, and the journey's page says the visit ended."""
    assert "cp_visit" not in {c["name"] for c in page.context.cookies()}
    ended = go(page, central.url + "/journey")
    assert ended.status == 401
    assert heading(page) == say("pt", "expired.title")


def test_five_wrong_dates_lock_the_link_and_then_the_right_date_is_refused_too(
    fresh_central: ServedCentral, page: Page
) -> None:
    seeded = fresh_central.seed()
    link = fresh_central.link(seeded.token)
    # A second tab keeps the form open, to try the right date once the link is locked.
    later = page.context.new_page()
    go(later, link)
    page.bring_to_front()  # a tab behind is slowed down by Chromium
    go(page, link)
    for left in (4, 3, 2, 1):
        type_date(page, "dob", WRONG)
        wrong = send(page)
        assert wrong.status == 400
        assert error_targets(page) == ["#dob-day"]
        assert say("pt", "dob.wrong", left=left) in page.inner_text(".error-summary")
    type_date(page, "dob", WRONG)
    locked = send(page)
    assert locked.status == 429
    assert heading(page) == say("pt", "locked.title")
    assert page.locator("form[action='/c/confirm']").count() == 0

    later.bring_to_front()
    type_date(later, "dob", RIGHT)
    sixth = send(later)
    assert sixth.status == 429
    assert heading(later) == say("pt", "locked.title")
    assert go(page, link).status == 429  # the link itself stays locked

    assert fresh_central.web_events(seeded.journey_id) == []
    audited = [e["action"] for e in fresh_central.store.audit_entries(seeded.journey_id)]
    assert "confirm.locked" in audited
    no_visit(fresh_central, page)


def _cannot(central: ServedCentral, page: Page, token: str) -> str:
    shown = go(page, f"{central.url}/c/{token}")
    assert shown.status == 404, token
    assert heading(page) == say("pt", "cannot.title")
    assert page.locator("form[action='/c/confirm']").count() == 0
    return page.inner_text("main").replace(token, "TOKEN")


def _confirm_anyway(central: ServedCentral, page: Page, token: str) -> int:
    """Post the right date for ``token`` with a valid CSRF token (taken from the short
    address's form), as someone who kept an old confirm page would."""
    go(page, central.url + "/")
    csrf = page.locator("input[name=csrftoken]").first.get_attribute("value")
    assert csrf
    day, month, year = RIGHT
    answer = page.request.post(
        central.url + "/c/confirm",
        form={"csrftoken": csrf, "token": token, "day": day, "month": month, "year": year},
        max_redirects=0,
    )
    assert say("pt", "cannot.title") in answer.text()
    return answer.status


def test_expired_revoked_tampered_and_unknown_links_get_one_page_and_open_nothing(
    central: ServedCentral, page: Page
) -> None:
    expired = central.seed(expires_in=timedelta(days=-1))
    revoked = central.seed()
    central.revoke(revoked)
    live = central.seed()
    last = live.token[-1]
    tampered = live.token[:-1] + ("B" if last != "B" else "C")
    unknown = token_from_bytes(secrets.token_bytes(TOKEN_BYTES))
    documents = central.stored_documents()

    shown = {
        name: _cannot(central, page, token)
        for name, token in [
            ("expired", expired.token),
            ("revoked", revoked.token),
            ("tampered", tampered),
            ("unknown", unknown),
            ("not a token", "not-a-token"),
        ]
    }
    assert len(set(shown.values())) == 1, shown  # says nothing of whether a journey exists
    page_text = next(iter(shown.values()))
    assert "Maria" not in page_text and "saúde" not in page_text

    for token in (expired.token, revoked.token, tampered, unknown):
        assert _confirm_anyway(central, page, token) == 404
    for seeded in (expired, revoked, live):
        assert central.web_events(seeded.journey_id) == []
    assert central.stored_documents() == documents
    no_visit(central, page)


def test_a_form_posted_from_another_site_without_the_csrf_token_is_refused(
    central: ServedCentral, page: Page
) -> None:
    seeded = central.seed()
    go(page, central.link(seeded.token))  # the citizen has the page open: its cookies are set
    day, month, year = RIGHT
    forged = forging_page(
        central.url + "/c/confirm",
        {"token": seeded.token, "day": day, "month": month, "year": year},
    )
    with another_site(forged) as address:
        with page.expect_response(lambda r: r.url == central.url + "/c/confirm") as posted:
            page.goto(address)
        refused = posted.value
        page.wait_for_load_state()
    assert refused.status == 403
    assert refused.request.headers.get("origin", "").startswith("http://localhost:")
    assert heading(page) == say("pt", "csrf.title")
    assert say("pt", "csrf.body") in page.inner_text("main")

    # The same post without the token from a script of our own origin: refused too.
    direct = page.request.post(
        central.url + "/c/confirm",
        form={"token": seeded.token, "day": day, "month": month, "year": year},
        max_redirects=0,
    )
    assert direct.status == 403
    assert central.web_events(seeded.journey_id) == []
    no_visit(central, page)


def _request_step(central: ServedCentral, contexts: ContextFactory) -> tuple[Seeded, Page]:
    seeded = central.seed(services=(DISABILITY,))
    page = contexts().new_page()
    assert confirm(page, central.link(seeded.token)).url == central.url + "/journey"
    go(page, central.url + REQUEST_STEP)
    page.fill("#f-health-user-number", "123456789")
    page.fill("#f-health-condition", "I cannot walk far without pain.")
    page.fill("#f-citizen-phone", "+351 912 345 678")
    return seeded, page


UPLOADS = {
    "just over the limit": (files.pdf(UPLOAD_MAX_BYTES + 64 * 1024), 400, "upload.too_big"),
    "far over the limit": (files.pdf(3 * UPLOAD_MAX_BYTES), 413, "upload.too_big"),
    "an executable named x.pdf": (files.executable(), 400, "upload.bad_type"),
    "a text file named x.pdf": (files.text(), 400, "upload.bad_type"),
}


@pytest.mark.parametrize("kind", list(UPLOADS))
def test_an_oversized_or_disguised_upload_is_refused_beside_its_field(
    central: ServedCentral, contexts: ContextFactory, kind: str
) -> None:
    data, status, message = UPLOADS[kind]
    seeded, page = _request_step(central, contexts)
    held = central.web_events(seeded.journey_id)
    assert [e.type for e in held] == ["handoff.redeemed"]
    documents = central.stored_documents()

    page.set_input_files(FILE_FIELD, files=files.named("x.pdf", data, "application/pdf"))
    refused = send(page)

    assert refused.status == status, kind
    assert FILE_FIELD in error_targets(page)
    beside = page.inner_text(f"{FILE_FIELD}-error")
    if message == "upload.too_big":
        size, most = megabytes(len(data), "pt"), megabytes(UPLOAD_MAX_BYTES, "pt")
        assert say("pt", message, size=size, max=most) in beside
    else:
        assert say("pt", message, types="PDF, JPEG, PNG") in beside
    assert central.web_events(seeded.journey_id) == held
    assert central.stored_documents() == documents
