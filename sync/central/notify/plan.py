"""How a central store's notifier is set up, in plain values, and the notifier made from it.

``app.factory.notify_plan`` reads ``[notify]`` (and the secret files it names) into
a ``NotifyPlan``; ``counterpart central serve`` and the embedded store call
``make_notifier`` with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from sync.catalogue.model import Catalogue
from sync.central.notify.driver import Driver
from sync.central.notify.folder import FolderDriver
from sync.central.notify.sms import SmsConfig, SmsGatewayDriver
from sync.central.notify.smtp import SmtpConfig, SmtpDriver
from sync.central.notify.worker import Notifier
from sync.central.store import CentralStore
from sync.domain.events import ContactChannel
from sync.domain.notify import MAX_TRIES, Policy


@dataclass(frozen=True)
class NotifyPlan:
    """What ``[notify]`` asks for.

    Attributes:
        driver: ``file`` (every message to ``folder``) or ``network`` (SMTP and the SMS
            gateway, each when configured).
        folder: where ``file`` writes.
        sender: the From address of e-mails.
        smtp: the SMTP server (None: no e-mail over the network).
        sms: the SMS gateway (None: no SMS over the network).
        policy: quiet hours, the daily limit and the time-based triggers.
        poll_seconds: how often an idle notifier looks again.
        max_tries: tries before a message is given up.
    """

    driver: Literal["file", "network"]
    folder: Path = Path("var/messages")
    sender: str = "counterpart@localhost"
    smtp: SmtpConfig | None = None
    sms: SmsConfig | None = None
    policy: Policy = field(default_factory=Policy)
    poll_seconds: float = 2.0
    max_tries: int = MAX_TRIES


def make_notifier(
    store: CentralStore,
    plan: NotifyPlan,
    catalogue: Callable[[], Catalogue] | None = None,
    public_url: str | None = None,
) -> Notifier:
    """A notifier over ``store`` with the drivers ``plan`` names (not started); with the
    citizen's pages' ``public_url``, each e-mail carries an opt-out link to them."""
    drivers: dict[ContactChannel, Driver] = {}
    if plan.driver == "file":
        folder = FolderDriver(plan.folder, plan.sender)
        drivers = {"email": folder, "sms": folder}
    else:
        if plan.smtp is not None:
            drivers["email"] = SmtpDriver(plan.smtp)
        if plan.sms is not None:
            drivers["sms"] = SmsGatewayDriver(plan.sms)
    return Notifier(store, drivers, policy=plan.policy, catalogue=catalogue,
                    poll_seconds=plan.poll_seconds, max_tries=plan.max_tries,
                    public_url=public_url)  # fmt: skip
