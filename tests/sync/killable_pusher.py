"""A pushing client for the SIGKILL test: pushes its store's backlog, printing each ack.

Usage: python killable_pusher.py STORE_PATH URL TOKEN BATCH
"""

from __future__ import annotations

import sys

from sync.client import Backoff, SyncClient
from sync.store.store import LocalStore


def main(path: str, url: str, token: str, batch: int) -> None:
    store = LocalStore(path, site_id="crash-site")
    client = SyncClient(
        store,
        url,
        token,
        backoff=Backoff.off(),
        batch_events=batch,
        on_progress=lambda acked: print(f"acked {acked}", flush=True),
    )
    report = client.push()
    print(f"done {report.left}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]))
