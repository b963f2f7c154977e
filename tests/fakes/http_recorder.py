"""A local HTTP server that records every request and answers as told: the fake Telegram Bot API and the fake
Twilio API of the channel tests. Real HTTP on 127.0.0.1, in a thread of the test process."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode("utf-8")).items()}


@dataclass
class Answer:
    status: int = 200
    body: Any = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)


# Decides the answer to one request; the default answers 200 with an empty JSON object.
Responder = Callable[[RecordedRequest], Answer]


class HttpRecorder:
    def __init__(self, responder: Responder | None = None) -> None:
        self.requests: list[RecordedRequest] = []
        self.responder: Responder = responder or (lambda request: Answer())
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> HttpRecorder:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def _handle(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = RecordedRequest(
                    self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, self.rfile.read(length)
                )
                with recorder._lock:
                    recorder.requests.append(request)
                answer = recorder.responder(request)
                body = answer.body if isinstance(answer.body, bytes) else json.dumps(answer.body).encode()
                self.send_response(answer.status)
                self.send_header("Content-Type", answer.headers.get("Content-Type", "application/json"))
                for name, value in answer.headers.items():
                    if name != "Content-Type":
                        self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = do_DELETE = _handle

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port or self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Shut the server down: its port refuses connections until `start()` again (same port)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def wait_for(
        self, predicate: Callable[[RecordedRequest], bool], count: int = 1, timeout: float = 20
    ) -> list[RecordedRequest]:
        """The recorded requests that match, once there are at least `count` of them (or fails after `timeout`)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                matching = [request for request in self.requests if predicate(request)]
            if len(matching) >= count or time.monotonic() > deadline:
                assert len(matching) >= count, f"expected {count} matching requests, got {len(matching)}"
                return matching
            time.sleep(0.05)
