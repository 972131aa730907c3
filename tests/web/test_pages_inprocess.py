"""The citizen's pages over HTTP, in-process: the way in, the journey, a step, sending."""

from __future__ import annotations

from pathlib import Path

from sync.central.records import Limits
from sync.domain.events import Event
from tests.web.conftest import Site, serve
from tests.web.seed import seed_journey

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _web_events(site: Site, journey_id: str) -> list[Event]:
    return [e for e in site.store.journey_events(journey_id) if e.channel == "web"]


def _open(site: Site, token: str, dob: tuple[str, str, str] = ("23", "4", "1958")) -> str:
    page = site.client.get(f"/c/{token}")
    assert page.status_code == 200, page.text
    answer = site.client.post("/c/confirm", data={
        "csrftoken": site.form_token(page.text), "token": token,
        "day": dob[0], "month": dob[1], "year": dob[2],
    })  # fmt: skip
    return str(answer.headers.get("location", answer.text))


def test_the_link_shows_service_names_and_no_personal_data(site: Site) -> None:
    seeded = seed_journey(site.store)
    page = site.client.get(f"/c/{seeded.token}")
    assert page.status_code == 200
    assert "Mudar de centro de saúde" in page.text or "centro de saúde" in page.text
    assert "Maria" not in page.text and "123456789" not in page.text
    assert "1958" not in page.text
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in page.headers["content-security-policy"]


def test_the_right_date_opens_the_journey_and_redeems_the_link(site: Site) -> None:
    seeded = seed_journey(site.store)
    assert _open(site, seeded.token) == "/journey"
    cookie = site.client.cookies.get("cp_visit")
    assert cookie
    journey = site.client.get("/journey")
    assert journey.status_code == 200
    assert seeded.shown_ref in journey.text
    redeemed = [e for e in _web_events(site, seeded.journey_id) if e.type == "handoff.redeemed"]
    assert [e.actor for e in redeemed] == ["citizen"]


def test_a_wrong_date_says_so_and_counts_down(site: Site) -> None:
    seeded = seed_journey(site.store)
    page = site.client.get(f"/c/{seeded.token}")
    answer = site.client.post("/c/confirm", data={
        "csrftoken": site.form_token(page.text), "token": seeded.token,
        "day": "1", "month": "1", "year": "1990",
    })  # fmt: skip
    assert answer.status_code == 400
    assert "mais 4 vezes" in answer.text
    assert 'href="#dob-day"' in answer.text
    assert _web_events(site, seeded.journey_id) == []


def test_an_unknown_or_tampered_link_gets_the_same_page(site: Site) -> None:
    seeded = seed_journey(site.store)
    links = ["A" * 32, seeded.token[:-1] + ("B" if seeded.token[-1] != "B" else "C"), "not-a-tok"]
    pages = [site.client.get(f"/c/{link}") for link in links]
    assert [p.status_code for p in pages] == [404, 404, 404]
    # The same page for each, but for the language links back to the address asked.
    texts = {p.text.replace(link, "TOKEN") for p, link in zip(pages, links, strict=True)}
    assert len(texts) == 1


def test_a_step_answered_at_home_with_an_error_first_then_sent(site: Site) -> None:
    seeded = seed_journey(site.store, services=("health.change-health-centre",))
    _open(site, seeded.token)
    path = "/journey/health.change-health-centre/step/new-centre"
    form = site.client.get(path)
    assert form.status_code == 200, form.text
    token = site.form_token(form.text)
    bad = site.client.post(
        path,
        data={
            "csrftoken": token,
            "health.user_number": "",
            "address.new": "Rua Nova 5, 1000-001 Lisboa",
        },
    )
    assert bad.status_code == 400
    assert "Há um problema" in bad.text and 'href="#f-health-user-number"' in bad.text
    assert not [e for e in _web_events(site, seeded.journey_id) if e.type == "answer.recorded"]
    catalogue = site.web.catalogue()
    centre = catalogue.fields["health.centre"].options[0].value
    good = site.client.post(path, data={
        "csrftoken": token, "health.user_number": "123456789",
        "address.new": "Rua Nova 5, 1000-001 Lisboa", "health.centre": centre,
        "health.family_doctor": "yes",
    })  # fmt: skip
    assert good.status_code == 303, good.text
    assert good.headers["location"] == "/journey/health.change-health-centre/check"
    types = [e.type for e in _web_events(site, seeded.journey_id)]
    assert types.count("answer.recorded") == 4 and "step.completed" in types
    check = site.client.get(good.headers["location"])
    assert "Rua Nova 5" in check.text
    # Every step is done, but the proof of address it asks for is not in hand yet:
    # the page names it, links to its upload and has no Send button...
    assert "Para enviar este pedido faltam os documentos abaixo" in check.text
    assert "Comprovativo de morada" in check.text
    assert 'href="/journey/health.change-health-centre/documents"' in check.text
    assert 'action="/journey/health.change-health-centre/submit"' not in check.text
    # ...and a hand-made submit is sent back to it, writing nothing.
    early = site.client.post(
        "/journey/health.change-health-centre/submit",
        data={"csrftoken": site.form_token(check.text)},
    )
    assert early.status_code == 303
    assert early.headers["location"] == "/journey/health.change-health-centre/check"
    assert "service.submitted" not in [e.type for e in _web_events(site, seeded.journey_id)]
    documents = "/journey/health.change-health-centre/documents"
    uploaded = site.client.post(
        documents,
        data={"csrftoken": site.form_token(site.client.get(documents).text),
              "document": "proof-of-address"},
        files={"file": ("bill.pdf", PDF, "application/pdf")},
    )  # fmt: skip
    assert uploaded.status_code == 303, uploaded.text
    after = site.client.get(uploaded.headers["location"])
    assert 'href="/journey/health.change-health-centre/check"' in after.text
    check = site.client.get("/journey/health.change-health-centre/check")
    assert "faltam os documentos" not in check.text
    sent = site.client.post(
        "/journey/health.change-health-centre/submit",
        data={"csrftoken": site.form_token(check.text)},
    )
    assert sent.status_code == 200
    assert "service.submitted" in [e.type for e in _web_events(site, seeded.journey_id)]


def test_a_form_posted_without_the_csrf_token_is_refused(site: Site) -> None:
    seeded = seed_journey(site.store)
    site.client.get(f"/c/{seeded.token}")
    refused = site.client.post(
        "/c/confirm", data={"token": seeded.token, "day": "23", "month": "4", "year": "1958"}
    )
    assert refused.status_code == 403
    assert "Não guardámos nada" in refused.text
    assert _web_events(site, seeded.journey_id) == []


def test_a_client_asking_too_fast_is_asked_to_wait(tmp_path: Path) -> None:
    served = serve(tmp_path, Limits(web_burst=5, web_per_second=0.01))
    site = next(served)
    seeded = seed_journey(site.store)
    burst = site.store.limits.web_burst
    answers = [site.client.get(f"/c/{seeded.token}").status_code for _ in range(burst + 1)]
    assert answers[:burst] == [200] * burst
    assert answers[-1] == 429
    slow = site.client.get(f"/c/{seeded.token}")
    assert int(slow.headers["retry-after"]) >= 1
    assert "Aguarde um momento" in slow.text
    served.close()
