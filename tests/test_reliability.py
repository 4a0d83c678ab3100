"""Reliability: body cap, admission (queue, timeouts, deadline), API keys, shutdown, logs, metrics, faults.

Offline and timing-free: the model is a stand-in (tests/model_fakes.py) that answers, raises,
sleeps or waits to be released; the embedder is the session's MiniLM (or TF-IDF where noted).
"""

from __future__ import annotations

import copy
import hmac
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client import REGISTRY

from service import auth
from service.app import create_app
from service.logs import JsonFormatter
from service.settings import ServiceSettings
from summarizer import embed
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE
from summarizer.settings import Settings
from tests.model_fakes import FakeModel

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def settings(**overrides: Any) -> ServiceSettings:
    # No brief cache: identical bundles must each reach admission and the pipeline.
    return ServiceSettings(**{"brief_cache_entries": 0, **overrides})


def with_model(summarizer: Summarizer, model: Any) -> Summarizer:
    return Summarizer(Settings(model="none"), embedder=summarizer.embedder, generator=model)


def bundle(n: int = 0) -> dict[str, Any]:
    """The contract's example, made distinct by `n` (its article ids)."""
    out = copy.deepcopy(EXAMPLE_BUNDLE)
    for article in out["articles"]:
        article["id"] = f"{article['id']}-{n}"
    return out


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


async def until(condition: Callable[[], bool], what: str) -> None:
    """Wait for `condition`; the limit is a guard against hanging, not a timing assertion."""
    with anyio.fail_after(60):
        while not condition():
            await anyio.sleep(0.01)


@pytest.fixture
async def client_for() -> AsyncIterator[Callable[[FastAPI], httpx.AsyncClient]]:
    clients: list[httpx.AsyncClient] = []

    def make(app: FastAPI) -> httpx.AsyncClient:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://service", timeout=120
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        await client.aclose()


# --- the body cap: 413 before the body is parsed -----------------------------------------------


@pytest.fixture
def small_body_client(summarizer: Summarizer) -> Iterator[TestClient]:
    with TestClient(create_app(summarizer, settings(max_body_bytes=4096))) as client:
        yield client


