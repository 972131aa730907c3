"""The ``counterpart`` console script as a user runs it: help, config errors, JSON output."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COUNTERPART = str(Path(sys.executable).with_name("counterpart"))


def run(*args: str, cwd: Path = ROOT, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [COUNTERPART, *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_help_lists_subcommands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("journeys", "catalogue"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("edit", "named"),
    [
        (("[printer]\n", "[printer]\ncolour = 3\n"), "printer.colour"),
        (("columns = 42", "columns = 40"), "printer.columns = 40"),
        (('mode = "counter"', 'mode = "bus"'), "site.mode = 'bus'"),
        (('url = "embedded"', 'url = "ftp://x"'), "central.url = 'ftp://x'"),
        (("[site]\n", "[site]\nlanguage = 'pt'\n"), "site.language"),
        (("sync_interval_seconds = 30", "sync_interval_seconds = 1"), "central.sync_interval"),
    ],
)
def test_bad_config_exits_2_naming_the_key(site: Path, edit: tuple[str, str], named: str) -> None:
    text = site.read_text()
    assert edit[0] in text
    site.write_text(text.replace(edit[0], edit[1], 1))
    result = run("--config", str(site), "journeys")
    assert result.returncode == 2, result.stderr
    assert named in result.stderr
    assert str(site) in result.stderr
    # Nothing was created: the program stopped before opening the store.
    assert not (site.parent / "var").exists()


def test_config_that_is_not_toml_exits_2(site: Path) -> None:
    site.write_text("[site\nid=")
    result = run("--config", str(site), "journeys")
    assert result.returncode == 2
    assert "not valid TOML" in result.stderr


def test_missing_config_exits_2(tmp_path: Path) -> None:
    result = run("--config", str(tmp_path / "nope.toml"), "journeys")
    assert result.returncode == 2
    assert "no such file" in result.stderr


def test_journeys_json_is_valid_json(site: Path) -> None:
    from sync.store.store import LocalStore

    with LocalStore(site.parent / "var/counterpart.db", site_id="demo-lisboa") as store:
        started = store.start_journey(language="es", channel="counter", actor="operator:demo")
        store.append(
            started.journey_id,
            "citizen.identified",
            {"method": "manual", "name": "Lucía Pérez", "birth_date": "1975-03-01"},
            channel="counter",
            actor="operator:demo",
        )
    result = run("--config", str(site), "journeys", "--json")
    assert result.returncode == 0, result.stderr
    (row,) = json.loads(result.stdout)
    assert row["citizen_name"] == "Lucía Pérez"
    assert row["ref"] == started.data["ref"]
    table = run("--config", str(site), "journeys")
    assert "Lucía Pérez" in table.stdout


def test_catalogue_json_is_valid_json(site: Path) -> None:
    result = run("--config", str(site), "catalogue", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["services"]) >= 40
    assert len(data["agencies"]) >= 8


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("pt", ("Serviço", "Passos", "Em casa", "Taxa", "Dias", "gratuito", "serviços de")),
        ("es", ("Servicio", "Pasos", "En casa", "Tasa", "Días", "gratuito", "servicios de")),
    ],
)
def test_catalogue_table_is_in_the_language_asked(
    site: Path, lang: str, words: tuple[str, ...]
) -> None:
    result = run("--config", str(site), "catalogue", "--lang", lang)
    assert result.returncode == 0, result.stderr
    for word in words:
        assert word in result.stdout
    for english in ("Service", "At home", "Life events", " free ", "services from"):
        assert english not in result.stdout


def test_store_path_holding_another_file_exits_1_untouched(site: Path) -> None:
    store = site.parent / "var/counterpart.db"
    store.parent.mkdir()
    store.write_text("not a database")
    result = run("--config", str(site), "journeys")
    assert result.returncode == 1
    assert "not a SQLite database" in result.stderr
    assert store.read_text() == "not a database"


@pytest.mark.parametrize(
    ("where", "said"),
    [
        ("folder", "is a folder, not a store file"),
        ("under-a-file", "is a file, not a folder"),
        # /sys cannot be written, even by root: a folder that cannot be made, and one
        # that exists but cannot be written in.
        ("/sys/counterpart-test/counterpart.db", "cannot make the folder of the store"),
        ("/sys/counterpart.db", "may this user write in /sys?"),
    ],
)
def test_store_path_that_cannot_be_a_store_exits_1_creating_nothing(
    site: Path, where: str, said: str
) -> None:
    folder = site.parent
    if where == "folder":
        (folder / "store").mkdir()
        store = folder / "store"
    elif where == "under-a-file":
        (folder / "plain").write_text("a file")
        store = folder / "plain/var/counterpart.db"
    else:
        store = Path(where)
    site.write_text(site.read_text().replace('path = "var/counterpart.db"', f'path = "{store}"'))
    before = sorted(folder.rglob("*"))
    # Commands that would make the store: the app itself, and adding an operator.
    for args in ((), ("operators", "add", "ana", "--name", "Ana", "--pin-stdin")):
        result = run("--config", str(site), *args, stdin="4821\n")
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("counterpart: Local store error: "), result.stderr
        assert said in result.stderr
        assert str(store) in result.stderr
        assert "nothing was" in result.stderr
    assert sorted(folder.rglob("*")) == before
    assert not Path("/sys/counterpart-test").exists()


def test_broken_catalogue_exits_1_naming_file_and_key(site: Path, tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(ROOT / "fixtures/catalogue", catalogue)
    tax = catalogue / "vehicles.toml"
    original = tax.read_text()
    broken = original.replace('type = "text"', 'type = "colour"', 1)
    assert broken != original
    tax.write_text(broken)
    site.write_text(
        site.read_text().replace(f'path = "{ROOT / "fixtures/catalogue"}"', f'path = "{catalogue}"')
    )
    result = run("--config", str(site), "catalogue")
    assert result.returncode == 1
    assert "vehicles.toml" in result.stderr
    assert "colour" in result.stderr
    assert tax.read_text() == broken


def test_read_only_commands_never_make_a_store_and_name_where_they_looked(
    tmp_path: Path,
) -> None:
    # The committed kiosk.toml copied to another folder: its relative paths point there.
    folder = tmp_path / "copied"
    folder.mkdir()
    config = folder / "kiosk.toml"
    shutil.copy(ROOT / "kiosk.toml", config)
    store = folder / "var/counterpart.db"
    for args in (
        ("journeys",),
        ("journeys", "--json"),
        ("operators",),
        ("central", "status"),
        ("central", "insight"),
    ):
        result = run("--config", "kiosk.toml", *args, cwd=folder)
        assert result.returncode == 1, (args, result.stderr)
        assert "Traceback" not in result.stderr
        said = " ".join(result.stderr.split())
        looked = store if args[0] != "central" else folder / "var/central.db"
        assert f"there is no {'central ' if args[0] == 'central' else ''}store at {looked}" in said
        assert str(config) in said and 'path = "var/counterpart.db"' in said
        assert "nothing was created" in said
        assert sorted(p.name for p in folder.iterdir()) == ["kiosk.toml"], args
    # A command that writes makes it, as the app's first start does; then listing works.
    added = run("--config", str(config), "operators", "add", "ana", "--name", "Ana",
                "--pin-stdin", stdin="4821\n")  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert store.is_file()
    listed = run("--config", str(config), "journeys")
    assert listed.returncode == 0, listed.stderr
    assert "No journeys in" in listed.stdout


def test_the_app_with_a_copied_kiosk_toml_names_the_demo_cards_it_cannot_find(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    shutil.copy(ROOT / "kiosk.toml", config)
    result = run("--config", str(config), cwd=tmp_path)  # the app itself
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    said = " ".join(result.stderr.split())
    assert f'{config}: card_reader.cards = "fixtures/cards"' in said
    assert str(tmp_path / "fixtures/cards") in said
    assert "relative to the kiosk.toml's folder" in said
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kiosk.toml"]  # no store made
