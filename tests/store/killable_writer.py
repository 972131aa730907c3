"""A writer process for the crash test: appends events and reports each one once saved.

Usage: python killable_writer.py STORE_PATH
Prints ``ready`` then, after each append returns, the event's id on its own line.
"""

from __future__ import annotations

import sys

from sync.store.store import LocalStore


def main(path: str) -> None:
    store = LocalStore(path, site_id="crash-site")
    started = store.start_journey(language="en", channel="counter", actor="system")
    print(started.id, flush=True)
    while True:
        event = store.append(
            started.journey_id,
            "note.added",
            {"text": "x" * 200},
            channel="counter",
            actor="operator:crash",
        )
        print(event.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
