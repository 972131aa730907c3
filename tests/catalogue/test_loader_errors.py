"""A broken catalogue file stops the load with its file, dotted key and reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sync.catalogue.loader import load_catalogue
from sync.errors import CatalogueError
from tests.catalogue.conftest import DEMO

CATALOGUE = """\
[catalogue]
country = { pt = "Valmora", en = "Valmora", es = "Valmora" }
currency = "EUR"
version = "test"

[circumstances.moving-house]
name = { pt = "Mudar de casa", en = "Moving house", es = "Mudarse de casa" }

[documents.id-card]
name = { pt = "Cartão de cidadão", en = "Identity card", es = "Documento de identidad" }

[fields."address.new"]
type = "address"
label = { pt = "Nova morada", en = "New address", es = "Nueva dirección" }

[fields."citizen.email"]
type = "text"
label = { pt = "Correio eletrónico", en = "Email", es = "Correo electrónico" }
pattern = '^[^@]+@[^@]+$'
"""

AGENCY = """\
[agency]
id = "tax"
name = { pt = "Finanças", en = "Tax office", es = "Hacienda" }
short = { pt = "AT", en = "Tax", es = "AT" }

[[services]]
id = "tax.change-of-address"
name = { pt = "Mudar a morada", en = "Change address", es = "Cambiar domicilio" }
summary = { pt = "Atualize a morada.", en = "Update your address.", es = "Actualice el domicilio." }
circumstances = ["moving-house"]
fee_cents = 0
expected_days = 1
documents = ["id-card"]

