"""A client that hangs up mid-body costs the server one line of log, not a traceback.

Over a real ``counterpart central serve`` (uvicorn) on SQLite and PostgreSQL, and
without a token: the door that needs none is the cheapest to knock on.
"""

from __future__ import annotations

import socket

import httpx

from tests.sync.serverproc import CentralServer


def _hang_up_mid_body(port: int, path: str) -> None:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 100000\r\n\r\n"
        )
        conn.sendall(head.encode() + b'{"code": "' + b"x" * 1000)


def test_a_client_hanging_up_mid_body_logs_one_line(served: CentralServer) -> None:
    for _ in range(3):
        _hang_up_mid_body(served.port, "/api/v1/enrol")
    # The server is well and answers the next caller (and has handled the hang-ups).
    answer = httpx.post(f"{served.url}/api/v1/enrol", json={"code": "x", "device_id": "d"})
    assert answer.status_code == 403
    assert served.proc is not None and served.proc.stderr is not None
    served.proc.terminate()
    _, err = served.proc.communicate(timeout=15)
    served.proc = None
    log = err.decode()
    assert "Traceback" not in log, log
    lines = [line for line in log.splitlines() if "hung up" in line]
    assert len(lines) == 3, log
    assert "POST /api/v1/enrol after 1010 bytes" in lines[0]
