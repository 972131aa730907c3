"""A service's documents from home: upload one the service asks for that no step asks for;
checked by content, stored under a random name, ``document.uploaded``; refused ones store
nothing."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import httpx
import pytest

from tests.web.conftest import Site
from tests.web.seed import Seeded, seed_journey
from tests.web.visiting import open_visit, token_of, web_events

ASSESSMENT = "health.disability-assessment"  # id-card here; medical-report in its step
PAGE = f"/journey/{ASSESSMENT}/documents"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _visit(site: Site) -> Seeded:
    seeded = seed_journey(site.store, services=(ASSESSMENT,))
    open_visit(site, seeded.token)
    return seeded


def _upload(site: Site, data: bytes, *, document: str = "id-card", name: str = "card.pdf",
            kind: str = "application/pdf") -> httpx.Response:  # fmt: skip
    token = token_of(site, PAGE)
    return site.client.post(PAGE, data={"csrftoken": token, "document": document},
                            files={"file": (name, data, kind)})  # fmt: skip


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_page_lists_what_to_upload_here_and_what_in_a_step(site: Site) -> None:
    _visit(site)
    journey = site.client.get("/journey")
    assert f'href="{PAGE}"' in journey.text  # linked from "bring with you"
    page = site.client.get(PAGE, params={"lang": "en"})
    assert page.status_code == 200
    form = re.search(r'<form method="post" action="' + re.escape(PAGE) + '".*?</form>',
                     page.text, re.S)  # fmt: skip
    assert form is not None
    fields = re.findall(r'name="([^"]+)"', form.group(0))
    assert fields[0] == "csrftoken" and fields[-1] == "file"  # the token before any file
    assert 'enctype="multipart/form-data"' in form.group(0)
    assert 'name="document" value="id-card"' in page.text
    assert 'name="document" value="medical-report"' not in page.text
    assert f'href="/journey/{ASSESSMENT}/step/request"' in page.text


def test_an_upload_is_stored_under_a_random_name_and_recorded(site: Site) -> None:
    seeded = _visit(site)
    answer = _upload(site, PDF, name="Maria Silva ID.pdf")
    assert answer.status_code == 303, answer.text
    assert answer.headers["location"] == f"{PAGE}?uploaded=id-card"
    (uploaded,) = web_events(site, seeded.journey_id)
    assert (uploaded.type, uploaded.channel, uploaded.actor) == (
        "document.uploaded", "web", "citizen")  # fmt: skip
    (path,) = _stored(site.web.documents)
    assert uploaded.data == {
        "document": "id-card", "filename": path.name, "sha256": hashlib.sha256(PDF).hexdigest(),
        "size": len(PDF), "content_type": "application/pdf", "service": ASSESSMENT,
    }  # fmt: skip
    assert "Maria" not in path.name and path.read_bytes() == PDF
    page = site.client.get(answer.headers["location"] + "&lang=en")
    assert 'role="status"' in page.text and "already uploaded" in page.text


def test_a_disguised_file_is_refused_and_nothing_is_stored(site: Site) -> None:
    seeded = _visit(site)
    executable = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 2000
    answer = _upload(site, executable, name="contract.pdf")
    assert answer.status_code == 400
    assert 'href="#doc-id-card"' in answer.text and "Verificamos o conteúdo" in answer.text
    assert web_events(site, seeded.journey_id) == []
    assert _stored(site.web.documents) == []


@pytest.mark.parametrize("size", [250_000, 400_000])  # read and measured; refused unread
def test_an_oversized_file_gets_a_clear_page_and_nothing_is_stored(site: Site, size: int) -> None:
    seeded = _visit(site)
    answer = _upload(site, PDF[:-6] + b"\x00" * size + b"%%EOF\n")
    assert answer.status_code == 413
    assert "o máximo é 0,2 MB" in answer.text  # a limit under 1 MB is said as it is
    assert "Há um problema" in answer.text and 'href="#doc-id-card"' in answer.text
    assert web_events(site, seeded.journey_id) == []
    assert _stored(site.web.documents) == []


def test_no_file_or_a_document_not_asked_for_changes_nothing(site: Site) -> None:
    seeded = _visit(site)
    token = token_of(site, PAGE)
    empty = site.client.post(PAGE, data={"csrftoken": token, "document": "id-card"},
                             files={"file": ("", b"", "application/octet-stream")})  # fmt: skip
    assert empty.status_code == 400 and "Escolha um ficheiro" in empty.text
    other = _upload(site, PDF, document="medical-report")  # asked in the step's form
    assert other.status_code == 400 and 'href="#documents"' in other.text
    forged = _upload(site, PDF, document="passport")
    assert forged.status_code == 400
    assert web_events(site, seeded.journey_id) == []
    assert _stored(site.web.documents) == []


def test_a_service_not_in_the_journey_has_no_documents_page(site: Site) -> None:
    _visit(site)
    assert site.client.get("/journey/health.home-care/documents").status_code == 404


def test_an_upload_notice_is_shown_only_for_a_document_uploaded(site: Site) -> None:
    _visit(site)
    page = site.client.get(f"{PAGE}?uploaded=id-card")
    assert 'role="status"' not in page.text
