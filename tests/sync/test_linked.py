"""Pending fetches of linked journeys and their merge, over two local stores and a fake fetch."""

from __future__ import annotations

from pathlib import Path

from sync.domain.ids import new_reference
from sync.errors import SyncOffline, SyncRejected
from sync.linked import PendingFetch, add_pending, merge_pending, pending
from sync.store.store import LocalStore


def make_store(path: Path) -> LocalStore:
    return LocalStore(path, site_id="demo-lisboa", device_id="dev-test")


def other_store(path: Path) -> LocalStore:
    return LocalStore(path, site_id="demo-porto", device_id="dev-porto")


def linked(store: LocalStore, ref: str) -> PendingFetch:
    started = store.start_journey(language="pt", channel="van", actor="operator:ana")
    store.append(started.journey_id, "journey.linked", {"ref": ref, "reason": "offline"},
                 channel="van", actor="operator:ana")  # fmt: skip
    entry = PendingFetch(ref, started.journey_id, "ana", "van")
    add_pending(store, entry)
    return entry


def test_a_fetched_reference_is_linked_back_and_leaves_the_list(tmp_path: Path) -> None:
    with make_store(tmp_path / "here.db") as here, other_store(tmp_path / "there.db") as there:
        original = there.start_journey(language="en", channel="counter", actor="operator:bo")
        ref = original.data["ref"]
        entry = linked(here, ref)
        add_pending(here, entry)  # once per linked journey
        assert pending(here) == [entry]
        asked: list[tuple[str, str | None]] = []

        def fetch(wanted: str, operator: str | None) -> str | None:
            asked.append((wanted, operator))
            here.insert_remote(e.to_dict() for e in there.events_of(original.journey_id))
            return original.journey_id

        assert merge_pending(here, fetch) == [ref]
        assert asked == [(ref, "ana")]
        assert pending(here) == []
        back = here.events_of(original.journey_id)[-1]
        linked_ref = here.journey(entry.journey_id).ref
        assert (back.type, back.channel, back.actor) == ("journey.linked", "van", "system")
        assert back.data == {"ref": linked_ref, "reason": "merged"}
        assert merge_pending(here, fetch) == [] and len(asked) == 1


def test_what_cannot_be_fetched_yet_waits(tmp_path: Path) -> None:
    with make_store(tmp_path / "here.db") as here:
        refs = [new_reference(bytes([n] * 5)) for n in (1, 2, 3)]
        entries = [linked(here, r) for r in refs]
        assert pending(here) == entries

        def refused_then_unknown(wanted: str, operator: str | None) -> str | None:
            if wanted == refs[0]:
                raise SyncRejected(403, "not for this site")
            return None

        assert merge_pending(here, refused_then_unknown) == []
        assert pending(here) == entries

        def offline(wanted: str, operator: str | None) -> str | None:
            raise SyncOffline("no route")

        assert merge_pending(here, offline) == []
        assert pending(here) == entries
