"""The Slack app end to end, offline: signed requests in, acks back at once, briefs posted to a fake Slack.

The service runs as in production, the brief API and `/slack/events` in one process (uvicorn on
127.0.0.1, the real summariser); stories are pages on a fake news site on 127.0.0.1.
"""

from __future__ import annotations

import html
import json
import re
import socket
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from slack_sdk.web.async_client import AsyncWebClient

from service.app import create_app
from service.settings import ServiceSettings
from service.slack import mount_slack
from summarizer.folder import read_folder
from summarizer.pipeline import Summarizer
from tests.slack_fakes import (
    SIGNING_SECRET,
    FakeNewsSite,
    FakeSlack,
    Reply,
    SlackPost,
    command_body,
    loopback_only,
    serving,
    shortcut_body,
    signed_headers,
)

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
SOURCE_LINE = re.compile(r"^\*\[(\d+)\]\* <([^|>]+)\|([^>]*)>(?: · (.*))?$")
MARKER = re.compile(r"<([^|>]+)\|\[(\d+)\]>")


@pytest.fixture(autouse=True)
def sent(monkeypatch: pytest.MonkeyPatch) -> list[httpx.URL]:
    return loopback_only(monkeypatch)


@pytest.fixture(scope="module")
def site() -> Iterator[FakeNewsSite]:
    site = FakeNewsSite()
    yield site
    site.close()


@pytest.fixture(scope="module")
def slack() -> Iterator[FakeSlack]:
    slack = FakeSlack()
    yield slack
    slack.close()


def slack_settings(api_url: str, **more: Any) -> ServiceSettings:
    return ServiceSettings(
        slack_signing_secret=SIGNING_SECRET,
        slack_bot_token="xoxb-test",
        slack_api_url=api_url,
        fetch_allow_loopback=more.pop("fetch_allow_loopback", True),
        **more,
    )


def with_slack(app: FastAPI, slack: FakeSlack, settings: ServiceSettings) -> FastAPI:
    mount_slack(app, settings, web_client=AsyncWebClient(token="xoxb-test", base_url=slack.api_url))
    return app


@pytest.fixture(scope="module")
def newsroom(summarizer: Summarizer, slack: FakeSlack) -> Iterator[str]:
    """The service with its Slack app in one process; the Slack app calls the API over HTTP."""

    def build(base_url: str) -> FastAPI:
        return with_slack(create_app(summarizer=summarizer), slack, slack_settings(base_url))

    with serving(build) as base_url:
        yield base_url


def slack_app_alone(slack: FakeSlack, api_url: str, **settings: Any) -> AbstractContextManager[str]:
    """Only the Slack app (`make slackbot`), calling a brief API at `api_url`."""
    return serving(lambda _: with_slack(FastAPI(), slack, slack_settings(api_url, **settings)))


@pytest.fixture(scope="module")
def example_pages(site: FakeNewsSite) -> list[str]:
    """The project's own example articles as pages of the fake news site."""
    bundle = json.loads((Path(__file__).resolve().parents[1] / "examples" / "bundle.json").read_text())
    return [
        site.add_article(f"/examples/{a['id']}", title=a["title"], outlet=a["source"], text=a["text"])
        for a in bundle["articles"]
    ]


def send(base_url: str, body: str, headers: dict[str, str]) -> httpx.Response:
    return httpx.post(f"{base_url}/slack/events", content=body, headers=headers, timeout=30)


def brief_command(base_url: str, text: str, response_url: str, **headers: str) -> httpx.Response:
    body = command_body(text, response_url=response_url, trigger_id=response_url.rsplit("/", 1)[-1])
    return send(base_url, body, {**signed_headers(body), **headers})


def in_channel(url: str) -> Callable[[SlackPost], bool]:
    return lambda post: url.endswith(post.path) and post.payload.get("response_type") == "in_channel"


def private(url: str) -> Callable[[SlackPost], bool]:
    return lambda post: url.endswith(post.path) and post.payload.get("response_type") == "ephemeral"


