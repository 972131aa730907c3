"""The opt-out link of an e-mail: it asks first, then withdraws the contact consent; a
made-up token is "not found" and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from sync.central.notify.folder import FolderDriver
from sync.central.notify.worker import Notifier
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.web.conftest import Site


def test_the_link_in_an_email_stops_the_messages(site: Site, tmp_path: Path) -> None:
    journey_id, ref = Seeder(site.store).journey(language="en", address="ana@example.org")
    site.store.record_status(AGENCY, ref, SERVICE, "accepted", None)
    folder = tmp_path / "messages"
    notifier = Notifier(site.store, {"email": FolderDriver(folder)},
                        public_url=site.web.public_url)  # fmt: skip
    notifier.drain_once()
    notifier.stop()
    (mail,) = folder.glob("*.eml")
    found = re.search(r"http://testserver(/stop/[0-9a-f]{64})", mail.read_text())
    assert found, mail.read_text()
    path = found.group(1)
    asked = site.client.get(path)
    assert asked.status_code == 200 and "Stop the messages" in asked.text
    assert "contact" in site.store.journey_state(journey_id).consents  # opening changes nothing
    done = site.client.post(path, data={"csrftoken": site.form_token(asked.text)})
    assert done.status_code == 200 and "any more messages" in done.text
    state = site.store.journey_state(journey_id)
    assert "contact" not in state.consents and state.contact is None
    last = site.store.journey_events(journey_id)[-1]
    assert (last.type, last.channel, last.actor) == ("consent.withdrawn", "web", "citizen")


def test_a_made_up_token_is_not_found(site: Site) -> None:
    before = site.store.count_events()
    answer = site.client.get("/stop/" + "0" * 64)
    assert answer.status_code == 404
    assert site.store.count_events() == before
