"""The central store's sync and back-office API under ``/api/v1``, one router per area.

``router`` gathers them: enrolment, sync (push and pull), journeys (fetch by
reference), handoffs (fetch by a scanned link's token hash) and the back office
(status) and the SMS gateway's replies (STOP). The routes find the store on
``app.state.store`` and the body limit on ``app.state.max_body_bytes``
(``sync.central.asgi.create_app`` sets both). Nothing is stored unless the whole
request is well-formed and authorised.
"""

from __future__ import annotations

from fastapi import APIRouter

from sync.central.api import backoffice, enrolment, handoffs, journeys, sms, syncing

router = APIRouter(prefix="/api/v1")
for area in (enrolment, syncing, journeys, handoffs, backoffice, sms):
    router.include_router(area.router)
