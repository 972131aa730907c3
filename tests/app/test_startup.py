"""Starting the app: the catalogue is read once the sign-in screen is up, a broken one
still closes the app with the error the command line reports, and the garbage collector
paused for the start-up comes back with rare full passes."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from app.config import Settings
from app.counter.screens.signin import SignInScreen
from app.factory import build_app
from app.startup import FULL_PASS_AFTER, pause_collector, resume_collector
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
    machine: Settings, store: LocalStore, tmp_path: Path
) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(ROOT / "fixtures/catalogue", folder)
    with (folder / "tax.toml").open("a", encoding="utf-8") as handle:
        handle.write("broken = [\n")
    section = machine.catalogue.model_copy(update={"path": folder})
    app = build_app(
        machine.model_copy(update={"catalogue": section}),
        store=store,
        use_devices=False,
        lock_after=None,
    )
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
    finally:
        if app.sync_link is not None:
            app.sync_link.close()  # its embedded central store is the test's, not 8780
    assert isinstance(app.fatal_error, CatalogueError)
    assert "tax.toml" in str(app.fatal_error)
    assert app.return_code == 1


def test_the_collector_paused_for_start_up_resumes_with_rare_full_passes() -> None:
    threshold = gc.get_threshold()
    try:
        pause_collector()
        assert not gc.isenabled()
        resume_collector()
        assert gc.isenabled()
        assert gc.get_threshold() == (threshold[0], threshold[1], FULL_PASS_AFTER)
        resume_collector()  # not paused: nothing to do
        assert gc.get_threshold()[2] == FULL_PASS_AFTER
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
        gc.enable()