[[services.steps]]
id = "address"
title = { pt = "Morada", en = "Address", es = "Domicilio" }
channels = ["counter", "web"]
fields = ["address.new", "citizen.email"]
"""


def make(folder: Path, catalogue: str = CATALOGUE, agency: str = AGENCY) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "catalogue.toml").write_text(catalogue, encoding="utf-8")
    (folder / "tax.toml").write_text(agency, encoding="utf-8")
    return folder


def broken(folder: Path, name: str) -> CatalogueError:
    """Load ``folder``, expecting an error; check the file was left untouched."""
    path = folder / name
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    error = caught.value
    assert error.path == str(path)
    assert str(error) == f"{path}: {error.key}: {error.reason}"
    return error


def test_the_minimal_catalogue_loads(tmp_path: Path) -> None:
    catalogue = load_catalogue(make(tmp_path))
    assert list(catalogue.services) == ["tax.change-of-address"]
    assert catalogue.services["tax.change-of-address"].agency_id == "tax"


def test_unknown_field_type(tmp_path: Path) -> None:
    make(tmp_path, CATALOGUE.replace('type = "address"', 'type = "colour"'))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == 'fields."address.new".type'
    assert error.reason == (
        "unknown field type 'colour'; allowed: text, date, number, choice, yesno, address, document"
    )


def test_unknown_key_names_the_key_and_suggests_one(tmp_path: Path) -> None:
    make(tmp_path, agency=AGENCY.replace("fee_cents = 0", "fees_cents = 0"))
    error = broken(tmp_path, "tax.toml")
    assert error.key == "services[0].fees_cents"
    assert error.reason == "unknown key 'fees_cents'; did you mean 'fee_cents'?"


def test_missing_language(tmp_path: Path) -> None:
    make(tmp_path, agency=AGENCY.replace(', es = "Domicilio"', ""))
    error = broken(tmp_path, "tax.toml")
    assert error.key == "services[0].steps[0].title.es"
    assert error.reason == "required key is missing"


def test_unknown_field_reference(tmp_path: Path) -> None:
    make(tmp_path, agency=AGENCY.replace('"citizen.email"]', '"citizen.emial"]'))
    error = broken(tmp_path, "tax.toml")
    assert error.key == "services[0].steps[0].fields[1]"
    assert error.reason == "unknown field 'citizen.emial'; did you mean 'citizen.email'?"


@pytest.mark.parametrize(
    ("old", "new", "key", "reason"),
    [
        (
            '["id-card"]',
            '["id-crad"]',
            "services[0].documents[0]",
            "unknown document 'id-crad'; did you mean 'id-card'?",
        ),
        (
            '["moving-house"]',
            '["winning-lottery"]',
            "services[0].circumstances[0]",
            "unknown circumstance 'winning-lottery'; allowed: moving-house",
        ),
        (
            '"counter", "web"',
            '"counter", "phone"',
            "services[0].steps[0].channels[1]",
            "unknown channel 'phone'; allowed: counter, van, kiosk, web",
        ),
        (
            'id = "tax.change-of-address"',
            'id = "change-of-address"',
            "services[0].id",
            "'change-of-address' must be 'tax.<name>' with <name> in lowercase [a-z0-9-]",
        ),
        (
            "fee_cents = 0",
            'fee_cents = "free"',
            "services[0].fee_cents",
            "expected a whole number, got text 'free'",
        ),
        (
            "fee_cents = 0",
            "fee_cents = -5",
            "services[0].fee_cents",
            "-5 is out of range: input should be greater than or equal to 0",
        ),
        (
            'fields = ["address.new", "citizen.email"]',
            'fields = ["address.new", "citizen.email"]\noptional = ["citizen.phone"]',
            "services[0].steps[0].optional[0]",
            "'citizen.phone' is not one of this step's fields",
        ),
    ],
)
def test_broken_references_and_values(
    tmp_path: Path, old: str, new: str, key: str, reason: str
) -> None:
    assert old in AGENCY
    make(tmp_path, agency=AGENCY.replace(old, new, 1))
    error = broken(tmp_path, "tax.toml")
    assert (error.key, error.reason) == (key, reason)


def test_duplicate_service_id(tmp_path: Path) -> None:
    service = AGENCY[AGENCY.index("[[services]]") :]
    make(tmp_path, agency=AGENCY + "\n" + service)
    error = broken(tmp_path, "tax.toml")
    assert error.key == "services[1].id"
    assert error.reason == "duplicate service id 'tax.change-of-address'"


def test_a_field_defined_in_two_files(tmp_path: Path) -> None:
    extra = '\n[fields."address.new"]\ntype = "address"\n'
    extra += 'label = { pt = "Morada", en = "Address", es = "Dirección" }\n'
    make(tmp_path, agency=AGENCY + extra)
    error = broken(tmp_path, "tax.toml")
    assert error.key == 'fields."address.new"'
    assert error.reason == "defined twice: also in catalogue.toml"


def test_bad_regex(tmp_path: Path) -> None:
    make(tmp_path, CATALOGUE.replace("'^[^@]+@[^@]+$'", "'^[0-9+$'"))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == 'fields."citizen.email".pattern'
    assert error.reason.startswith("invalid regular expression: unterminated character set")


def test_an_example_that_its_own_pattern_refuses(tmp_path: Path) -> None:
    make(tmp_path, CATALOGUE.replace("'^[^@]+@[^@]+$'", "'^[^@]+@[^@]+$'\nexample = 'nome'"))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == 'fields."citizen.email".example'
    assert error.reason == "'nome' does not match ^[^@]+@[^@]+$"


def test_choice_without_options(tmp_path: Path) -> None:
    choice = '\n[fields."citizen.status"]\ntype = "choice"\n'
    choice += 'label = { pt = "Estado", en = "Status", es = "Estado" }\n'
    make(tmp_path, CATALOGUE + choice)
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == 'fields."citizen.status".options'
    assert error.reason == "a choice field needs at least two options"


def test_a_constraint_of_another_field_type(tmp_path: Path) -> None:
    make(tmp_path, CATALOGUE.replace('type = "address"', 'type = "address"\nmax_length = 3'))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == 'fields."address.new".max_length'
    assert error.reason == "applies only to text fields, not address"


def test_not_toml(tmp_path: Path) -> None:
    make(tmp_path, agency=AGENCY.replace("fee_cents = 0", "fee_cents = = 0"))
    error = broken(tmp_path, "tax.toml")
    assert error.key == "line 11, column 13"
    assert error.reason.startswith("not valid TOML: ")


def test_not_utf8(tmp_path: Path) -> None:
    make(tmp_path)
    (tmp_path / "tax.toml").write_bytes(AGENCY.replace("Finanças", "Finan\xe7as").encode("latin-1"))
    error = broken(tmp_path, "tax.toml")
    assert error.key == "(file)"
    assert error.reason.startswith("not UTF-8 text")


def test_no_catalogue_table(tmp_path: Path) -> None:
    make(tmp_path, CATALOGUE.replace("[catalogue]", "[catalogue_]"))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == "catalogue_"
    assert error.reason.startswith("unknown table 'catalogue_'; did you mean 'catalogue'?")


def test_agency_file_named_after_another_agency(tmp_path: Path) -> None:
    make(tmp_path)
    (tmp_path / "tax.toml").rename(tmp_path / "taxes.toml")
    error = broken(tmp_path, "taxes.toml")
    assert error.key == "agency.id"
    assert error.reason == "'tax' does not match the file name; name the file tax.toml"


def test_a_broken_demo_file_is_named_and_left_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(DEMO, folder)
    health = folder / "health.toml"
    text = health.read_text(encoding="utf-8")
    health.write_text(text.replace('type = "yesno"', 'type = "colour"', 1), encoding="utf-8")
    error = broken(folder, "health.toml")
    assert error.key == 'fields."health.family_doctor".type'
    assert "unknown field type 'colour'" in error.reason


def test_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(tmp_path / "nowhere")
    assert caught.value.reason == "not a folder of catalogue files"


MOVING = '[circumstances.moving-house]\nname = { pt = "Mudar de casa", en = "Moving house", es = "Mudarse de casa" }\n'  # noqa: E501


def test_a_circumstance_lists_its_core_services_first(tmp_path: Path) -> None:
    second = AGENCY.split("[[services]]")[1].replace("tax.change-of-address", "tax.rebate")
    make(
        tmp_path,
        CATALOGUE.replace(MOVING, MOVING + 'core = ["tax.rebate"]\n'),
        AGENCY + "\n[[services]]" + second,
    )
    catalogue = load_catalogue(tmp_path)
    assert list(catalogue.services) == ["tax.change-of-address", "tax.rebate"]
    listed = [s.id for s in catalogue.services_for_circumstance("moving-house")]
    assert listed == ["tax.rebate", "tax.change-of-address"]


@pytest.mark.parametrize(
    ("core", "reason"),
    [
        ('["tax.change-of-adress"]', "unknown service 'tax.change-of-adress'; did you mean"),
        ('["tax.change-of-address", "tax.change-of-address"]', "a service named twice"),
    ],
)
def test_a_core_service_must_be_a_service_of_the_circumstance(
    tmp_path: Path, core: str, reason: str
) -> None:
    make(tmp_path, CATALOGUE.replace(MOVING, MOVING + f"core = {core}\n"))
    error = broken(tmp_path, "catalogue.toml")
    assert error.key.startswith("circumstances.moving-house.core")
    assert error.reason.startswith(reason)


def test_a_core_service_must_list_the_circumstance(tmp_path: Path) -> None:
    retiring = '[circumstances.retiring]\nname = { pt = "R", en = "R", es = "R" }\n'
    make(tmp_path, CATALOGUE + retiring + 'core = ["tax.change-of-address"]\n')
    error = broken(tmp_path, "catalogue.toml")
    assert error.key == "circumstances.retiring.core[0]"
    assert error.reason == "'tax.change-of-address' does not list the circumstance 'retiring'"
