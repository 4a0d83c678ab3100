"""A strict contract: no coercion, no invisible articles, no ambiguous, encoded, repeated-key or
slow bodies, HEAD on the probes."""

from __future__ import annotations

import copy
import json
import socket
import threading
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from typing import Any

import anyio
import httpx
import pytest
import uvicorn
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import ServiceSettings
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE


def bundle_with(**changes: Any) -> dict[str, Any]:
    bundle = copy.deepcopy(EXAMPLE_BUNDLE)
    bundle.update(changes)
    return bundle


@pytest.mark.parametrize(("field", "value"), [("max_words", "50"), ("max_words", 50.0), ("budget_s", "5")])
def test_numbers_sent_as_strings_are_refused_not_coerced(client: TestClient, field: str, value: Any) -> None:
    response = client.post("/v1/briefs", json=bundle_with(**{field: value}))

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_a_whole_number_budget_is_still_a_number_of_seconds(client: TestClient) -> None:
    assert client.post("/v1/briefs", json=bundle_with(budget_s=0)).status_code == 200


@pytest.mark.parametrize("text", ["\u200b\u200b\u200b", "\u200d \u2060\ufeff\n", "\u200e\t"])
def test_an_article_of_invisible_characters_is_refused(client: TestClient, text: str) -> None:
    bundle = bundle_with()
    bundle["articles"][0]["text"] = text

    response = client.post("/v1/briefs", json=bundle)

    assert response.status_code == 422
    assert "no visible character" in response.json()["detail"][0]["msg"]


def test_content_length_with_transfer_encoding_is_refused(client: TestClient) -> None:
    body = json.dumps(EXAMPLE_BUNDLE).encode()
    headers = {
        "Content-Type": "application/json",
        "Content-Length": str(len(body)),
        "Transfer-Encoding": "chunked",
    }

    response = client.post("/v1/briefs", content=body, headers=headers)

    assert response.status_code == 400
    assert response.json()["detail"][0]["type"] == "ambiguous_framing"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br"])
def test_an_encoded_body_is_refused_with_415(client: TestClient, encoding: str) -> None:
    response = client.post(
        "/v1/briefs",
        content=json.dumps(EXAMPLE_BUNDLE),
        headers={"Content-Type": "application/json", "Content-Encoding": encoding},
    )

    assert response.status_code == 415
    assert "must not be encoded" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_the_probes_answer_head(client: TestClient, path: str) -> None:
    response = client.head(path)

    assert response.status_code == 200 and response.content == b""


@pytest.mark.parametrize(
    "body",
    [
        b'{"articles": [{"text": "a b c d e f"}, {"text": "g h i j k l"}], "max_words": 50, "max_words": 400}',
        b'{"articles": [{"text": "a b c d e f", "text": "other"}, {"text": "g h i j k l"}]}',
    ],
    ids=["top level", "inside an article"],
)
def test_a_body_that_repeats_a_key_is_refused_naming_it(client: TestClient, body: bytes) -> None:
    response = client.post("/v1/briefs", content=body, headers={"Content-Type": "application/json"})

    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["type"] == "duplicate_key" and "appears twice" in problem["msg"]
    assert ("'max_words'" in problem["msg"]) or ("'text'" in problem["msg"])


def test_a_body_that_does_not_arrive_in_time_is_a_408(summarizer: Summarizer) -> None:
    """A client that declares a body and then stalls holds no worker past the body timeout."""
    app = create_app(summarizer, ServiceSettings(body_timeout_s=0.5, brief_cache_entries=0))

    async def stalled() -> AsyncIterator[bytes]:
        yield b'{"articles": ['
        await anyio.sleep(30)  # never sends the rest (the test's guard ends it first)
        yield b"]}"

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            with anyio.fail_after(20):  # a guard against hanging, not a timing assertion
                return await client.post(
                    "/v1/briefs", content=stalled(), headers={"Content-Type": "application/json"}
                )

    response = anyio.run(post)

    assert response.status_code == 408, response.text
    assert response.json()["detail"][0]["type"] == "body_timeout"


def test_a_client_that_writes_its_whole_body_first_still_reads_the_413(summarizer: Summarizer) -> None:
    """Python's urllib sends the whole body before it reads the answer: it must get the 413, not a reset."""
    app = create_app(summarizer, ServiceSettings(brief_cache_entries=0, log_level="WARNING"))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        while not server.started:
            threading.Event().wait(0.05)
        request = urllib.request.Request(
            f"http://127.0.0.1:{listener.getsockname()[1]}/v1/briefs",
            data=b"x" * (10 * 1024 * 1024),
            headers={"Content-Type": "application/json"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=60)
        assert refused.value.code == 413
    finally:
        server.should_exit = True
        thread.join(timeout=30)
