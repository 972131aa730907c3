"""The receipt states what is true of the journey when it is printed."""

from __future__ import annotations

from app.receipts import build_receipt
from devices.printing.receipt import layout_receipt
from sync.store.operators import get_operator
from tests.app.conftest import NOW, SS_MOVE, TAX_MOVE, AppFactory, seed_journey

ID_CARD = "civil-registry.id-card"


def printed_text(receipt: object) -> str:
    return "\n".join(layout_receipt(receipt, 42).text_lines())  # type: ignore[arg-type]


def tax_line(app: object, journey_id: str) -> object:
    desk = app.desk  # type: ignore[attr-defined]
    receipt = build_receipt(desk.journey(journey_id), desk.catalogue, site_name="Lisboa",
                            issued_at=NOW, language="en", url=None)  # fmt: skip
    name = desk.catalogue.services[TAX_MOVE].name.get("en")
    return next(line for line in receipt.services if line.service == name)


def test_a_submitted_service_asks_for_nothing_to_bring(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    assert tax_line(app, journey_id).bring  # type: ignore[attr-defined]
    app.desk.store.append(journey_id, "service.submitted", {"service": TAX_MOVE},
                          channel="counter", actor="operator:demo")  # fmt: skip
    assert tax_line(app, journey_id).bring == ()  # type: ignore[attr-defined]


def test_a_step_left_for_a_counter_only_is_not_continue_at_home(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    desk = app.desk
    journey_id = seed_journey(app)
    desk.operator = get_operator(desk.store, "demo")
    for service in (SS_MOVE, TAX_MOVE):
        desk.remove_service(journey_id, service)
    desk.add_service(journey_id, ID_CARD)
    service = desk.catalogue.services[ID_CARD]
    desk.complete_step(journey_id, ID_CARD, "details")  # biometrics need a counter
    for document in service.documents:
        desk.check_document(journey_id, document, True, ID_CARD)
    url = "https://counterpart.test/c/TestTokenTestTokenTestTokenTest0"
    state = desk.journey(journey_id)
    receipt = build_receipt(state, desk.catalogue, site_name="Lisboa", issued_at=NOW,
                            language="en", url=url)  # fmt: skip
    text = printed_text(receipt)
    assert "Continue at home" not in text
    assert "Follow your request at home: scan the code" in text
    assert "Continue at: any counter" in text
    # With a step left that the citizen can do at home, the QR says so.
    desk.add_service(journey_id, "civil-registry.certificate")
    receipt = build_receipt(desk.journey(journey_id), desk.catalogue, site_name="Lisboa",
                            issued_at=NOW, language="en", url=url)  # fmt: skip
    assert "Continue at home: scan the code" in printed_text(receipt)


def test_without_the_link_home_nothing_is_continue_at_home(make_app: AppFactory) -> None:
    """Steps left that the web allows, but the citizen did not agree to a link home:
    the receipt sends them to a counter and says nothing of home."""
    from tests.app.test_field_errors import fresh_journey

    app = make_app(sync_link=None)
    desk = app.desk
    journey_id = fresh_journey(app, service=TAX_MOVE)  # consent to the services only
    desk.operator = get_operator(desk.store, "demo")
    state = desk.journey(journey_id)
    receipt = build_receipt(state, desk.catalogue, site_name="Lisboa", issued_at=NOW,
                            language="en", url=None)  # fmt: skip
    (line,) = receipt.services
    assert line.todo and line.continue_at == "any counter"
    assert receipt.at_home is False
    text = printed_text(receipt)
    assert "at home" not in text.lower(), text
    # Once the citizen agrees, the same steps are continue-at-home.
    desk.give_consent(journey_id, ["handoff"])
    receipt = build_receipt(desk.journey(journey_id), desk.catalogue, site_name="Lisboa",
                            issued_at=NOW, language="en", url=None)  # fmt: skip
    assert receipt.services[0].continue_at == "at home (QR code)"
    assert receipt.at_home is True
