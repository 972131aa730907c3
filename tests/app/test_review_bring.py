"""The review table shows what to bring whole (issue 14, item 9): at 120x38, with a journey
of six services, every document of the Bring column is on screen, not cut at the edge."""

from __future__ import annotations

import pytest

from app.counter.screens.review import ReviewScreen
from sync.domain.progress import service_progress
from sync.store.operators import get_operator
from tests.app.conftest import AppFactory, open_from_home, seed_journey, settle, sign_in
from tests.app.screen_text import screen_lines

pytestmark = pytest.mark.anyio

MORE = (
    "vehicles.address-change",
    "health.change-health-centre",
    "municipality.residence-registration",
    "civil-registry.id-card",
)


async def test_every_document_to_bring_is_on_screen_whole(make_app: AppFactory) -> None:
    app = make_app(sync_link=None)
    journey_id = seed_journey(app)
    app.desk.operator = get_operator(app.desk.store, "demo")
    for service in MORE:
        app.desk.add_service(journey_id, service)
    app.desk.operator = None
    async with app.run_test(size=(120, 38)) as pilot:
        await sign_in(pilot)
        await open_from_home(pilot, journey_id)
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        lang = app.session.ui_language
        state = app.desk.journey(journey_id)
        catalogue = app.desk.catalogue
        documents = {
            document.name.get(lang)
            for service_id in state.services
            for document in service_progress(
                state, catalogue, catalogue.services[service_id]
            ).to_bring
        }
        assert len(documents) >= 4, documents
        lines = screen_lines(app)
        shown = "\n".join(lines)
        missing = [name for name in documents if not any(name in line for line in lines)]
        assert not missing, shown
        # and each service's row is there, the last one too
        for service_id in state.services:
            words = catalogue.services[service_id].name.get(lang).split()
            assert words[0] in shown
