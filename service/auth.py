"""API keys for `/v1/*` (the dependencies that check them are in `service.deps`).

Keys come from `SUMMARIZER_API_KEYS` (comma-separated). A client sends one as `X-API-Key: <key>`
(or `Authorization: Bearer <key>`, which the Slack app's client sends). No key is 401, a wrong
one 403. Keys are compared as SHA-256 digests with `hmac.compare_digest`, against every
configured key, so the time taken says nothing about how much of a key was right. With no keys
configured the API is open, and the service says so in its log at start-up. Health, readiness
and metrics do not use this (metrics can: `SUMMARIZER_METRICS_PUBLIC=false`).

The key is checked before the body is read (`KeyBeforeBody`): a client without one gets its 401
whatever it sends, and the server neither reads nor parses a byte of it. The routes' own
dependency checks it again, which also documents the key in OpenAPI.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable

from fastapi import HTTPException, Request, status
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from service.errors import problems

API_KEY_HEADER = "X-API-Key"


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).digest()


class ApiKeys:
    """The keys the API accepts; none means the API is open."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._digests = [_digest(key) for key in keys]

    @classmethod
    def parse(cls, configured: str | None) -> ApiKeys:
        """`SUMMARIZER_API_KEYS`: keys separated by commas, blanks around them ignored."""
        return cls(key.strip() for key in (configured or "").split(",") if key.strip())

    def __len__(self) -> int:
        return len(self._digests)

    @property
    def open(self) -> bool:
        return not self._digests

    def accepts(self, given: str) -> bool:
        digest = _digest(given)
        matched = False
        for known in self._digests:  # every key, always: no early exit
            matched |= hmac.compare_digest(known, digest)
        return matched


def given_key(request: Request) -> str | None:
    """The key the request carries: `X-API-Key`, else a bearer token; None if neither."""
    key = request.headers.get(API_KEY_HEADER, "").strip()
    if key:
        return key
    scheme, _, credentials = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return credentials.strip()
    return None


def check_key(keys: ApiKeys, given: str | None) -> None:
    """Nothing when the API is open or the key is good; else 401 (no key) or 403 (a wrong one)."""
    if keys.open:
        return
    if given is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            detail=f"an API key is required: send it in the {API_KEY_HEADER} header",
            headers={"WWW-Authenticate": f'ApiKey header="{API_KEY_HEADER}", Bearer'},
        )
    if not keys.accepts(given):
        raise HTTPException(status.HTTP_403_FORBIDDEN, detail="the API key is not valid")


class KeyBeforeBody:
    """A pure ASGI middleware: `/v1/*` requests without a good key are refused before their body is read."""

    def __init__(self, app: ASGIApp, keys: ApiKeys) -> None:
        self.app = app
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self.keys.open and scope["path"].startswith("/v1/"):
            try:
                check_key(self.keys, given_key(Request(scope)))
            except HTTPException as refusal:
                # The body stays unread: the connection closes after the answer.
                response = JSONResponse(
                    {"detail": problems(refusal.status_code, str(refusal.detail))},
                    status_code=refusal.status_code,
                    headers={**(refusal.headers or {}), "Connection": "close"},
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
