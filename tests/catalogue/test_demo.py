"""The demo catalogue: size, languages, circumstances and shared fields."""

from __future__ import annotations

import json
from typing import cast

import pytest

from sync.catalogue.model import LANGS, Catalogue, Service, Text

MINE = ("civil-registry", "tax", "social-security", "health")


def texts(catalogue: Catalogue) -> list[tuple[str, Text]]:
    found: list[tuple[str, Text]] = [("catalogue.country", catalogue.info.country)]
    for agency in catalogue.agencies.values():
        found += [(f"{agency.id}.name", agency.name), (f"{agency.id}.short", agency.short)]
    found += [(c.id, c.name) for c in catalogue.circumstances.values()]
    found += [(d.id, d.name) for d in catalogue.documents.values()]
    for field in catalogue.fields.values():
        found.append((field.key, field.label))
        if field.help is not None:
            found.append((f"{field.key}.help", field.help))
        found += [(f"{field.key}={o.value}", o.label) for o in field.options]
    for service in catalogue.services.values():
        found += [(service.id, service.name), (f"{service.id}.summary", service.summary)]
        found += [(f"{service.id}.{step.id}", step.title) for step in service.steps]
    return found


def test_the_demo_catalogue_has_at_least_40_services_from_8_agencies(demo: Catalogue) -> None:
    assert len(demo.services) >= 40
    assert len(demo.agencies) >= 8


def test_the_four_core_agencies_have_at_least_six_services_each(demo: Catalogue) -> None:
    counts = {agency: len(demo.services_of(agency)) for agency in MINE}
    assert all(count >= 6 for count in counts.values()), counts
    assert sum(counts.values()) >= 24


def test_every_text_is_written_in_portuguese_english_and_spanish(demo: Catalogue) -> None:
    for where, text in texts(demo):
        for lang in LANGS:
            assert text.get(lang).strip(), f"{where} has no {lang} text"


def test_every_service_has_keywords_in_each_language(demo: Catalogue) -> None:
    for service in demo.services.values():
        for lang in LANGS:
            assert service.keywords.get(lang), f"{service.id} has no {lang} keywords"


def test_every_circumstance_groups_at_least_two_services(demo: Catalogue) -> None:
    for circumstance in demo.circumstances:
        assert len(demo.services_for_circumstance(circumstance)) >= 2, circumstance


def test_core_services_have_one_to_four_steps_fees_and_documents(demo: Catalogue) -> None:
    for agency in MINE:
        for service in demo.services_of(agency):
            assert 1 <= len(service.steps) <= 4, service.id
            assert service.fee_cents >= 0 and service.expected_days >= 0


def test_some_steps_can_be_done_at_home_and_some_only_at_a_counter(demo: Catalogue) -> None:
    steps = [step for service in demo.services.values() for step in service.steps]
    assert any(step.allows("web") for step in steps)
    assert any(not step.allows("web") and step.allows("counter") for step in steps)


def test_every_field_type_is_used(demo: Catalogue) -> None:
    used = {demo.field(key).type for s in demo.services.values() for key in s.field_keys}
    assert used == {"text", "date", "number", "choice", "yesno", "address", "document"}


@pytest.mark.parametrize(
    ("key", "agencies"),
    [
        ("address.new", {"tax", "health", "social-security"}),
        ("child.birth_date", {"civil-registry", "social-security", "health"}),
        ("deceased.date_of_death", {"civil-registry", "tax", "social-security"}),
    ],
)
def test_one_field_is_asked_by_services_of_several_agencies(
    demo: Catalogue, key: str, agencies: set[str]
) -> None:
    asking = {service.agency_id for service in demo.services_asking(key)}
    assert agencies <= asking


def test_shared_fields_are_the_ones_given_once_for_two_services(demo: Catalogue) -> None:
    services = ["tax.change-of-address", "health.change-health-centre"]
    shared = [field.key for field in demo.shared_fields(services)]
    assert "address.new" in shared
    union = [field.key for field in demo.fields_for(services)]
    assert union.count("address.new") == 1
    assert set(shared) <= set(union)


def test_lookups(demo: Catalogue) -> None:
    service = demo.service("civil-registry.birth-registration")
    assert demo.agency(service.agency_id).short.get("en") == "Civil Registry"
    assert [f.key for f in demo.fields_of(service)][:2] == [
        "citizen.name",
        "citizen.national_number",
    ]
    assert [d.id for d in demo.documents_of(service.id)] == ["id-card", "birth-declaration"]
    assert service.step("child").is_required("child.name")
    assert not service.step("parents").is_required("partner.name")
    with pytest.raises(KeyError):
        demo.service("civil-registry.no-such-service")


def test_the_catalogue_is_frozen(demo: Catalogue) -> None:
    service = demo.service("tax.change-of-address")
    with pytest.raises(TypeError):
        cast(dict[str, Service], demo.services)["x"] = service
    with pytest.raises(ValueError):
        service.fee_cents = 1


def test_the_catalogue_dumps_to_json(demo: Catalogue) -> None:
    data = json.loads(json.dumps(demo.to_json()))
    assert len(data["services"]) == len(demo.services)
    assert data["catalogue"]["currency"] == "EUR"
