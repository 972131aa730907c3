"""Pictures of the main pages at a phone's width, for the README and docs/: the confirm page,
the journey, a step with an error and check your answers (``docs/img/web-*.png``).

The journey is always the same one (a fixed device and seed give the same
reference), in English, with nothing on it that depends on the day; animations and
the caret are off. A picture is written only when its pixels changed, so a run on
the same Chromium leaves the files alone.
"""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops
from playwright.sync_api import Page

from tests.sync.serverproc import ROOT
from tests.web.browser.chromium import PHONE
from tests.web.browser.conftest import ContextFactory
from tests.web.browser.pages import RIGHT, go, send, type_date
from tests.web.browser.served import ServedCentral
from tests.web.seed import seed_journey

PICTURES = ROOT / "docs" / "img"
CENTRE = "health.change-health-centre"


def _same_pixels(old: Path, new: bytes) -> bool:
    if not old.exists():
        return False
    with Image.open(old) as before, Image.open(io.BytesIO(new)) as after:
        if before.size != after.size:
            return False
        return ImageChops.difference(before.convert("RGB"), after.convert("RGB")).getbbox() is None


def keep(page: Page, name: str) -> Path:
    """Save the whole page as ``docs/img/web-{name}.png`` (if it changed)."""
    path = PICTURES / f"web-{name}.png"
    shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
    if not _same_pixels(path, shot):
        path.write_bytes(shot)
    with Image.open(path) as picture:
        assert picture.width == PHONE["width"] * 2, picture.size
    return path


def test_pictures_of_the_main_pages(central: ServedCentral, contexts: ContextFactory) -> None:
    seeded = seed_journey(
        central.store, device_id="counter-pictures", seed="pictures", language="en",
        services=(CENTRE, "health.home-care"),
    )  # fmt: skip
    page = contexts(lang="en-GB").new_page()
    go(page, central.link(seeded.token))
    kept = [keep(page, "confirm")]
    type_date(page, "dob", RIGHT)
    send(page)
    kept.append(keep(page, "journey"))

    go(page, f"{central.url}/journey/{CENTRE}/step/new-centre")
    page.fill("#f-health-user-number", "12345")
    page.fill("#f-address-new", "12 Rua Nova\n1000-001 Lisboa")
    page.check("#f-health-centre-2")
    page.check("#f-health-family-doctor")
    assert send(page).status == 400
    kept.append(keep(page, "step-error"))
    page.fill("#f-health-user-number", "123456789")
    send(page)
    kept.append(keep(page, "check"))
    assert [p.name for p in kept] == [
        "web-confirm.png", "web-journey.png", "web-step-error.png", "web-check.png",
    ]  # fmt: skip
