"""The brief cache: the same bundle posted twice is answered from memory, within a bound, counted."""

from __future__ import annotations

import copy
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import anyio
import httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from service.app import create_app
from service.cache import CACHE_HEADER, BriefCache, brief_key
from service.settings import ServiceSettings
from summarizer.generate import Message
from summarizer.pipeline import Summarizer
from summarizer.request import Deadline
from summarizer.schema import BriefOut, BundleIn
from summarizer.tuning import Tuning


def counted(name: str) -> float:
    return REGISTRY.get_sample_value(name) or 0.0


class Counting(Summarizer):
    """The session's summariser, counting the briefs it writes; optionally slow."""

    def __init__(self, inner: Summarizer, delay: float = 0.0) -> None:
        super().__init__(inner.settings, inner.tuning, embedder=inner.embedder, generator=inner.generator)
        self.calls, self.delay = 0, delay
        self._lock = threading.Lock()

    def brief(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            self.calls += 1
        time.sleep(self.delay)
        return super().brief(*args, **kwargs)


@pytest.fixture
def app_with(summarizer: Summarizer) -> Callable[..., tuple[TestClient, Counting]]:
    def make(
        entries: int = 8, inner: Summarizer | None = None, delay: float = 0.0
    ) -> tuple[TestClient, Counting]:
        counting = Counting(inner or summarizer, delay)
        app = create_app(summarizer=counting, settings=ServiceSettings(brief_cache_entries=entries))
        return TestClient(app), counting

    return make


def test_the_same_bundle_twice_is_a_hit_with_the_same_body(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, counting = app_with()
    hits, misses = (
        counted("summarizer_brief_cache_hits_total"),
        counted("summarizer_brief_cache_misses_total"),
    )

    first = client.post("/v1/briefs", json=example_bundle)
    second = client.post("/v1/briefs", json=copy.deepcopy(example_bundle))

    assert first.status_code == second.status_code == 200
    assert first.headers[CACHE_HEADER] == "miss" and second.headers[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert counting.calls == 1
    assert counted("summarizer_brief_cache_hits_total") == hits + 1
    assert counted("summarizer_brief_cache_misses_total") == misses + 1


def test_a_different_length_or_text_is_a_miss_but_another_budget_is_not(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, counting = app_with()
    client.post("/v1/briefs", json=example_bundle)

    shorter = client.post("/v1/briefs", json={**example_bundle, "max_words": 30})
    edited = copy.deepcopy(example_bundle)
    edited["articles"][0]["text"] += " An update followed."
    changed = client.post("/v1/briefs", json=edited)
    budget = client.post("/v1/briefs", json={**example_bundle, "budget_s": 7})

    assert shorter.headers[CACHE_HEADER] == changed.headers[CACHE_HEADER] == "miss"
    assert budget.headers[CACHE_HEADER] == "hit"  # a budget bounds the work, not the brief
    assert counting.calls == 3


def test_the_cache_keeps_at_most_its_bound_least_recently_used_out_first(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, _ = app_with(entries=2)
    cache: BriefCache = client.app.state.brief_cache  # type: ignore[attr-defined]
    bundles = [{**example_bundle, "max_words": words} for words in (30, 40, 50)]

    client.post("/v1/briefs", json=bundles[0])
    client.post("/v1/briefs", json=bundles[1])
    assert client.post("/v1/briefs", json=bundles[0]).headers[CACHE_HEADER] == "hit"  # now most recent
    client.post("/v1/briefs", json=bundles[2])  # evicts bundles[1], the least recently used

    assert len(cache) == 2
    assert client.post("/v1/briefs", json=bundles[0]).headers[CACHE_HEADER] == "hit"
    assert client.post("/v1/briefs", json=bundles[1]).headers[CACHE_HEADER] == "miss"


def test_zero_entries_turns_the_cache_off(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, counting = app_with(entries=0)
    responses = [client.post("/v1/briefs", json=example_bundle) for _ in range(2)]
    assert all(r.status_code == 200 and CACHE_HEADER not in r.headers for r in responses)
    assert counting.calls == 2


class _Failing:
    name, device, load_seconds = "failing", "cpu", 0.0

    def complete(
        self, prompts: Sequence[list[Message]], max_new_tokens: int, deadline: Deadline, done: Any = None
    ) -> list[str]:
        raise RuntimeError("the model fell over")

    def close(self) -> None:
        pass


def test_a_brief_that_fell_back_is_not_kept(
    app_with: Callable[..., tuple[TestClient, Counting]],
    summarizer: Summarizer,
    example_bundle: dict[str, Any],
) -> None:
    failing = Summarizer(summarizer.settings, embedder=summarizer.embedder, generator=_Failing())
    client, counting = app_with(inner=failing)
    responses = [client.post("/v1/briefs", json=example_bundle) for _ in range(2)]
    assert [r.json()["generation"]["error"] for r in responses] == ["generation failed: RuntimeError"] * 2
    assert [r.headers[CACHE_HEADER] for r in responses] == ["miss", "miss"]
    assert counting.calls == 2


def at_once(client: TestClient, bundle: dict[str, Any], count: int) -> list[httpx.Response]:
    """`count` identical requests sent together."""

    async def all_of_them() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=client.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=120) as http:
            responses: list[httpx.Response] = []

            async def post() -> None:
                responses.append(await http.post("/v1/briefs", json=bundle))

            async with anyio.create_task_group() as group:
                for _ in range(count):
                    group.start_soon(post)
            return responses

    return anyio.run(all_of_them)


def test_an_identical_request_in_flight_is_waited_for_not_written_twice(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, counting = app_with(delay=0.5)  # slow enough that the second arrives during the first

    responses = at_once(client, example_bundle, 2)

    assert sorted(r.headers[CACHE_HEADER] for r in responses) == ["hit", "miss"]
    assert responses[0].content == responses[1].content
    assert counting.calls == 1


def test_twenty_identical_requests_are_computed_once_and_all_answered_even_when_not_cacheable(
    app_with: Callable[..., tuple[TestClient, Counting]],
    summarizer: Summarizer,
    example_bundle: dict[str, Any],
) -> None:
    """A brief written around a fault is not kept, but the requests waiting for it get it."""
    failing = Summarizer(summarizer.settings, embedder=summarizer.embedder, generator=_Failing())
    client, counting = app_with(inner=failing, delay=0.5)

    responses = at_once(client, example_bundle, 20)

    assert [r.status_code for r in responses] == [200] * 20
    assert sorted(r.headers[CACHE_HEADER] for r in responses) == ["hit"] * 19 + ["miss"]
    assert len({r.content for r in responses}) == 1
    assert counting.calls == 1
    # Not kept: the next request writes it again.
    assert client.post("/v1/briefs", json=example_bundle).headers[CACHE_HEADER] == "miss"


def test_a_request_waiting_for_an_identical_one_waits_no_longer_than_the_queue_allows(
    summarizer: Summarizer, example_bundle: dict[str, Any]
) -> None:
    counting = Counting(summarizer, delay=3.0)
    settings = ServiceSettings(brief_cache_entries=8, queue_timeout_s=0.5)
    client = TestClient(create_app(summarizer=counting, settings=settings))

    responses = at_once(client, example_bundle, 2)

    assert sorted(r.status_code for r in responses) == [200, 503]
    refused = next(r for r in responses if r.status_code == 503)
    assert "Retry-After" in refused.headers and "no worker was free" in refused.json()["detail"][0]["msg"]
    assert counting.calls == 1


def test_the_key_covers_what_changes_the_brief(
    summarizer: Summarizer, example_bundle: dict[str, Any]
) -> None:
    def key_of(bundle: dict[str, Any], by: Summarizer = summarizer) -> str:
        return brief_key(BundleIn.model_validate(bundle).to_request(by.settings), by)

    key = key_of(example_bundle)
    assert key == key_of(copy.deepcopy(example_bundle))
    assert key == key_of({**example_bundle, "budget_s": 0})
    other_settings = summarizer.settings.model_copy(update={"max_new_tokens": 99})
    other = Summarizer(other_settings, embedder=summarizer.embedder, generator=summarizer.generator)
    assert key_of(example_bundle, other) != key
    retuned = Summarizer(
        summarizer.settings,
        Tuning(min_fact_words=8),
        embedder=summarizer.embedder,
        generator=summarizer.generator,
    )
    assert key_of(example_bundle, retuned) != key
    reordered = {**example_bundle, "articles": example_bundle["articles"][::-1]}
    assert key_of(reordered) != key


def test_a_cached_brief_validates_as_a_brief(
    app_with: Callable[..., tuple[TestClient, Counting]], example_bundle: dict[str, Any]
) -> None:
    client, _ = app_with()
    client.post("/v1/briefs", json=example_bundle)
    BriefOut.model_validate(client.post("/v1/briefs", json=example_bundle).json())


def test_a_requested_extractive_brief_is_no_fault_and_is_cached(
    rewriting_summarizer: Summarizer, example_bundle: dict[str, Any]
) -> None:
    """`budget_s: 0` on the packaged model: no model runs, nothing is flagged, the brief is kept."""
    bundle = {**example_bundle, "budget_s": 0}

    with TestClient(create_app(summarizer=rewriting_summarizer)) as client:
        first = client.post("/v1/briefs", json=bundle)
        again = client.post("/v1/briefs", json=bundle)

    assert first.status_code == again.status_code == 200, first.text
    out = first.json()
    assert out["generation"]["budget_exhausted"] is False
    assert out["generation"]["model"] is None and out["generation"]["error"] is None
    assert out["mode"] != "fused"
    assert again.headers.get("X-Brief-Cache") == "hit"
