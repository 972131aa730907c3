"""Another site: a page served from another origin (``localhost`` on its own port, so a
different site from ``127.0.0.1`` to the browser) whose script posts a form to the
citizen's pages at once, as a cross-site request forgery would."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def forging_page(action: str, fields: Mapping[str, str]) -> str:
    """A page that posts ``fields`` to ``action`` as soon as it loads."""
    inputs = "".join(
        f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
        for k, v in fields.items()
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Win a prize</title>'
        f'</head><body><form id="f" method="post" action="{html.escape(action)}">{inputs}'
        "<button>Claim</button></form>"
        "<script>document.getElementById('f').submit()</script></body></html>"
    )


@contextmanager
def another_site(page_html: str) -> Iterator[str]:
    """Serve ``page_html`` at ``http://localhost:PORT/``; yields that address."""
    body = page_html.encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet: the test says what matters

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, name="another-site", daemon=True)
    thread.start()
    try:
        yield f"http://localhost:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
