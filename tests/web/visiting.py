"""A citizen's visit for the page tests: open a seeded journey's link and confirm the date,
and read what the store then holds of the citizen's doings."""

from __future__ import annotations

from sync.domain.events import Event
from tests.web.conftest import Site


def open_visit(site: Site, token: str, dob: tuple[str, str, str] = ("23", "4", "1958")) -> None:
    """Confirm the date of birth on the link's page; the client then holds the visit."""
    page = site.client.get(f"/c/{token}")
    assert page.status_code == 200, page.text
    answer = site.client.post("/c/confirm", data={
        "csrftoken": site.form_token(page.text), "token": token,
        "day": dob[0], "month": dob[1], "year": dob[2],
    })  # fmt: skip
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == "/journey"


def web_events(
    site: Site, journey_id: str, *, but: tuple[str, ...] = ("handoff.redeemed",)
) -> list[Event]:
    """The journey's events written for the citizen (channel web), but for opening the link."""
    return [e for e in site.store.journey_events(journey_id)
            if e.channel == "web" and e.type not in but]  # fmt: skip


def token_of(site: Site, path: str) -> str:
    """The CSRF token of the first form on the page at ``path``."""
    page = site.client.get(path)
    assert page.status_code == 200, page.text
    return site.form_token(page.text)
