"""Starting the app: the catalogue is read once the sign-in screen is up, and a broken
one still closes the app with the error the command line reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.config import Settings
from app.factory import build_app
from app.screens.signin import SignInScreen
from sync.catalogue.model import Catalogue
from sync.errors import CatalogueError
from sync.store.store import LocalStore
from tests.app.conftest import ROOT, SIZE, AppFactory, settle, sign_in

pytestmark = pytest.mark.anyio


async def test_the_catalogue_is_read_after_the_first_screen(make_app: AppFactory) -> None:
    app = make_app(catalogue=None)
    assert not isinstance(app.desk._catalogue, Catalogue)  # the factory did not read it
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, SignInScreen)
        await settle(pilot)
        assert isinstance(app.desk._catalogue, Catalogue)  # the app's worker did
        await sign_in(pilot)
        assert app.desk.catalogue.services


async def test_a_broken_catalogue_closes_the_app_with_its_error(
    settings: Settings, store: LocalStore, tmp_path: Path
) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "fixtures/catalogue", folder)
    with (folder / "tax.toml").open("a", encoding="utf-8") as handle:
        handle.write("broken = [\n")
    section = settings.catalogue.model_copy(update={"path": folder})
    app = build_app(
        settings.model_copy(update={"catalogue": section}),
        store=store,
        use_devices=False,
        lock_after=None,
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert isinstance(app.fatal_error, CatalogueError)
    assert "tax.toml" in str(app.fatal_error)
    assert app.return_code == 1
