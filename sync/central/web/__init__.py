"""The citizen's pages: continue at home what was started at a counter (DESIGN.md, "Handoff").

Server-rendered HTML (Jinja2) that works without JavaScript, in pt, en and es,
served by the central store beside its API (``site.mount``). A face: it holds
layout and words; the rules it applies (progress, consent, step and submit
rules, handoff states, the date-of-birth check, answer validation) come from
``sync.domain`` and ``sync.catalogue``, and what it reads and writes goes through
the ``CentralStore``. Everything the citizen does is an event on the journey,
channel ``web``, actor ``citizen``.
"""
