"""Benchmark of the notifier: drain N queued e-mails to a loopback SMTP server.

N journeys with the ``contact`` consent (e-mail), each with an agency's status,
are pushed into a central store (SQLite in a temp folder), which queues one
message each in its outbox. Then, in the same run and against the same aiosmtpd
server on loopback:

The SMTP server (aiosmtpd, counting what it receives) runs in a process of its own.

1. the baseline: a plain smtplib loop sending the same N messages (the same
   ``EmailMessage``s, built beforehand) over one connection, nothing else;
2. the notifier: ``drain_once`` until the outbox is empty, each message folded,
   checked (consent, quiet hours, daily limit), composed, sent over one kept
   connection and committed with its ``notification.sent`` (one transaction per
   message, so a crash resends at most one; the journeys of 20 rows are read and
   folded together, each asked for a newer event just before its send, and the
   next message's envelope goes while the last one commits: see
   ``sync/central/notify/worker.py``).

It prints messages per second of each and their ratio (target >= 0.5). Nothing is
asserted. Figures (10,000 messages, 2 cores shared with other work, so the
absolute rates move from run to run; the ratio is the figure): before the drain
was reworked 0.25; with the e-mail written as bytes, one connection for the
settles and the stored events not checked again, 0.61 (209 against 344
messages/s); with the envelope beside the commit too, 0.66 (289 against 441).
The look for a newer event before each send costs less than the noise: 0.66 with
it (595 against 906), 0.61 without it in the next run (754 against 1228).

Usage: python bench/notify.py [--messages N]
"""

from __future__ import annotations

import argparse
import smtplib
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sync.central.notify.driver import Outgoing
from sync.central.notify.smtp import SmtpConfig, SmtpDriver, build_email
from sync.central.notify.worker import Notifier
from sync.central.store import CentralStore
from sync.domain.notify import Policy
from tests.notify.journeys import AGENCY, SERVICE, Seeder
from tests.sync.serverproc import free_port

SINK = """
import sys, threading
from aiosmtpd.controller import Controller
class Count:
    received = 0
    async def handle_DATA(self, server, session, envelope):
        Count.received += 1
        return "250 OK"
controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print(sys.argv[1], flush=True)
sys.stdin.read()
controller.stop()
print(Count.received, flush=True)
"""

SENDER = "notify@counterpart.test"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    n = parser.parse_args().messages
    with tempfile.TemporaryDirectory() as folder:
        store = CentralStore(f"sqlite:///{Path(folder) / 'central.db'}")
        seeder = Seeder(store)
        started = time.perf_counter()
        for _ in range(n):
            _journey, ref = seeder.journey(language="en")
            store.record_status(AGENCY, ref, SERVICE, "accepted", None)
        print(f"{n} journeys with a status queued in {time.perf_counter() - started:.1f} s")
        baseline = [
            build_email(
                Outgoing(f"{i:032x}", "email", f"c{i}@example.org", "Your request",
                         "There is news about your request.\n", "en"),
                SENDER,
            )
            for i in range(n)
        ]  # fmt: skip
        # The SMTP server in a process of its own, as a real one is: in this process it
        # would take the GIL from whichever loop is measured.
        argv = [sys.executable, "-c", SINK, str(free_port())]
        sink = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert sink.stdout is not None and sink.stdin is not None
        port = int(sink.stdout.readline())
        try:
            started = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", port) as smtp:
                for message in baseline:
                    smtp.send_message(message)
            plain = n / (time.perf_counter() - started)
            policy = Policy(daily_limit=100)
            driver = SmtpDriver(SmtpConfig("127.0.0.1", port, SENDER, starttls=False))
            notifier = Notifier(store, {"email": driver}, policy=policy, batch=500)
            started = time.perf_counter()
            while notifier.drain_once():
                pass
            drained = n / (time.perf_counter() - started)
            notifier.stop()
        finally:
            sink.stdin.close()
            received = int(sink.stdout.readline() or 0)
            sink.wait(timeout=30)
        store.close()
    print(f"plain smtplib loop:  {plain:8.0f} messages/s")
    print(f"notifier's drain:    {drained:8.0f} messages/s  ({received - n} received in all)")
    print(f"ratio notifier/plain: {drained / plain:.2f} (target >= 0.5)")


if __name__ == "__main__":
    main()
