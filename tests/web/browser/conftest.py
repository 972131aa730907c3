"""Fixtures of the browser tests: Debian's Chromium (one for all of them), the central store as
a real ``counterpart central serve`` process, and a fresh phone-sized context per test.

The browser and the served store live as long as this package's tests: Playwright's
sync API keeps an event loop running in the main thread while it is started, and
the tests after these (``asyncio.run`` in ``tests.sync.inprocess``) need it gone.

Every context watches what the browser asks for: a request to any host but this
machine's loopback (a third-party asset, a font, a tracker) or a page's
Content-Security-Policy refusing something of ours fails the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

from tests.web.browser.chromium import launch, phone
from tests.web.browser.served import ServedCentral, serve

LOOPBACK = frozenset({"127.0.0.1", "localhost"})

ContextFactory = Callable[..., BrowserContext]


@pytest.fixture(scope="package")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, shared by every browser test."""
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="package")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServedCentral]:
    """The central store with its pages, served for all the browser tests."""
    served = serve(tmp_path_factory.mktemp("central"))
    yield served
    served.stop()


@pytest.fixture
def fresh_central(tmp_path: Path) -> Iterator[ServedCentral]:
    """A central store of this test alone (its locks and counts start from nothing)."""
    served = serve(tmp_path / "central")
    yield served
    served.stop()
    errors = served.log.errors_since(0)
    assert not errors, f"the server failed on a request:\n{errors}"


@pytest.fixture(autouse=True)
def _no_server_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test whose requests made the shared server fail (a 500) fails, with the log."""
    if "central" not in request.fixturenames:
        yield
        return
    served: ServedCentral = request.getfixturevalue("central")
    mark = served.log.mark()
    yield
    errors = served.log.errors_since(mark)
    assert not errors, f"the server failed on a request:\n{errors}"


@pytest.fixture
def contexts(chromium: Browser) -> Iterator[ContextFactory]:
    """Makes fresh phone-sized contexts (``chromium.phone``'s options); each is watched for
    requests off this machine and CSP refusals, and closed after the test."""
    made: list[BrowserContext] = []
    strays: list[str] = []
    refusals: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refusals.append(f"{message.page.url if message.page else '?'}: {message.text}")

    def make(**options: object) -> BrowserContext:
        context = phone(chromium, **options)  # type: ignore[arg-type]
        context.on(
            "request",
            lambda request: (
                None if urlsplit(request.url).hostname in LOOPBACK else strays.append(request.url)
            ),
        )
        context.on("console", on_console)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
    assert not strays, f"the pages asked for something off this machine: {strays}"
    assert not refusals, f"the Content-Security-Policy refused something: {refusals}"


@pytest.fixture
def page(contexts: ContextFactory) -> Page:
    """A page in a fresh phone-sized context, JavaScript on, Portuguese first."""
    return contexts().new_page()
