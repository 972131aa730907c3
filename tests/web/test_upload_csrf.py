"""A form with an upload passes the CSRF check with its token, and is refused without it
(``sync.central.web.csrf_multipart``, in asgi-csrf's place)."""

from __future__ import annotations

from tests.web.conftest import Site
from tests.web.seed import seed_journey

STEP = "/journey/health.disability-assessment/step/request"
PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
FIELDS = {
    "health.user_number": "123456789",
    "health.condition": "I cannot walk far without pain.",
    "citizen.phone": "+351 912 345 678",
}
FILES = {"health.medical_report_file": ("report.pdf", PDF, "application/pdf")}


def _opened(site: Site) -> tuple[str, str]:
    """The request step of a confirmed visit: the form's CSRF token and the journey."""
    seeded = seed_journey(site.store, services=("health.disability-assessment",))
    page = site.client.get(f"/c/{seeded.token}")
    confirmed = site.client.post("/c/confirm", data={
        "csrftoken": site.form_token(page.text), "token": seeded.token,
        "day": "23", "month": "4", "year": "1958",
    })  # fmt: skip
    assert confirmed.status_code == 303
    return site.form_token(site.client.get(STEP).text), seeded.journey_id


def _web_types(site: Site, journey_id: str) -> list[str]:
    return [e.type for e in site.store.journey_events(journey_id) if e.channel == "web"]


def test_an_upload_form_with_its_token_is_recorded(site: Site) -> None:
    token, journey_id = _opened(site)
    sent = site.client.post(STEP, data={"csrftoken": token, **FIELDS}, files=FILES)
    assert sent.status_code == 303, sent.text
    assert "document.uploaded" in _web_types(site, journey_id)
    assert len(list(site.web.documents.iterdir())) == 1


def test_an_upload_form_without_its_token_is_refused(site: Site) -> None:
    _token, journey_id = _opened(site)
    refused = site.client.post(STEP, data=FIELDS, files=FILES)
    assert refused.status_code == 403
    assert "Não guardámos nada" in refused.text
    assert _web_types(site, journey_id) == ["handoff.redeemed"]
    assert not site.web.documents.exists() or not list(site.web.documents.iterdir())


def test_a_file_before_the_token_or_a_broken_body_is_refused(site: Site) -> None:
    token, journey_id = _opened(site)
    boundary = "b0undary"
    file_first = (
        (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="health.medical_report_file"; '
            'filename="r.pdf"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + PDF
        + (
            f"\r\n--{boundary}\r\n"
            'Content-Disposition: form-data; name="csrftoken"\r\n\r\n'
            f"{token}\r\n--{boundary}--\r\n"
        ).encode()
    )
    broken = b"--" + boundary.encode() + b"\r\nno headers at all" + b"\x00" * 64
    for body in (file_first, broken):
        refused = site.client.post(
            STEP, content=body,
            headers={"content-type": f"multipart/form-data; boundary={boundary}"},
        )  # fmt: skip
        assert refused.status_code == 403, body[:80]
    assert _web_types(site, journey_id) == ["handoff.redeemed"]
    assert not site.web.documents.exists() or not list(site.web.documents.iterdir())