def sources_of(message: dict[str, Any]) -> dict[int, tuple[str, str, str | None]]:
    """Number -> (URL, title, outlet), from the message's source list."""
    listing = next(t for t in section_texts(message) if t.startswith("*Sources*\n"))
    lines = [SOURCE_LINE.match(line) for line in listing.splitlines()[1:]]
    assert all(lines), listing
    return {int(m[1]): (m[2], html.unescape(m[3]), m[4] and html.unescape(m[4])) for m in lines if m}


def section_texts(message: dict[str, Any]) -> list[str]:
    return [b["text"]["text"] for b in message["blocks"] if b["type"] == "section"]


def cited_sentences(message: dict[str, Any]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Each brief sentence, unescaped, with its markers as (URL, number)."""
    paragraphs = [p for t in section_texts(message) if not t.startswith("*") for p in t.split("\n\n")]
    return [
        (html.unescape(p.split(" <", 1)[0]), [(u, int(n)) for u, n in MARKER.findall(p)]) for p in paragraphs
    ]


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


# --- signatures ---------------------------------------------------------------------------------------


def test_unsigned_forged_and_stale_requests_get_401(newsroom: str, slack: FakeSlack) -> None:
    body = command_body("https://one.example/a", response_url=slack.response_url("sig"), trigger_id="sig")
    six_minutes_ago = int(time.time()) - 6 * 60

    assert send(newsroom, body, FORM).status_code == 401
    assert send(newsroom, body, signed_headers(body, secret="not-the-secret")).status_code == 401
    assert send(newsroom, body, signed_headers(body, timestamp=six_minutes_ago)).status_code == 401
    assert send(newsroom, body.replace("one.example", "two.example"), signed_headers(body)).status_code == 401

    signed = send(newsroom, body, signed_headers(body))
    assert signed.status_code == 200
    assert "at least 2 stories" in signed.text and "only one link" in signed.text
    assert slack.to("/commands/sig") == []


def test_the_service_answers_slack_only_when_a_signing_secret_is_set(
    summarizer: Summarizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    body = command_body("", response_url="http://127.0.0.1:9/x", trigger_id="mount")
    configured = create_app(
        summarizer, ServiceSettings(slack_signing_secret=SIGNING_SECRET, slack_bot_token="xoxb-test")
    )

    with TestClient(configured) as client:
        assert client.post("/slack/events", content=body, headers=FORM).status_code == 401
    with TestClient(create_app(summarizer, ServiceSettings())) as client:
        assert client.post("/slack/events", content=body, headers=signed_headers(body)).status_code == 404


def test_settings_use_slacks_own_variable_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "from-env")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-env")
    monkeypatch.setenv("SLACK_APP_TOKEN", "xapp-env")
    monkeypatch.setenv("SUMMARIZER_SLACK_API_URL", "http://briefs.internal:8000")
    monkeypatch.setenv("SUMMARIZER_SLACK_SOCKET_MODE", "true")

    settings = ServiceSettings()

    assert (
        settings.slack_signing_secret is not None
        and settings.slack_signing_secret.get_secret_value() == "from-env"
    )
    assert settings.slack_bot_token is not None and settings.slack_bot_token.get_secret_value() == "xoxb-env"
    assert settings.slack_app_token is not None and settings.slack_app_token.get_secret_value() == "xapp-env"
    assert settings.slack_api_url == "http://briefs.internal:8000" and settings.slack_socket_mode
    assert settings.fetch_allow_loopback is False
    assert "from-env" not in repr(settings)


# --- the brief ----------------------------------------------------------------------------------------


def test_a_brief_of_the_seed_articles_acks_at_once_and_cites_the_five_pages(
    newsroom: str, site: FakeNewsSite, slack: FakeSlack, seeds_folder: Path
) -> None:
    articles = read_folder(seeds_folder)["articles"]
    outlet = {a["id"]: f"Seed Outlet {n}" for n, a in enumerate(articles, start=1)}
    pages = {
        site.add_article(f"/seeds/{a['id']}", title=a.get("title"), outlet=outlet[a["id"]], text=a["text"]): a
        for a in articles
    }
    urls = list(pages)
    # As Slack sends them: a titled link, plain links, and one typed without Slack's brackets.
    text = f"<{urls[0]}|{pages[urls[0]].get('title')}> <{urls[1]}> <{urls[2]}> <{urls[3]}> {urls[4]}"
    response_url = slack.response_url("seeds")

    site.open.clear()  # the pages are held back: the ack cannot have waited for them
    try:
        ack = brief_command(newsroom, text, response_url)
        assert ack.status_code == 200 and ack.text == "Working on a brief of 5 articles..."
        assert slack.to("/commands/seeds") == []
    finally:
        site.open.set()
    message = slack.wait_for(in_channel(response_url)).payload

    assert message["blocks"][0]["text"]["text"] == "Brief of 5 articles"
    sources = sources_of(message)
    assert sorted(sources) == [1, 2, 3, 4, 5]
    assert sorted(url for url, _, _ in sources.values()) == sorted(urls)
    for url, _title, source in sources.values():
        assert source == outlet[pages[url]["id"]]
    sentences = cited_sentences(message)
    assert sentences
    for sentence, markers in sentences:
        assert markers, f"uncited: {sentence!r}"
        for url, number in markers:
            page, _, passage = url.partition("#:~:text=")
            assert sources[number][0] == page, f"[{number}] links to {url}, not to source {number}"
            assert passage, f"[{number}] links to its article, not to the cited passage"
            assert len(words(sentence) & words(pages[page]["text"])) >= 2, (
                f"{url} does not support {sentence!r}"
            )
        quoted_in = [
            url for url, a in pages.items() if " ".join(sentence.split()) in " ".join(a["text"].split())
        ]
        assert not quoted_in or {u.partition("#")[0] for u, _ in markers} & set(quoted_in), (
            f"{sentence!r} cites none of {quoted_in}"
        )
    assert [p for p in slack.to("/commands/seeds") if p.payload.get("response_type") == "ephemeral"] == []


def test_unusable_links_are_named_to_the_editor_and_the_rest_briefed(
    newsroom: str, site: FakeNewsSite, slack: FakeSlack, example_pages: list[str]
) -> None:
    missing = site.url("/examples/gone")
    empty = site.add(
        "/examples/video",
        Reply(200, {"Content-Type": "text/html"}, b"<html><body><video></video></body></html>"),
    )
    response_url = slack.response_url("partial")

    ack = brief_command(newsroom, f"{example_pages[0]} {missing} {example_pages[1]} {empty}", response_url)
    assert ack.text == "Working on a brief of 4 articles..."

    note = slack.wait_for(private(response_url)).payload["text"]
    assert note.splitlines() == [
        "I could not use 2 links:",
        f"• `{missing}`: the page answered HTTP 404",
        f"• `{empty}`: no article text found on the page",
        "Briefing the other 2.",
    ]
    message = slack.wait_for(in_channel(response_url)).payload
    assert [url for url, _, _ in sources_of(message).values()] == example_pages[:2]
    assert [source for _, _, source in sources_of(message).values()] == [
        "Harlow Vale Courier",
        "Northern Ledger",
    ]


def test_private_addresses_are_refused_with_a_clear_message_and_never_asked(
    newsroom: str, slack: FakeSlack, example_pages: list[str], sent: list[httpx.URL]
) -> None:
    response_url = slack.response_url("ssrf")
    links = "<http://10.0.0.1/news> <http://169.254.169.254/latest/meta-data/>"

    brief_command(newsroom, f"{links} <{example_pages[0]}>", response_url)

    note = slack.wait_for(private(response_url)).payload["text"]
    assert note.splitlines() == [
        "I could not use 2 links:",
        "• `http://10.0.0.1/news`: 10.0.0.1 points to 10.0.0.1, a private or reserved address; only public web pages can be fetched",
        "• `http://169.254.169.254/latest/meta-data/`: 169.254.169.254 points to 169.254.169.254, a cloud metadata address; only public web pages can be fetched",
        "That leaves 1; a brief needs at least 2 articles.",
    ]
    assert {url.host for url in sent} == {"127.0.0.1"}
    assert [p for p in slack.to("/commands/ssrf") if p.payload.get("response_type") == "in_channel"] == []


def test_loopback_pages_are_refused_unless_allowed(site: FakeNewsSite, slack: FakeSlack) -> None:
    first, second = site.add_article("/lo/1", title="One", outlet="O", text="x " * 50), site.url("/lo/2")
    response_url = slack.response_url("loopback")

    with slack_app_alone(slack, "http://127.0.0.1:9", fetch_allow_loopback=False) as bot:
        brief_command(bot, f"{first} {second}", response_url)
        note = slack.wait_for(private(response_url)).payload["text"]

    assert "127.0.0.1 points to 127.0.0.1, a loopback address" in note and "That leaves 0" in note
    assert site.hits_on("/lo/1") == site.hits_on("/lo/2") == 0


def test_the_api_down_or_slow_is_reported_not_waited_on(
    site: FakeNewsSite, slack: FakeSlack, example_pages: list[str]
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    slow_api = FakeNewsSite()
    slow_api.add("/v1/briefs", Reply(200, {"Content-Type": "application/json"}, b"{}", delay_s=10))
    links = " ".join(example_pages[:2])
    try:
        with slack_app_alone(slack, closed) as bot:
            brief_command(bot, links, slack.response_url("down"))
            down = slack.wait_for(private(slack.response_url("down"))).payload["text"]
        with slack_app_alone(slack, slow_api.url(""), slack_api_timeout_s=0.5) as bot:
            brief_command(bot, links, slack.response_url("slow"))
            slow = slack.wait_for(private(slack.response_url("slow"))).payload["text"]
    finally:
        slow_api.close()

    assert down == "The brief service is not reachable right now. Try again in a few minutes."
    assert slow.startswith("The brief service did not answer within 0.5 seconds")
    assert slow_api.hits_on("/v1/briefs") == 1


def test_retries_and_repeated_deliveries_never_make_a_second_brief(
    newsroom: str, site: FakeNewsSite, slack: FakeSlack, example_pages: list[str]
) -> None:
    first, second = example_pages[2], example_pages[3]
    response_url = slack.response_url("retried")
    text = f"{first} {second}"

    original = brief_command(newsroom, text, response_url)
    retry = brief_command(
        newsroom, text, response_url, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    repeat = brief_command(newsroom, text, response_url)  # same trigger, no retry header

    assert original.text == "Working on a brief of 2 articles..."
    assert (retry.status_code, retry.text) == (200, "")
    assert (repeat.status_code, repeat.text) == (200, "")
    slack.wait_for(in_channel(response_url))
    assert len([p for p in slack.to("/commands/retried") if in_channel(response_url)(p)]) == 1
    assert site.hits_on("/examples/radio-vale") == site.hits_on("/examples/estuary-times") == 1


def test_the_message_shortcut_briefs_the_links_in_a_message_in_its_thread(
    newsroom: str, slack: FakeSlack, example_pages: list[str]
) -> None:
    response_url = slack.response_url("shortcut")
    text = f"Two takes on the fire: <{example_pages[0]}|Courier> and <{example_pages[1]}>"
    body = shortcut_body(text, response_url=response_url, trigger_id="shortcut-1")

    assert send(newsroom, body, signed_headers(body)).status_code == 200

    working = slack.wait_for(private(response_url)).payload
    assert working["text"] == "Working on a brief of 2 articles..."
    posted = slack.wait_for(lambda p: p.path == "/api/chat.postMessage").payload
    assert (posted["channel"], posted["thread_ts"]) == ("C1", "1700000000.000100")
    assert [url for url, _, _ in sources_of(posted).values()] == example_pages[:2]
    assert all(markers for _, markers in cited_sentences(posted))
