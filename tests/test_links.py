"""Articles given to the API by their link alone: fetched through the shared SSRF-safe fetcher
(the Slack app's; its refusals are tested in tests/test_slack_fetch.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import ServiceSettings
from summarizer.pipeline import Summarizer
from tests.slack_fakes import FakeNewsSite, Reply

STORY = [
    "The city council on Tuesday approved a new ferry route between the old harbour and the university campus.",
    "The service will start in March and run every 20 minutes on weekdays, the council said.",
    "Mayor Ana Ruiz called the vote a win for commuters who now drive around the bay every morning.",
    "The operator expects about 3,000 passengers a day once the route is running next spring.",
    "Councillors voted nine to two after a long debate about the cost of the new landing stages.",
]
# The same story as another outlet tells it, in its own words.
RETOLD = [
    "Councillors voted nine to two on Tuesday for a ferry linking the old harbour with the campus.",
    "Boats will run every 20 minutes on weekdays from March, according to the council.",
    "Mayor Ana Ruiz said commuters who now drive around the bay would be the winners.",
    "About 3,000 passengers a day are expected once the route opens, the operator said.",
]


def page(title: str, sentences: list[str]) -> Reply:
    body = f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
    body += "".join(f"<p>{s}</p>" for s in sentences) + "</article></body></html>"
    return Reply(headers={"Content-Type": "text/html; charset=utf-8"}, body=body.encode())


@pytest.fixture
def site() -> Iterator[FakeNewsSite]:
    site = FakeNewsSite()
    site.pages["/gazette"] = page("Council approves ferry route", STORY)
    site.pages["/post"] = page("Ferry link to campus gets green light", RETOLD)
    site.pages["/empty"] = page("Video", ["Watch the clip."])
    yield site
    site.close()


@pytest.fixture
def client(summarizer: Summarizer) -> Iterator[TestClient]:
    settings = ServiceSettings(fetch_allow_loopback=True, max_links=3)
    with TestClient(create_app(summarizer, settings)) as client:
        yield client


def post(client: TestClient, articles: list[dict[str, Any]]) -> Any:
    return client.post("/v1/briefs", json={"articles": articles, "budget_s": 0})


def test_a_bundle_of_links_is_fetched_and_briefed_with_offsets_into_the_extracted_text(
    client: TestClient, site: FakeNewsSite
) -> None:
    response = post(client, [{"url": site.url("/gazette")}, {"id": "post", "url": site.url("/post")}])

    assert response.status_code == 200, response.text
    out = response.json()
    assert out["brief"] and out["left_out"] == []
    sources = {s["id"]: s for s in out["sources"]}
    assert sources["post"]["title"] == "Ferry link to campus gets green light"
    for sentence in out["brief"]:
        for c in sentence["citations"]:
            assert sources[c["article_id"]]["text"][c["start"] : c["end"]].strip()


def test_a_link_that_gives_no_article_is_left_out_with_why_when_two_remain(
    client: TestClient, site: FakeNewsSite
) -> None:
    articles = [
        {"url": site.url("/gazette")},
        {"url": site.url("/post")},
        {"id": "clip", "url": site.url("/empty")},
    ]

    response = post(client, articles)

    assert response.status_code == 200, response.text
    [left_out] = response.json()["left_out"]
    assert left_out == {
        "article": 2,
        "id": "clip",
        "url": site.url("/empty"),
        "reason": "no article text found on the page",
    }


def test_too_few_usable_links_is_a_422_naming_each_link(client: TestClient, site: FakeNewsSite) -> None:
    response = post(client, [{"url": site.url("/gazette")}, {"url": site.url("/missing")}])

    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail[0]["loc"] == ["body", "articles", 1, "url"] and site.url("/missing") in detail[0]["msg"]
    assert "at least 2" in detail[-1]["msg"]


def test_a_link_inside_the_network_is_refused_by_name(summarizer: Summarizer, site: FakeNewsSite) -> None:
    """Without the test-only loopback setting, 127.0.0.1 is what an SSRF would reach for."""
    with TestClient(create_app(summarizer)) as closed:
        response = post(closed, [{"url": site.url("/gazette")}, {"url": site.url("/post")}])

    assert response.status_code == 422
    assert all(
        "not a public address" in p["msg"] or "loopback" in p["msg"] for p in response.json()["detail"][:2]
    )
    assert site.hits == []


def test_more_links_than_the_setting_allows_is_a_422(client: TestClient, site: FakeNewsSite) -> None:
    response = post(client, [{"url": site.url(f"/gazette?{n}")} for n in range(4)])

    assert response.status_code == 422
    assert "at most 3 articles by their url alone" in response.json()["detail"][0]["msg"]
    assert site.hits == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://outlet.example/story", "outlet.example/story"])
def test_a_url_that_is_no_web_link_is_a_422(client: TestClient, url: str) -> None:
    response = post(client, [{"url": url}, {"text": STORY[0]}])

    assert response.status_code == 422
    assert "http:// or https://" in response.json()["detail"][0]["msg"]
