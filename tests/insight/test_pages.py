"""``/insight`` and ``/metrics`` of the generated network, served by a real process: behind a
dashboard token, the same numbers as the CLI, comments only for a token allowed, axe-core
clean in Chromium and whole without JavaScript; ``/metrics`` parses as Prometheus text."""

from __future__ import annotations

import html
import re

import httpx
import sqlalchemy
from playwright.sync_api import Page, sync_playwright
from prometheus_client.parser import text_string_to_metric_families

from tests.insight.conftest import Network
from tests.sync.serverproc import ROOT, counterpart
from tests.web.browser.chromium import launch
from tests.web.browser.pages import assert_accessible
from tests.web.browser.test_screenshots import PICTURES, _same_pixels

PICTURE = PICTURES / "insight.png"


def _token(network: Network, name: str, *extra: str) -> str:
    out = counterpart("central", "dashboard-token", name, *extra, "--db", network.db_url,
                      config=ROOT / "kiosk.toml")  # fmt: skip
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def _cells(page: str, caption: str) -> list[list[str]]:
    table = page.split(f">{caption}</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    cell = re.compile(r"<t[hd][^>]*>(.*?)</t[hd]>", re.S)
    return [
        [html.unescape(re.sub(r"<[^>]+>", "", c).strip()) for c in cell.findall(r)] for r in rows
    ]


def test_the_pages_need_a_dashboard_token(network: Network) -> None:
    url = network.server.url
    assert httpx.get(f"{url}/insight").status_code == 401
    assert "Dashboard token" in httpx.get(f"{url}/insight").text
    bad = {"authorization": "Bearer not-a-token"}
    assert httpx.get(f"{url}/insight", headers=bad).status_code == 401
    assert httpx.get(f"{url}/metrics").status_code == 401
    agency = counterpart("central", "agency-token", "tax", "--db", network.db_url,
                         config=ROOT / "kiosk.toml").stdout.strip()  # fmt: skip
    assert (
        httpx.get(f"{url}/metrics", headers={"authorization": f"Bearer {agency}"}).status_code
        == 401
    )


def test_the_national_and_a_site_page_show_what_the_cli_counts(network: Network) -> None:
    auth = {"authorization": f"Bearer {_token(network, 'ops')}"}
    url = network.server.url
    for query, args in (("", ()), ("?site=site-04", ("--site", "site-04"))):
        r = httpx.get(f"{url}/insight{query}", headers=auth, timeout=30)
        assert r.status_code == 200, r.text
        report = network.insight(*args)
        for key in ("summary", "sites", "services", "stalls"):
            section = report["sections"][key]
            cells = _cells(r.text, section["title"])
            if section["rows"]:
                assert cells[0] == list(section["rows"][0])  # the columns
            want = [[str(v) for v in row.values()] for row in section["rows"]]
            assert cells[1:] == want, key
        assert "comment " not in r.text  # this token may not read comments
    r = httpx.get(f"{url}/insight?from=2026-02-30", headers=auth)
    assert r.status_code == 422 and "is not a date like" in r.text


def test_comments_only_for_a_token_allowed(network: Network) -> None:
    auth = {"authorization": f"Bearer {_token(network, 'research', '--comments')}"}
    r = httpx.get(f"{network.server.url}/insight", headers=auth, timeout=30)
    said = [c for m in network.made for c in m.comments]
    assert r.status_code == 200 and "Feedback comments" in r.text
    assert any(c in r.text for c in said)


def _written_on(network: Network, channel: str) -> int:
    engine = sqlalchemy.create_engine(network.db_url)
    try:
        with engine.connect() as conn:
            query = sqlalchemy.text("SELECT count(*) FROM events WHERE channel = :c")
            return int(conn.execute(query, {"c": channel}).scalar_one())
    finally:
        engine.dispose()


def test_metrics_parse_as_prometheus_text(network: Network) -> None:
    auth = {"authorization": f"Bearer {_token(network, 'prometheus')}"}
    r = httpx.get(f"{network.server.url}/metrics", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    families = {f.name: f for f in text_string_to_metric_families(r.text)}
    enrolled = families["counterpart_devices_enrolled"].samples[0].value
    assert enrolled == len(network.devices)
    backlog = {
        s.labels["device"]: s.value for s in families["counterpart_device_backlog_events"].samples
    }
    assert backlog == {d.device_id: 0 for d in network.devices}
    acked = {s.labels["device"]: s.value for s in families["counterpart_device_acked_seq"].samples}
    assert acked == {d.device_id: len(d.events) for d in network.devices}
    assert families["counterpart_quarantined_events"].samples[0].value == 0
    # The pushed events, then those the store wrote itself: the citizen's at home, the
    # agencies' statuses (one a status posted).
    statuses = sum(len(s) for m in network.made for s in m.statuses.values())
    at_home = _written_on(network, "web")
    assert at_home >= 4 * sum(m.token is not None for m in network.made)
    assert _written_on(network, "backoffice") == statuses
    events = sum(len(d.events) for d in network.devices) + at_home + statuses
    assert families["counterpart_events_position"].samples[0].value == events
    assert families["counterpart_journeys"].samples[0].value == len(network.made)


def test_the_pages_in_chromium_without_javascript_pass_axe(network: Network) -> None:
    token = _token(network, "browser")
    with sync_playwright() as playwright:
        browser = launch(playwright)
        try:
            plain = browser.new_context(java_script_enabled=False, locale="en-GB")
            page = plain.new_page()
            page.goto(f"{network.server.url}/insight")
            page.fill("#token", "wrong")
            page.click("button[type=submit]")
            assert "That token is unknown or revoked" in page.content()
            page.fill("#token", token)
            page.click("button[type=submit]")
            assert page.locator("h1").inner_text() == "The whole network"
            assert page.locator("svg[role=img]").count() >= 5
            # A site's page, reached by its link in the sites' table, then filtered by a form.
            page.click("a[href='/insight?site=site-02']")
            assert page.locator("h1").inner_text() == "Site site-02"
            page.fill("#from", "nonsense")
            page.click("form.filters button")
            assert "is not a date like" in page.locator(".error-summary").inner_text()
            plain.close()
            scripted = browser.new_context(
                locale="en-GB", viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
            )
            page = scripted.new_page()
            page.goto(f"{network.server.url}/insight")
            assert_accessible(page, "insight sign-in")
            page.fill("#token", "")
            page.click("button[type=submit]")
            assert_accessible(page, "insight sign-in with an error")
            page.fill("#token", token)
            page.click("button[type=submit]")
            assert_accessible(page, "insight national")
            _picture(page)
            page.goto(f"{network.server.url}/insight?site=site-02&agency=health")
            assert_accessible(page, "insight site and agency")
            page.goto(f"{network.server.url}/insight?from=2026-02-30")
            assert_accessible(page, "insight with a bad date")
            scripted.close()
        finally:
            browser.close()


def _picture(page: Page) -> None:
    """The top of the national page (summary and sites: nothing that depends on the day) as
    ``docs/img/insight.png`` for the README, written only when its pixels changed."""
    box = page.locator("section[aria-labelledby=sites]").bounding_box()
    assert box is not None
    shot = page.screenshot(
        full_page=True, animations="disabled", caret="hide",
        clip={"x": 0, "y": 0, "width": 1280, "height": box["y"] + box["height"]},
    )  # fmt: skip
    if not _same_pixels(PICTURE, shot):
        PICTURE.write_bytes(shot)
