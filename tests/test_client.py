"""The thin API client (summarizer/client.py): briefs, waits out 429 and 503 as asked, refuses in the service's words."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from service.app import create_app
from summarizer.client import BriefClient
from summarizer.errors import BriefRefused
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE
from tools.demo import serving
from tools.harness import wait_ready

BRIEF = {"brief": [], "sources": [], "words": 0}


def replies(*answers: httpx.Response) -> tuple[httpx.MockTransport, list[httpx.Request]]:
    """A transport that gives `answers` in turn and records the requests."""
    seen: list[httpx.Request] = []
    queue = list(answers)

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return queue.pop(0)

    return httpx.MockTransport(handle), seen


def busy(status: int, retry_after: str) -> httpx.Response:
    return httpx.Response(status, headers={"Retry-After": retry_after}, json={"detail": [{"msg": "busy"}]})


def test_a_busy_service_is_waited_out_as_it_asks() -> None:
    transport, seen = replies(busy(503, "0"), busy(429, "0.01"), httpx.Response(200, json=BRIEF))

    assert BriefClient("http://brief.test", transport=transport).brief(EXAMPLE_BUNDLE) == BRIEF
    assert len(seen) == 3 and all(r.url.path == "/v1/briefs" for r in seen)


def test_a_wait_longer_than_allowed_is_refused_at_once_with_the_wait() -> None:
    transport, seen = replies(busy(429, "90"))

    with pytest.raises(BriefRefused) as refused:
        BriefClient("http://brief.test", transport=transport, max_wait_s=30).brief(EXAMPLE_BUNDLE)

    assert refused.value.status_code == 429 and refused.value.retry_after_s == 90
    assert len(seen) == 1


def test_a_refused_bundle_raises_in_the_services_words_and_sends_the_key() -> None:
    problem = {"loc": ["body", "articles"], "msg": "List should have at least 2 items", "type": "too_short"}
    transport, seen = replies(httpx.Response(422, json={"detail": [problem]}))

    with pytest.raises(BriefRefused) as refused:
        BriefClient("http://brief.test", api_key="k1", transport=transport).brief({"articles": []})

    assert refused.value.problems == [problem] and "at least 2 items" in str(refused.value)
    assert seen[0].headers["Authorization"] == "Bearer k1"


def test_the_async_client_waits_too() -> None:
    transport, seen = replies(busy(503, "0"), httpx.Response(200, json=BRIEF))

    async def brief() -> dict[str, Any]:
        return await BriefClient("http://brief.test", transport=transport).brief_async(EXAMPLE_BUNDLE)

    assert asyncio.run(brief()) == BRIEF
    assert len(seen) == 2


def test_against_the_real_service_over_http(summarizer: Summarizer) -> None:
    with serving(create_app(summarizer)) as base_url:
        wait_ready(base_url)
        brief = BriefClient(base_url).brief(EXAMPLE_BUNDLE)

    assert brief["brief"] and brief["words"] <= EXAMPLE_BUNDLE["max_words"]