def test_a_body_declared_larger_than_the_cap_is_413_naming_the_limit(small_body_client: TestClient) -> None:
    body = json.dumps({"articles": [{"text": "x" * 5000}, {"text": "y"}]}).encode()

    response = small_body_client.post(
        "/v1/briefs", content=body, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["body"] and "4096 bytes" in error["msg"]
    assert "x" * 100 not in response.text


def test_a_streamed_body_is_counted_as_it_arrives(small_body_client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: sent chunked
        yield b'{"articles": [{"text": "'
        for _ in range(10):
            yield b"x" * 1000
        yield b'"}, {"text": "y"}]}'

    response = small_body_client.post(
        "/v1/briefs", content=chunks(), headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 413, response.text
    assert "4096 bytes" in response.json()["detail"][0]["msg"]


@pytest.mark.anyio
async def test_a_body_longer_than_its_declared_length_is_cut_off_at_the_cap(summarizer: Summarizer) -> None:
    app = create_app(summarizer, settings(max_body_bytes=4096))
    pieces = [b'{"articles": [{"text": "', *([b"x" * 1000] * 10), b'"}, {"text": "y"}]}']
    incoming = [
        {"type": "http.request", "body": p, "more_body": i < len(pieces) - 1} for i, p in enumerate(pieces)
    ]
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0) if incoming else {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/v1/briefs",
        "raw_path": b"/v1/briefs",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"content-type", b"application/json"), (b"content-length", b"100")],
        "client": ("127.0.0.1", 1),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    await app(scope, receive, send)

    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert incoming, "the whole body was read although it was over the cap"


def test_a_body_under_the_cap_is_served(small_body_client: TestClient) -> None:
    assert small_body_client.post("/v1/briefs", json=EXAMPLE_BUNDLE).status_code == 200


# --- admission: a bounded queue, bounded waits, a deadline --------------------------------------


@pytest.mark.anyio
async def test_past_the_queue_a_brief_is_429_with_retry_after_and_those_admitted_finish(
    summarizer: Summarizer, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    model = FakeModel(hold=True)
    app = create_app(with_model(summarizer, model), settings(concurrency=1, queue_size=1))
    client, admission = client_for(app), app.state.admission
    answers: dict[str, httpx.Response] = {}

    async def post(name: str, n: int) -> None:
        answers[name] = await client.post("/v1/briefs", json=bundle(n))

    async with anyio.create_task_group() as requests:
        requests.start_soon(post, "running", 1)
        await until(model.started.is_set, "the first brief to reach the model")
        requests.start_soon(post, "queued", 2)
        await until(lambda: admission.waiting == 1, "the second brief to queue")
        assert (await client.get("/metrics")).status_code == 200
        assert sample("summarizer_queue_depth") == 1

        refused = await client.post("/v1/briefs", json=bundle(3))

        assert refused.status_code == 429, refused.text
        assert int(refused.headers["Retry-After"]) >= 1
        model.release()

    assert answers["running"].status_code == 200 and answers["queued"].status_code == 200
    assert admission.running == 0 and admission.waiting == 0


@pytest.mark.anyio
async def test_a_brief_that_waits_past_the_queue_timeout_is_503_with_retry_after(
    summarizer: Summarizer, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    model = FakeModel(hold=True)
    app = create_app(
        with_model(summarizer, model), settings(concurrency=1, queue_size=4, queue_timeout_s=0.2)
    )
    client = client_for(app)
    before = sample("summarizer_admission_rejected_total", reason="queue_timeout")

    async def first() -> None:
        assert (await client.post("/v1/briefs", json=bundle(1))).status_code == 200

    async with anyio.create_task_group() as requests:
        requests.start_soon(first)
        await until(model.started.is_set, "the first brief to reach the model")

        late = await client.post("/v1/briefs", json=bundle(2))

        assert late.status_code == 503, late.text
        assert int(late.headers["Retry-After"]) >= 1
        assert "no worker was free" in late.json()["detail"][0]["msg"]
        model.release()

    assert sample("summarizer_admission_rejected_total", reason="queue_timeout") == before + 1
    assert app.state.admission.waiting == 0


@pytest.mark.anyio
async def test_briefs_do_not_depend_on_starlettes_shared_thread_pool(
    summarizer: Summarizer, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    client = client_for(create_app(summarizer, settings()))
    shared = anyio.to_thread.current_default_thread_limiter()
    tokens = shared.total_tokens
    taken, done = anyio.Event(), anyio.Event()

    async def take_every_thread() -> None:
        async with shared:
            taken.set()
            await done.wait()

    shared.total_tokens = 1
    try:
        async with anyio.create_task_group() as others:
            others.start_soon(take_every_thread)
            await taken.wait()
            with anyio.fail_after(30):  # a brief queued behind the shared pool would wait forever
                response = await client.post("/v1/briefs", json=bundle(4))
            done.set()
    finally:
        shared.total_tokens = tokens

    assert response.status_code == 200, response.text


def test_the_deadline_cuts_the_generation_budget_and_flags_the_brief(summarizer: Summarizer) -> None:
    slow = FakeModel(lambda prompt: "A sentence the model never finishes because it is", delay=30)
    app = create_app(with_model(summarizer, slow), settings(request_deadline_s=2.0))
    before = sample("summarizer_brief_faults_total", fault="deadline")

    with TestClient(app) as client:
        response = client.post("/v1/briefs", json={**bundle(5), "budget_s": 120})

    assert response.status_code == 200, response.text
    out = response.json()
    assert out["brief"] and out["mode"] == "extractive"
    assert out["generation"]["budget_exhausted"] is True
    assert slow.limits and max(slow.limits) <= 2.0  # asked for 120 s; the deadline allowed less than 2
    assert sample("summarizer_brief_faults_total", fault="deadline") == before + 1


# --- graceful shutdown --------------------------------------------------------------------------


@pytest.mark.anyio
async def test_draining_refuses_new_briefs_and_readiness_while_those_in_flight_finish(
    summarizer: Summarizer, client_for: Callable[[FastAPI], httpx.AsyncClient]
) -> None:
    model = FakeModel(hold=True)
    app = create_app(with_model(summarizer, model), settings())
    client, admission = client_for(app), app.state.admission
    answers: dict[str, httpx.Response] = {}

    async def post() -> None:
        answers["in flight"] = await client.post("/v1/briefs", json=bundle(6))

    async with anyio.create_task_group() as requests:
        requests.start_soon(post)
        await until(model.started.is_set, "the brief to reach the model")
        admission.begin_draining()  # what SIGTERM does

        ready = await client.get("/readyz")
        refused = await client.post("/v1/briefs", json=bundle(7))
        assert await admission.drained(0.05) is False  # one still in flight
        model.release()

    assert ready.status_code == 503 and ready.json()["status"] == "draining"
    assert refused.status_code == 503 and "shutting down" in refused.json()["detail"][0]["msg"]
    assert refused.headers["Retry-After"] and refused.headers["Connection"] == "close"
    assert answers["in flight"].status_code == 200
    assert await admission.drained(1.0) is True
    assert (await client.get("/healthz")).status_code == 200  # alive until the process ends


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


_SERVER = """
import sys, uvicorn
from service.app import create_app
from service.settings import ServiceSettings
from summarizer.embed import TfidfEmbedder
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings
from tests.model_fakes import FakeModel

summarizer = Summarizer(Settings(model="none"), embedder=TfidfEmbedder(), generator=FakeModel(delay=3))
app = create_app(summarizer, ServiceSettings(brief_cache_entries=0, log_level="WARNING", drain_notice_s=2))
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def test_sigterm_lets_the_brief_in_flight_finish_and_refuses_new_work() -> None:
    """A real uvicorn process: SIGTERM while a (3 s) brief is being written, with a 2 s drain notice."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-c", _SERVER, str(port)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60  # guards, not timings
        while True:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "the server never became ready"
            time.sleep(0.1)

        answer: dict[str, Any] = {}
        in_flight = threading.Thread(
            target=lambda: answer.update(response=httpx.post(f"{base}/v1/briefs", json=bundle(8), timeout=60))
        )
        in_flight.start()
        while httpx.get(f"{base}/metrics", timeout=5).text.find("summarizer_briefs_in_progress 1.0") < 0:
            assert time.monotonic() < deadline, "the brief never started"
            time.sleep(0.05)

        server.send_signal(signal.SIGTERM)
        # For the drain notice the port stays open: readiness says 503 'draining', a new brief
        # gets 503 with Retry-After, not a refused connection.
        ready = httpx.get(f"{base}/readyz", timeout=5)
        late = httpx.post(f"{base}/v1/briefs", json=bundle(9), timeout=10)
        in_flight.join(timeout=60)

        assert ready.status_code == 503 and ready.json()["status"] == "draining"
        assert late.status_code == 503 and "Retry-After" in late.headers
        assert answer["response"].status_code == 200, answer["response"].text
        assert answer["response"].json()["brief"]
        assert server.wait(timeout=60) in (0, -signal.SIGTERM)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()


# --- API keys ---------------------------------------------------------------------------------


@pytest.fixture
def keyed_client(summarizer: Summarizer) -> Iterator[TestClient]:
    with TestClient(create_app(summarizer, settings(api_keys=" key-one , key-two,"))) as client:
        yield client


def test_with_keys_configured_v1_needs_one(keyed_client: TestClient) -> None:
    missing = keyed_client.post("/v1/briefs", json=EXAMPLE_BUNDLE)
    wrong = keyed_client.post("/v1/briefs", json=EXAMPLE_BUNDLE, headers={"X-API-Key": "key-three"})
    prefix = keyed_client.post("/v1/briefs", json=EXAMPLE_BUNDLE, headers={"X-API-Key": "key-on"})
    right = keyed_client.post("/v1/briefs", json=EXAMPLE_BUNDLE, headers={"X-API-Key": "key-two"})
    bearer = keyed_client.post("/v1/briefs", json=EXAMPLE_BUNDLE, headers={"Authorization": "Bearer key-one"})

    assert missing.status_code == 401 and "X-API-Key" in missing.json()["detail"][0]["msg"]
    assert "WWW-Authenticate" in missing.headers
    assert wrong.status_code == 403 and prefix.status_code == 403
    assert "key-three" not in wrong.text
    assert right.status_code == 200 and bearer.status_code == 200


def test_auth_comes_before_reading_what_the_body_says(keyed_client: TestClient) -> None:
    assert keyed_client.post("/v1/briefs", json={"articles": "not a list"}).status_code == 401


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"{not json", {"Content-Type": "application/json"}),
        (b"x" * (10 * 1024 * 1024), {"Content-Type": "application/json"}),  # past the size limit
        (b"{}", {"Content-Type": "text/plain"}),
        (b"{}", {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
    ],
    ids=["invalid JSON", "10 MB", "wrong type", "encoded"],
)
def test_without_a_key_the_body_is_never_read(
    keyed_client: TestClient, body: bytes, headers: dict[str, str]
) -> None:
    """The 401 comes before the size, framing and parsing rules: the server spends nothing on it."""
    read = sample("summarizer_http_requests_total", route="/v1/briefs", method="POST", status="401")

    response = keyed_client.post("/v1/briefs", content=body, headers=headers)

    assert response.status_code == 401, response.text
    assert response.json()["detail"][0]["type"] == "unauthorized"
    assert response.headers["Connection"] == "close" and "WWW-Authenticate" in response.headers
    assert (
        sample("summarizer_http_requests_total", route="/v1/briefs", method="POST", status="401") == read + 1
    )


def test_health_readiness_and_metrics_stay_open(keyed_client: TestClient) -> None:
    for path in ("/healthz", "/readyz", "/metrics"):
        assert keyed_client.get(path).status_code == 200, path


def test_metrics_can_take_a_key_of_their_own_setting(summarizer: Summarizer) -> None:
    with TestClient(create_app(summarizer, settings(api_keys="k1", metrics_public=False))) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"X-API-Key": "k1"}).status_code == 200
        assert client.get("/healthz").status_code == 200


def test_keys_are_compared_in_constant_time_against_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[bytes, bytes]] = []
    compare = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return compare(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    keys = auth.ApiKeys.parse("alpha,beta,gamma")

    assert keys.accepts("alpha") and not keys.accepts("alph")
    assert len(calls) == 6  # three keys, every one compared, both times
    assert {len(a) for a, b in calls} == {32}  # digests: the key's length does not show either


def test_with_no_keys_the_api_is_open_and_the_log_says_so(
    summarizer: Summarizer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    with TestClient(create_app(summarizer, settings())) as client:
        assert client.post("/v1/briefs", json=EXAMPLE_BUNDLE).status_code == 200

    assert any("/v1/* is open" in r.getMessage() and r.levelno == logging.WARNING for r in caplog.records)


def test_openapi_documents_the_key_and_the_refusals(keyed_client: TestClient) -> None:
    spec = keyed_client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/briefs"]["post"]

    assert {"ApiKey", "Bearer"} <= set(spec["components"]["securitySchemes"])
    assert spec["components"]["securitySchemes"]["ApiKey"]["name"] == "X-API-Key"
    assert {"401", "403", "413", "429", "503"} <= set(operation["responses"])
    assert "Retry-After" in operation["responses"]["429"]["headers"]


# --- request ids and structured logs ----------------------------------------------------------


class _Lines(logging.Handler):
    """Formats every record as the service's handler would, at the moment it is emitted."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.setFormatter(JsonFormatter())
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@pytest.fixture
def log_lines() -> Iterator[_Lines]:
    handler, root = _Lines(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


def test_every_response_carries_a_request_id(client: TestClient) -> None:
    fresh = client.get("/healthz").headers["X-Request-ID"]
    kept = client.get("/healthz", headers={"X-Request-ID": "editor-42.retry:1"}).headers["X-Request-ID"]
    replaced = client.get("/healthz", headers={"X-Request-ID": "x" * 65}).headers["X-Request-ID"]
    refused = client.post("/v1/briefs", json={"articles": []}).headers["X-Request-ID"]

    assert len(fresh) == 32 and int(fresh, 16) >= 0
    assert kept == "editor-42.retry:1"
    assert replaced != "x" * 65 and len(replaced) == 32
    assert refused and refused != fresh


def test_logs_are_json_with_the_request_id_and_never_article_text_or_keys(
    summarizer: Summarizer, log_lines: _Lines
) -> None:
    marker = "Zanzibarquux"
    secret = "s3cret-key-value"
    article = copy.deepcopy(bundle(10))
    article["articles"][0]["text"] += f" {marker} said the ferry would run at night."
    raising = FakeModel(error=RuntimeError("the model broke"))
    app = create_app(with_model(summarizer, raising), settings(api_keys=secret))

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/v1/briefs", json=article, headers={"X-API-Key": secret})
        denied = client.post("/v1/briefs", json=article, headers={"X-API-Key": secret + "x"})

    assert response.status_code == 200 and denied.status_code == 403
    entries = [json.loads(line) for line in log_lines.lines]  # every line is one JSON object
    rid = response.headers["X-Request-ID"]
    access = [e for e in entries if e["logger"] == "service.access" and e.get("request_id") == rid]
    assert len(access) == 1
    assert access[0]["route"] == "/v1/briefs" and access[0]["status"] == 200 and access[0]["duration_ms"] > 0
    fault = [e for e in entries if e["logger"] == "summarizer.pipeline"]
    assert fault and fault[0]["request_id"] == rid  # the worker thread's lines carry the id too
    assert fault[0]["error"]["type"] == "RuntimeError"
    kinds = [e["fault"] for e in entries if e["logger"] == "service.routes" and e.get("request_id") == rid]
    assert kinds == ["model_error"]  # the fault's kind, a field of its own
    everything = "\n".join(log_lines.lines)
    assert marker not in everything and secret not in everything


def test_a_500_carries_the_request_id_for_the_log() -> None:
    class Broken(Summarizer):
        def brief(self, *args: Any, **kwargs: Any) -> Any:
            raise RuntimeError("secret detail")

    app = create_app(Broken(Settings(model="none"), embedder=embed.TfidfEmbedder()), settings())
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/v1/briefs", json=EXAMPLE_BUNDLE, headers={"X-Request-ID": "find-me"})

    assert response.status_code == 500 and response.headers["X-Request-ID"] == "find-me"
    assert sample("summarizer_http_requests_total", route="/v1/briefs", method="POST", status="500") >= 1


# --- metrics and faults: each fault gives a flagged extractive brief, counted --------------------


def test_metrics_count_requests_by_route_and_status_and_time_them(client: TestClient) -> None:
    labels = {"route": "/v1/briefs", "method": "POST"}
    ok = sample("summarizer_http_requests_total", **labels, status="200")
    bad = sample("summarizer_http_requests_total", **labels, status="422")
    timed = sample("summarizer_http_request_duration_seconds_count", **labels)

    client.post("/v1/briefs", json=bundle(11))
    client.post("/v1/briefs", json={"articles": []})
    client.get("/no-such-page")
    text = client.get("/metrics").text

    assert sample("summarizer_http_requests_total", **labels, status="200") == ok + 1
    assert sample("summarizer_http_requests_total", **labels, status="422") == bad + 1
    assert sample("summarizer_http_request_duration_seconds_count", **labels) == timed + 2
    assert sample("summarizer_http_requests_total", route="unmatched", method="GET", status="404") >= 1
    # Routes outside FastAPI's own, and a 413 answered before routing, keep their route's name.
    client.get("/openapi.json")
    client.post("/v1/briefs", content=b"x" * (3 * 1024 * 1024), headers={"Content-Type": "application/json"})
    assert sample("summarizer_http_requests_total", route="/openapi.json", method="GET", status="200") >= 1
    assert sample("summarizer_http_requests_total", route="/v1/briefs", method="POST", status="413") >= 1
    for name in (
        "summarizer_queue_depth",
        "summarizer_briefs_in_progress",
        "summarizer_briefs_total",
        "summarizer_queue_wait_seconds_bucket",
        "summarizer_loaded_info",
        "summarizer_brief_cache_hits_total",
    ):
        assert name in text, name


def test_the_model_load_time_is_a_metric() -> None:
    with TestClient(create_app(settings=settings(embedder="tfidf", model="none"))) as client:
        deadline = time.monotonic() + 60  # a guard against hanging, not a timing assertion
        while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sample("summarizer_load_seconds") > 0
        assert sample("summarizer_loaded_info", embedder="tfidf", model="none") == 1


def _fault_brief(summarizer: Summarizer, **body: Any) -> tuple[dict[str, Any], dict[str, float]]:
    faults = ("model_error", "model_unavailable", "budget_exhausted", "embedder_fallback")
    modes = ("fused", "extractive", "fallback")
    before = {f: sample("summarizer_brief_faults_total", fault=f) for f in faults}
    before |= {m: sample("summarizer_briefs_total", mode=m) for m in modes}
    with TestClient(create_app(summarizer, settings())) as client:
        response = client.post("/v1/briefs", json={**bundle(12), **body})
    assert response.status_code == 200, response.text
    after = {f: sample("summarizer_brief_faults_total", fault=f) for f in faults}
    after |= {m: sample("summarizer_briefs_total", mode=m) for m in modes}
    out: dict[str, Any] = response.json()
    assert out["brief"] and all(s["method"] == "extracted" for s in out["brief"])
    return out, {k: after[k] - before[k] for k in after}


def test_a_model_that_raises_gives_a_flagged_extractive_brief_counted(summarizer: Summarizer) -> None:
    out, counted = _fault_brief(with_model(summarizer, FakeModel(error=RuntimeError("CUDA error"))))

    assert out["mode"] == "extractive" and out["generation"]["error"] == "generation failed: RuntimeError"
    assert counted["model_error"] == 1 and counted["fallback"] == 1


def test_a_slow_model_gives_a_flagged_extractive_brief_counted(summarizer: Summarizer) -> None:
    slow = FakeModel(lambda prompt: "Unfinished because the model ran out of", delay=30)

    out, counted = _fault_brief(with_model(summarizer, slow), budget_s=0.2)

    assert out["generation"]["budget_exhausted"] is True and out["generation"]["fused"] == 0
    assert counted["budget_exhausted"] == 1 and counted["fallback"] == 1


def test_a_model_that_fails_to_load_gives_a_flagged_extractive_brief_counted(
    summarizer: Summarizer, tmp_path: Path
) -> None:
    broken = Summarizer(Settings(model=str(tmp_path / "no-such-model")), embedder=summarizer.embedder)

    out, counted = _fault_brief(broken)

    assert out["generation"]["error"] == "the generation model failed to load (OSError)"
    assert str(tmp_path) not in json.dumps(out)  # the server's paths are its own
    assert counted["model_unavailable"] == 1 and counted["fallback"] == 1


def test_readiness_says_the_model_failed_and_a_setting_decides_whether_that_is_unready(
    summarizer: Summarizer, tmp_path: Path
) -> None:
    broken = Summarizer(Settings(model=str(tmp_path / "no-such-model")), embedder=summarizer.embedder)

    with TestClient(create_app(broken, settings())) as client:
        ready = client.get("/readyz")
        assert sample("summarizer_degraded") == 1
    with TestClient(create_app(broken, settings(ready_without_model=False))) as client:
        unready = client.get("/readyz")

    assert ready.status_code == 200 and ready.json()["status"] == "degraded"
    assert ready.json()["model"] is None and ready.json()["degraded"] == ["generation_model"]
    assert unready.status_code == 503 and unready.json()["status"] == "failed"
    assert str(tmp_path) not in ready.text + unready.text
    with TestClient(create_app(summarizer, settings())) as client:
        healthy = client.get("/readyz").json()
        assert sample("summarizer_degraded") == 0
    assert healthy["status"] == "ready" and healthy["degraded"] == []


def test_a_missing_embedder_falls_back_to_tfidf_flagged_and_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    class MissingMiniLM:
        def __init__(self, device: str = "cpu") -> None:
            raise OSError("all-MiniLM-L6-v2 weights not found")

    monkeypatch.setattr(embed, "MiniLMEmbedder", MissingMiniLM)
    degraded = Summarizer(Settings(model="none"))  # asks for MiniLM, the default

    out, counted = _fault_brief(degraded)

    assert out["embedder"] == "tfidf" and out["mode"] == "extractive"
    assert counted["embedder_fallback"] == 1 and counted["extractive"] == 1
    with TestClient(create_app(degraded, settings())) as client:
        ready = client.get("/readyz").json()
    assert ready["status"] == "degraded" and ready["degraded"] == ["embedder"]
    assert "TF-IDF vectors stand in" in ready["detail"]


def test_python_warnings_and_a_clients_bad_html_land_in_the_json_log_at_their_level() -> None:
    """In a fresh process, as the service configures it: every stderr line is one JSON object."""
    script = (
        "import logging, warnings\n"
        "from service.logs import configure_logging\n"
        "configure_logging('INFO', 'json')\n"
        "warnings.warn('a library changes its default', FutureWarning)\n"
        "logging.getLogger('trafilatura.core').error('empty HTML tree')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True, cwd=ROOT
    )

    records = [json.loads(line) for line in done.stderr.splitlines()]
    assert [(r["level"], r["logger"]) for r in records] == [
        ("warning", "py.warnings"),
        ("warning", "trafilatura.core"),
    ]
    assert "a library changes its default" in records[0]["msg"]
