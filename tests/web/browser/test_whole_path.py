"""The whole path, across real processes: a counter finishes a journey and prints its receipt;
the citizen scans the receipt's QR at home, confirms their date of birth in Chromium,
answers a step (one error first), sends a service and uploads a document; the counter's
``counterpart sync`` brings it back, and the counter's review and timeline show it came
from home."""

from __future__ import annotations

import asyncio
import hashlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import zxingcpp
from PIL import Image
from playwright.sync_api import Page
from textual.widgets import DataTable

from app.counter.app import CounterpartApp
from app.counter.screens.review import ReviewScreen
from app.counter.screens.timeline import TimelineScreen
from app.factory import build_app, close_app, open_store
from app.i18n import tr
from sync.central.web.texts import say
from sync.domain.events import Event
from tests.app.conftest import SIZE, open_from_home, settle, sign_in
from tests.web.browser import files
from tests.web.browser.counter import Counter, enrolled_counter, finish_journey
from tests.web.browser.pages import (
    confirm,
    error_targets,
    go,
    heading,
    parts,
    send,
    upload_missing,
)
from tests.web.browser.served import ServedCentral

CENTRE = "health.change-health-centre"
DISABILITY = "health.disability-assessment"
FROM_HOME = {"handoff.redeemed", "answer.recorded", "step.completed", "service.submitted",
             "document.uploaded"}  # fmt: skip


def scanned(receipt: Path) -> str:
    """The text of the one QR code on the receipt's picture, as a phone camera reads it."""
    with Image.open(receipt) as picture:
        codes = [code for code in zxingcpp.read_barcodes(picture) if code.valid]
    assert len(codes) == 1, f"{receipt}: {len(codes)} codes"
    return str(codes[0].text)


def answer_at_home(
    page: Page, central: ServedCentral, link: str, birth_date: str
) -> dict[str, bytes]:
    """What the citizen does on the phone; returns the documents uploaded, by id."""
    assert confirm(page, link, parts(birth_date)).url == central.url + "/journey"

    page.click(f"a[href='/journey/{CENTRE}/step/new-centre']")
    page.fill("#f-health-user-number", "12345")  # four digits short
    page.fill("#f-address-new", "Rua Nova 5\n1000-001 Lisboa")
    page.check("#f-health-centre")
    page.check("#f-health-family-doctor")
    wrong = send(page)
    assert wrong.status == 400
    assert error_targets(page) == ["#f-health-user-number"]
    assert page.locator("#f-health-user-number-error").is_visible()
    assert page.input_value("#f-address-new") == "Rua Nova 5\n1000-001 Lisboa"  # kept
    page.click(".error-summary a")
    assert page.evaluate("document.activeElement.id") == "f-health-user-number"
    page.fill("#f-health-user-number", "123456789")
    checked = send(page)
    assert checked.url == f"{central.url}/journey/{CENTRE}/check"
    assert "Rua Nova 5" in page.inner_text("main")
    # Sent only with the proof of address it asks for: uploaded from its documents page.
    bill = files.pdf()
    assert upload_missing(page, CENTRE, files.named("fatura.pdf", bill)) == ["proof-of-address"]
    sent = send(page)
    assert sent.status == 200 and heading(page) == say("pt", "sent.title")

    go(page, central.url + "/journey")
    page.click(f"a[href='/journey/{DISABILITY}/step/request']")
    # The number given for the other service is offered again, saying where it came from.
    assert page.input_value("#f-health-user-number") == "123456789"
    assert page.locator("#f-health-user-number-origin").is_visible()
    page.fill("#f-health-condition", "I cannot walk far without pain.")
    page.fill("#f-citizen-phone", "+351 912 345 678")
    report = files.pdf()
    page.set_input_files(
        "#f-health-medical-report-file",
        files=files.named("relatorio.pdf", report, "application/pdf"),
    )
    saved = send(page)
    assert saved.url == central.url + "/journey?saved=request"  # the medical board is left
    assert page.locator(".notice[role=status]").is_visible()
    return {"proof-of-address": bill, "medical-report": report}


def counter_steps(app: CounterpartApp, service: str, lang: str) -> dict[str, str]:
    """The titles of a service's steps as the counter shows them."""
    return {s.id: s.title.get(lang) for s in app.desk.catalogue.services[service].steps}


async def counter_shows(counter: Counter, journey_id: str, web: list[Event]) -> None:
    """The counter's review shows what was done at home; its timeline says where and who."""
    app = build_app(counter.settings, sync_link=None, lock_after=None)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await sign_in(pilot)
            await open_from_home(pilot, journey_id)
            review = app.screen
            assert isinstance(review, ReviewScreen)
            lang = app.session.ui_language
            table: DataTable[object] = review.query_one("#review-table", DataTable)
            centre = [str(cell) for cell in table.get_row(CENTRE)]
            disability = [str(cell) for cell in table.get_row(DISABILITY)]
            assert centre[1] == "1/1" and tr(lang, "review.submitted") in centre[2], centre
            steps = counter_steps(app, DISABILITY, lang)
            assert disability[1] == "1/2", disability  # the request, done at home
            assert disability[3] == steps["board"], disability  # left: the board, in person

            await pilot.press("f9")
            await settle(pilot)
            timeline = app.screen
            assert isinstance(timeline, TimelineScreen)
            rows: DataTable[object] = timeline.query_one("#timeline", DataTable)
            for event in web:
                _when, who, _what, where = (str(cell) for cell in rows.get_row(event.id))
                assert who == tr(lang, "actor.citizen"), (event.type, who)
                assert tr(lang, "channel.web") in where, (event.type, where)
    finally:
        close_app(app)


def test_a_journey_from_the_counter_continued_at_home_comes_back_to_the_counter(
    central: ServedCentral, page: Page, tmp_path: Path
) -> None:
    counter = enrolled_counter(tmp_path / "counter", central)
    finished = finish_journey(counter, (CENTRE, DISABILITY))
    counter.run("sync")

    link = scanned(finished.receipt)
    assert link.startswith(central.url + "/c/")
    go(page, link)
    assert finished.identity.name.split()[0] not in page.inner_text("body")
    uploads = answer_at_home(page, central, link, finished.identity.birth_date)

    at_central = central.web_events(finished.journey_id)
    assert {e.type for e in at_central} == FROM_HOME
    completed = sorted((e.data["service"], e.data["step"]) for e in at_central
                       if e.type == "step.completed")  # fmt: skip
    assert completed == [(CENTRE, "new-centre"), (DISABILITY, "request")]  # not the board
    uploaded = {e.data["document"]: e for e in at_central if e.type == "document.uploaded"}
    assert sorted(uploaded) == sorted(uploads)
    for document, data in uploads.items():
        assert uploaded[document].data["sha256"] == hashlib.sha256(data).hexdigest()
        assert (central.documents / uploaded[document].data["filename"]).read_bytes() == data

    counter.run("sync")
    with open_store(counter.settings) as store:
        web = [e for e in store.events_of(finished.journey_id) if e.channel == "web"]
    assert [e.id for e in web] == [e.id for e in at_central]
    assert {e.actor for e in web} == {"citizen"}
    # Playwright's sync API keeps its own event loop in this thread: the Pilot gets a thread.
    with ThreadPoolExecutor(1, thread_name_prefix="pilot") as pilot:
        pilot.submit(asyncio.run, counter_shows(counter, finished.journey_id, web)).result()
