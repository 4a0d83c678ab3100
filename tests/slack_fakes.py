"""Offline stand-ins for the Slack app's world: a news site and Slack itself on 127.0.0.1, signed requests.

Nothing here reaches past this machine: `loopback_only` makes every httpx request to any other
address fail, and records what was asked for, so a test can show that no request went there.
"""

from __future__ import annotations

import html
import ipaddress
import json
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from slack_sdk.signature import SignatureVerifier

WAIT_S = 120.0  # for a brief to reach the fake Slack: the real summariser runs on 2 cores
SIGNING_SECRET = "test-signing-secret"


def loopback_only(monkeypatch: pytest.MonkeyPatch) -> list[httpx.URL]:
    """Every URL httpx is asked to send to; any address but loopback fails before a byte is sent."""
    sent: list[httpx.URL] = []
    send = httpx.AsyncHTTPTransport.handle_async_request

    async def guarded(transport: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        try:
            loopback = ipaddress.ip_address(request.url.host).is_loopback
        except ValueError:  # a name: the fetcher connects to vetted addresses only
            loopback = False
        if not loopback:
            raise httpx.ConnectError(f"the test network reaches loopback only, not {request.url.host}")
        return await send(transport, request)

    monkeypatch.setattr(httpx.AsyncHTTPTransport, "handle_async_request", guarded)
    return sent


# --- servers on 127.0.0.1 ---------------------------------------------------------------------------


@dataclass
class Reply:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay_s: float = 0.0


class _Server:
    """A threaded HTTP server on 127.0.0.1 whose handler is `self.reply`; stopped by `close`."""

    def __init__(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # the connection closes: a reply may omit Content-Length

            def do_GET(self) -> None:
                self._answer(b"")

            def do_POST(self) -> None:
                self._answer(self.rfile.read(int(self.headers.get("content-length", "0"))))

            def _answer(self, body: bytes) -> None:
                reply = owner.reply(self.command, self.path, dict(self.headers.items()), body)
                time.sleep(reply.delay_s)
                self.send_response(reply.status)
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(reply.body)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        raise NotImplementedError

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()


class FakeNewsSite(_Server):
    """Article pages, redirects and oddities; counts every request it gets, per path.

    Clear `open` to hold every request until it is set again (to show work waits for nothing).
    """

    def __init__(self) -> None:
        super().__init__()
        self.pages: dict[str, Reply] = {}
        self.hits: list[tuple[str, dict[str, str]]] = []
        self.open = threading.Event()
        self.open.set()

    def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        self.hits.append((path, headers))
        self.open.wait(WAIT_S)
        return self.pages.get(path, Reply(404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>"))

    def add_article(self, path: str, *, title: str | None, outlet: str, text: str) -> str:
        """An article page as outlets publish them: navigation, ads and a footer around the story."""
        paragraphs = "\n".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        headline = html.escape(title or "")
        page = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{headline} | {html.escape(outlet)}</title>
<meta property="og:site_name" content="{html.escape(outlet)}"><meta property="og:title" content="{headline}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a> <a href="/weather">Weather</a></nav>
<div class="promo">Subscribe today: your first month for just $1</div></header>
<main><article><h1>{headline}</h1>
{paragraphs}
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Ten gadgets you need this summer</a></li>
<li><a href="/b">Local team wins the cup in extra time</a></li></ul></aside></main>
<footer><p>© {html.escape(outlet)}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
</body></html>"""
        self.pages[path] = Reply(200, {"Content-Type": "text/html; charset=utf-8"}, page.encode("utf-8"))
        return self.url(path)

    def add(self, path: str, reply: Reply) -> str:
        self.pages[path] = reply
        return self.url(path)

    def hits_on(self, path: str) -> int:
        return sum(1 for hit_path, _ in self.hits if hit_path == path)


@dataclass
class SlackPost:
    path: str
    payload: dict[str, Any]


class FakeSlack(_Server):
    """Slack's side: records what the app posts to `response_url`s and to chat.postMessage."""

    def __init__(self) -> None:
        super().__init__()
        self.posts: list[SlackPost] = []
        self._changed = threading.Condition()

    @property
    def api_url(self) -> str:
        return self.url("/api/")

    def response_url(self, name: str) -> str:
        return self.url(f"/commands/{name}")

    def reply(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        if path == "/api/auth.test":  # Bolt asks once who its token belongs to
            answer = {
                "ok": True,
                "team_id": "T1",
                "user_id": "U0BOT",
                "bot_id": "B1",
                "url": "https://newsroom.example/",
            }
            return Reply(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())
        if headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
            payload: dict[str, Any] = dict(urllib.parse.parse_qsl(body.decode()))
        else:
            payload = json.loads(body or b"{}")
        with self._changed:
            self.posts.append(SlackPost(path, payload))
            self._changed.notify_all()
        return Reply(
            200, {"Content-Type": "application/json"}, json.dumps({"ok": True, "ts": "1.2"}).encode()
        )

    def wait_for(self, found: Callable[[SlackPost], bool]) -> SlackPost:
        """The first post for which `found` is true, waiting for it as long as a brief may take."""
        deadline = time.monotonic() + WAIT_S
        with self._changed:
            while True:
                match = next((post for post in self.posts if found(post)), None)
                if match is not None:
                    return match
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no such post reached the fake Slack; it got {self.posts}")
                self._changed.wait(left)

    def to(self, path: str) -> list[SlackPost]:
        return [post for post in self.posts if post.path == path]


@contextmanager
def serving(build: Callable[[str], FastAPI]) -> Iterator[str]:
    """`build(base_url)`'s app served by uvicorn on 127.0.0.1 in a thread; yields the base URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    base_url = f"http://127.0.0.1:{listener.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(build(base_url), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        time.sleep(0.01)
    try:
        yield base_url
    finally:
        server.should_exit = True
        thread.join()
        listener.close()


# --- what Slack sends ---------------------------------------------------------------------------------


def signed_headers(
    body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None
) -> dict[str, str]:
    """The headers Slack signs a request with (v0 HMAC-SHA256 of timestamp and body)."""
    when = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=when, body=body)
    assert signature is not None
    return {
        "X-Slack-Request-Timestamp": when,
        "X-Slack-Signature": signature,
        "Content-Type": "application/x-www-form-urlencoded",
    }


def command_body(text: str, *, response_url: str, trigger_id: str) -> str:
    return urllib.parse.urlencode(
        {
            "command": "/brief",
            "text": text,
            "response_url": response_url,
            "trigger_id": trigger_id,
            "team_id": "T1",
            "channel_id": "C1",
            "user_id": "U1",
            "user_name": "editor",
        }
    )


def shortcut_body(message_text: str, *, response_url: str, trigger_id: str) -> str:
    payload = {
        "type": "message_action",
        "callback_id": "brief_these_links",
        "trigger_id": trigger_id,
        "response_url": response_url,
        "team": {"id": "T1"},
        "channel": {"id": "C1", "name": "newsdesk"},
        "user": {"id": "U1", "name": "editor"},
        "message": {"type": "message", "user": "U2", "ts": "1700000000.000100", "text": message_text},
    }
    return urllib.parse.urlencode({"payload": json.dumps(payload)})
