"""Uploads through asgi-csrf on the python-multipart we install: the token first passes, a
file before the token is refused, and a step's own document field stores its upload."""

from __future__ import annotations

from tests.web.conftest import Site
from tests.web.seed import seed_journey
from tests.web.visiting import open_visit, token_of, web_events

ASSESSMENT = "health.disability-assessment"
STEP = f"/journey/{ASSESSMENT}/step/request"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _multipart(parts: list[tuple[str, str | None, bytes]]) -> tuple[bytes, str]:
    """A multipart body with its parts in the given order (name, filename or None, bytes)."""
    boundary = "cp-test-boundary"
    body = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n".encode()
        if filename:
            body += b"Content-Type: application/pdf\r\n"
        body += b"\r\n" + data + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_file_before_the_token_is_refused_and_nothing_is_stored(site: Site) -> None:
    seeded = seed_journey(site.store, services=(ASSESSMENT,))
    open_visit(site, seeded.token)
    token = token_of(site, STEP)
    body, kind = _multipart([("health.medical_report_file", "report.pdf", PDF),
                             ("csrftoken", None, token.encode())])  # fmt: skip
    refused = site.client.post(STEP, content=body, headers={"content-type": kind})
    assert refused.status_code == 403
    assert web_events(site, seeded.journey_id) == []
    assert not site.web.documents.exists() or not list(site.web.documents.iterdir())


def test_a_wrong_token_in_a_multipart_form_is_refused(site: Site) -> None:
    seeded = seed_journey(site.store, services=(ASSESSMENT,))
    open_visit(site, seeded.token)
    token_of(site, STEP)
    body, kind = _multipart([("csrftoken", None, b"forged"),
                             ("health.medical_report_file", "report.pdf", PDF)])  # fmt: skip
    refused = site.client.post(STEP, content=body, headers={"content-type": kind})
    assert refused.status_code == 403
    assert web_events(site, seeded.journey_id) == []


def test_a_steps_document_field_takes_its_upload(site: Site) -> None:
    seeded = seed_journey(site.store, services=(ASSESSMENT,))
    open_visit(site, seeded.token)
    answer = site.client.post(STEP, data={
        "csrftoken": token_of(site, STEP), "health.user_number": "123456789",
        "health.condition": "Arthritis", "citizen.phone": "+351 912 345 678",
    }, files={"health.medical_report_file": ("report.pdf", PDF, "application/pdf")})  # fmt: skip
    assert answer.status_code == 303, answer.text
    types = [e.type for e in web_events(site, seeded.journey_id)]
    assert "document.uploaded" in types and "step.completed" in types
