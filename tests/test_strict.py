"""A strict contract: no coercion, no invisible articles, no ambiguous or encoded bodies, HEAD on the probes."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

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
