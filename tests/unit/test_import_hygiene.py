"""Every module imports on its own in a fresh interpreter, and loads only what its layer may.

A deferred import can hide a circle (``a`` imports ``b`` at the top, ``b`` imports
``a`` inside a function) until the one code path that runs it; importing each
module first, alone, finds it now. Each child interpreter also reports which
modules it loaded, so a layer that drags in a library it must not (the journey
domain and SQLite, the store and the printer library, the central store and
the device side) fails here even when import-linter cannot see the import
(``importlib``, a plugin).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "devices", "sync")

NOT_LOADED_BY: dict[str, tuple[str, ...]] = {
    # The pure domain: no I/O of any kind, no UI, no web framework.
    "sync.domain": (
        "sqlite3",
        "sqlite_utils",
        "httpx",
        "sqlalchemy",
        "fastapi",
        "textual",
        "escpos",
        "smartcard",
        "app",
        "devices",
    ),
    "sync.catalogue": ("sqlite3", "httpx", "sqlalchemy", "textual", "app", "devices"),
    # The local store: no printer library, no card library, no UI, no central store.
    "sync.store": (
        "escpos",
        "PIL",
        "smartcard",
        "textual",
        "devices",
        "app",
        "sqlalchemy",
        "fastapi",
        "sync.central",
    ),
    # The central store shares only the domain and the catalogue with the device side.
    "sync.central": (
        "sync.store",
        "sync.client",
        "sync.link",
        "sync.linked",
        "sync.nudge",
        "devices",
        "app",
        "textual",
        "escpos",
    ),
    "devices": ("sync", "app", "textual"),
}
"""For a module under the key: top-level packages (or modules) its import must not load."""


def _modules() -> Iterator[str]:
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = tuple(_modules())

_CHILD = (
    "import importlib, json, sys; importlib.import_module(sys.argv[1]); "
    "print(json.dumps(sorted(sys.modules)))"
)


def _import_alone(module: str) -> tuple[str, int, str, list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, module],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    loaded = json.loads(done.stdout) if done.returncode == 0 else []
    return module, done.returncode, done.stderr, loaded


@pytest.fixture(scope="module")
def imported() -> dict[str, tuple[int, str, list[str]]]:
    """Each module imported in its own interpreter: exit code, stderr, modules loaded."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        return {m: (rc, err, loaded) for m, rc, err, loaded in pool.map(_import_alone, MODULES)}


def test_the_packages_have_modules() -> None:
    assert len(MODULES) > 100
    assert {"app.cli", "sync.domain.fold", "devices.qr"} <= set(MODULES)


def test_every_module_imports_alone(imported: dict[str, tuple[int, str, list[str]]]) -> None:
    failed = {m: err.strip().splitlines()[-1:] for m, (rc, err, _) in imported.items() if rc}
    assert failed == {}


def _forbidden_for(module: str) -> tuple[str, ...]:
    return tuple(
        name
        for prefix, names in NOT_LOADED_BY.items()
        if module == prefix or module.startswith(prefix + ".")
        for name in names
    )


def test_no_module_loads_what_its_layer_must_not(
    imported: dict[str, tuple[int, str, list[str]]],
) -> None:
    wrong: dict[str, list[str]] = {}
    for module, (_, _, loaded) in imported.items():
        for name in _forbidden_for(module):
            hits = [m for m in loaded if m == name or m.startswith(name + ".")]
            if hits:
                wrong.setdefault(module, []).append(name)
    assert wrong == {}


def test_a_child_reports_what_it_loaded() -> None:
    # The control for the test above: the store does load SQLite, and the check sees it.
    _, rc, _, loaded = _import_alone("sync.store.store")
    assert rc == 0
    assert {"sync.store.store", "sqlite3"} <= set(loaded)
    assert "sqlite3" in _forbidden_for("sync.domain.fold")
