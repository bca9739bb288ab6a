"""A real HTTP server on 127.0.0.1 that records the completion events POSTed to it.

``fail_first`` answers that many requests with HTTP 503 first, so retries are exercised.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver:
    def __init__(self, fail_first: int = 0) -> None:
        self.events: list[dict] = []
        self.attempts = 0
        self.fail_first = fail_first
        self.arrived = threading.Condition()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with outer.arrived:
                    outer.attempts += 1
                    if outer.attempts <= outer.fail_first:
                        self.send_response(503)
                        self.end_headers()
                        return
                    outer.events.append(json.loads(body))
                    outer.arrived.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def wait_for(self, n: int, timeout: float = 60.0) -> list[dict]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.events) >= n, timeout=timeout)
            return list(self.events)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
