"""A fake OpenAI-compatible server on 127.0.0.1: `/v1/chat/completions` and `/v1/completions`.

It answers each prompt with its first quoted source less its trailing clause (a condensed
sentence verification accepts), or misbehaves as told: an HTTP error, a body that is not a completion,
an answer that comes later than any budget a test gives, one that trickles in a byte at a time, or
one of megabytes.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Literal

from tests.model_fakes import condensed

Mode = Literal["ok", "http-500", "not-json", "no-choices", "slow", "trickle", "huge"]


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class FakeOpenAI:
    url: str  # the server's root, without /v1
    mode: Mode = "ok"
    received: list[Received] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)  # ends a "slow" wait early
    dropped: threading.Event = field(default_factory=threading.Event)  # the client hung up mid-answer


def condense(sources: str) -> str:
    """The first `<source>` sentence of a user turn, condensed."""
    return condensed(sources.split("<source>", 1)[1].split("</source>", 1)[0])


def _answer(path: str, body: dict[str, Any]) -> dict[str, Any]:
    if path.endswith("/chat/completions"):
        text = condense(body["messages"][-1]["content"])
        return {
            "id": "chatcmpl-fake",
            "object": "chat.completion",
            "model": body["model"],
            "choices": [
                {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
            ],
        }
    # /v1/completions: the prompt's last paragraph holds the sources to condense.
    text = condense(body["prompt"].rstrip().split("\n\n")[-1])
    return {
        "id": "cmpl-fake",
        "object": "text_completion",
        "model": body["model"],
        "choices": [{"index": 0, "text": " " + text, "finish_reason": "stop"}],
    }


@contextmanager
def fake_openai_server() -> Iterator[FakeOpenAI]:
    state = FakeOpenAI(url="")
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length) or b"{}")
            with lock:
                state.received.append(Received(self.path, dict(self.headers.items()), body))
            if self.path not in ("/v1/chat/completions", "/v1/completions"):
                self._send(404, b'{"error": {"message": "no such route"}}')
            elif state.mode == "http-500":
                self._send(500, b'{"error": {"message": "CUDA out of memory", "type": "server_error"}}')
            elif state.mode == "not-json":
                self._send(200, b"<html>502 Bad Gateway</html>", "text/html")
            elif state.mode == "no-choices":
                self._send(200, json.dumps({"object": "chat.completion", "choices": []}).encode())
            elif state.mode == "huge":
                self._send(200, b'{"choices": [{"message": {"content": "' + b"x" * 2_000_000 + b'"}}]}')
            elif state.mode == "trickle":
                self._trickle(json.dumps(_answer(self.path, body)).encode())
            else:
                if state.mode == "slow":
                    state.release.wait(10)  # far past any test's budget, unless the test ends first
                self._send(200, json.dumps(_answer(self.path, body)).encode())

        def _send(self, code: int, payload: bytes, content_type: str = "application/json") -> None:
            try:
                self.send_response(code)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout tests)

        def _trickle(self, payload: bytes) -> None:
            """Headers at once, then the body a byte every tenth of a second (until the test ends)."""
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                for byte in payload:
                    if state.release.wait(0.1):
                        return
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                state.dropped.set()  # the client closed the connection

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, name="fake-openai", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
