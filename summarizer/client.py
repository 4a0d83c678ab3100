"""A thin client of the brief API: post a bundle, get the brief.

A busy service answers 429 (its queue is full) or 503 (loading, no worker free, shutting down)
with `Retry-After`; the client waits as asked and tries again, for at most `max_wait_s` in all.
Any other error, or a wait longer than that, raises `BriefRefused` with the service's own words.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from summarizer.errors import BriefRefused

_RETRYABLE = frozenset({429, 503})


class BriefClient:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        max_wait_s: float = 60.0,
        transport: Any = None,  # for tests: an httpx transport (sync, async or both)
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s, self.max_wait_s = timeout_s, max_wait_s
        self.headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self.transport = transport

    def brief(self, bundle: dict[str, Any]) -> dict[str, Any]:
        """The brief (the API's JSON) of `bundle`."""
        waited = 0.0
        sync = self.transport if hasattr(self.transport, "handle_request") else None
        with httpx.Client(
            base_url=self.base_url, headers=self.headers, timeout=self.timeout_s, transport=sync
        ) as http:
            while True:
                response = http.post("/v1/briefs", json=bundle)
                wait = self._wait(response, waited)
                if wait is None:
                    return _body(response)
                time.sleep(wait)
                waited += wait

    async def brief_async(self, bundle: dict[str, Any]) -> dict[str, Any]:
        """`brief`, for an event loop (the Slack app)."""
        waited = 0.0
        asynchronous = self.transport if hasattr(self.transport, "handle_async_request") else None
        async with httpx.AsyncClient(
            base_url=self.base_url, headers=self.headers, timeout=self.timeout_s, transport=asynchronous
        ) as http:
            while True:
                response = await http.post("/v1/briefs", json=bundle)
                wait = self._wait(response, waited)
                if wait is None:
                    return _body(response)
                await asyncio.sleep(wait)
                waited += wait

    def _wait(self, response: httpx.Response, waited: float) -> float | None:
        """Seconds to wait before asking again; None when the answer stands (a brief or an error
        `_body` raises)."""
        if response.status_code not in _RETRYABLE:
            return None
        asked = _retry_after(response)
        if asked is None or waited + asked > self.max_wait_s:
            return None
        return asked


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return max(0.0, float(response.headers["Retry-After"]))
    except (KeyError, ValueError):
        return None


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.is_success and isinstance(body, dict):
        return body
    detail = body.get("detail") if isinstance(body, dict) else None
    problems: list[dict[str, object]] = (
        [p if isinstance(p, dict) else {"msg": str(p)} for p in detail]
        if isinstance(detail, list)
        else [{"msg": str(detail or response.reason_phrase)}]
    )
    raise BriefRefused(response.status_code, problems, _retry_after(response))
