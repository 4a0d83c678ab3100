"""The Slack app's page fetcher: only public web pages, checked on every hop; and the links it is given."""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator

import httpx
import pytest

from service.fetch import FETCH_TIMEOUT_S, MAX_PAGE_BYTES, FetchRefused, Page, fetch_page, why_refused
from service.links import MAX_TEXT_CHARS, collect_articles
from service.slack.articles import count_problem, find_links
from tests.slack_fakes import FakeNewsSite, Reply, loopback_only

HTML = {"Content-Type": "text/html; charset=utf-8"}
STORY = "\n".join(
    [
        "The harbour ferry will run every 20 minutes from March, the council said on Tuesday.",
        "Councillors approved the new route between the old harbour and the university campus.",
        "The operator expects about 3,000 passengers a day once the service is running.",
        "Mayor Ana Ruiz called the vote a win for commuters who now drive around the bay.",
    ]
)


@pytest.fixture(autouse=True)
def sent(monkeypatch: pytest.MonkeyPatch) -> list[httpx.URL]:
    return loopback_only(monkeypatch)


@pytest.fixture
def site() -> Iterator[FakeNewsSite]:
    site = FakeNewsSite()
    yield site
    site.close()


def fetch(
    url: str,
    *,
    allow_loopback: bool = True,
    timeout_s: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_PAGE_BYTES,
) -> Page:
    return asyncio.run(
        fetch_page(url, allow_loopback=allow_loopback, timeout_s=timeout_s, max_bytes=max_bytes)
    )


def refusal(
    url: str,
    *,
    allow_loopback: bool = True,
    timeout_s: float = FETCH_TIMEOUT_S,
    max_bytes: int = MAX_PAGE_BYTES,
) -> str:
    with pytest.raises(FetchRefused) as refused:
        fetch(url, allow_loopback=allow_loopback, timeout_s=timeout_s, max_bytes=max_bytes)
    return str(refused.value)


def test_a_page_on_loopback_is_fetched_only_with_the_allowance(site: FakeNewsSite) -> None:
    url = site.add_article("/story", title="Ferry approved", outlet="Harbour Gazette", text=STORY)

    assert "a loopback address" in refusal(url, allow_loopback=False)
    assert site.hits_on("/story") == 0

    page = fetch(url, allow_loopback=True)
    assert page.media_type == "text/html" and b"3,000 passengers" in page.body
    assert site.hits_on("/story") == 1


def test_a_name_is_resolved_and_the_connection_goes_to_the_vetted_address(
    site: FakeNewsSite, sent: list[httpx.URL]
) -> None:
    site.add_article("/story", title="Ferry approved", outlet="Harbour Gazette", text=STORY)

    assert "localhost points to 127.0.0.1, a loopback address" in refusal(
        f"http://localhost:{site.port}/story", allow_loopback=False
    )
    page = fetch(f"http://localhost:{site.port}/story")

    assert page.url == f"http://localhost:{site.port}/story"
    assert [url.host for url in sent] == ["127.0.0.1"]  # pinned: no second lookup at connect time
    assert site.hits[-1][1]["Host"] == f"localhost:{site.port}"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://10.0.0.1/story", "10.0.0.1, a private or reserved address"),
        ("http://169.254.169.254/latest/meta-data/", "a cloud metadata address"),
        ("http://[fd00:ec2::254]/latest/meta-data/", "a cloud metadata address"),
        ("http://[::ffff:10.0.0.1]/story", "a private or reserved address"),
        ("http://[fe80::1]/story", "a link-local address"),
        ("http://192.168.1.1:8080/admin", "a private or reserved address"),
        ("http://0.0.0.0:8000/", "a private or reserved address"),
    ],
)
def test_private_addresses_are_refused_before_any_request(
    url: str, reason: str, sent: list[httpx.URL]
) -> None:
    message = refusal(url, allow_loopback=True)

    assert reason in message and "only public web pages can be fetched" in message
    assert sent == []


def test_a_redirect_to_a_private_address_is_refused_and_not_followed(
    site: FakeNewsSite, sent: list[httpx.URL]
) -> None:
    url = site.add("/moved", Reply(302, {"Location": "http://10.0.0.1/internal"}))

    assert "10.0.0.1 points to 10.0.0.1, a private or reserved address" in refusal(url)
    assert site.hits_on("/moved") == 1
    assert [u.host for u in sent] == ["127.0.0.1"]


def test_redirects_are_followed_within_the_site_up_to_a_limit(site: FakeNewsSite) -> None:
    site.add_article("/story", title="Ferry approved", outlet="Harbour Gazette", text=STORY)
    site.add("/short", Reply(301, {"Location": "/story"}))
    for hop in range(7):
        site.add(f"/loop{hop}", Reply(302, {"Location": f"/loop{hop + 1}"}))

    assert fetch(site.url("/short")).final_url == site.url("/story")
    assert "redirects more than 5 times" in refusal(site.url("/loop0"))
    assert site.hits_on("/loop6") == 0


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/story.txt", "file:///etc/passwd", "javascript:alert(1)"])
def test_only_http_and_https(url: str, sent: list[httpx.URL]) -> None:
    assert "only http and https" in refusal(url)
    assert sent == []


def test_what_is_not_a_web_page_is_refused(site: FakeNewsSite) -> None:
    pdf = site.add("/report.pdf", Reply(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7"))
    missing = site.url("/gone")

    assert "not a web page (application/pdf)" in refusal(pdf)
    assert "answered HTTP 404" in refusal(missing)


def test_a_page_over_the_size_cap_is_refused_declared_or_not(site: FakeNewsSite) -> None:
    body = b"<p>" + b"word " * 4_000 + b"</p>"
    declared = site.add("/declared", Reply(200, {**HTML, "Content-Length": str(len(body))}, body))
    streamed = site.add("/streamed", Reply(200, HTML, body))  # no length: read until the cap

    assert "larger than 10,000 bytes" in refusal(declared, max_bytes=10_000)
    assert "larger than 10,000 bytes" in refusal(streamed, max_bytes=10_000)
    assert len(fetch(streamed, max_bytes=100_000).body) == len(body)


def test_a_slow_site_is_given_up_on(site: FakeNewsSite) -> None:
    slow = site.add("/slow", Reply(200, HTML, b"<p>late</p>", delay_s=3.0))

    assert "did not answer within 0.5 s" in refusal(slow, timeout_s=0.5)


@pytest.mark.parametrize(
    ("address", "allow_loopback", "refused"),
    [
        ("93.184.215.14", False, None),
        ("2606:4700:4700::1111", False, None),
        ("127.0.0.1", False, "a loopback address"),
        ("127.0.0.1", True, None),
        ("::1", True, None),
        ("::ffff:127.0.0.1", False, "a loopback address"),
        ("10.1.2.3", True, "a private or reserved address"),
        ("172.16.0.9", False, "a private or reserved address"),
        ("100.64.0.1", False, "not a public address"),
        ("100.100.100.200", False, "a cloud metadata address"),
        ("169.254.1.1", False, "a link-local address"),
        ("224.0.0.251", False, "a private or reserved address"),
        ("fc00::1", False, "a private or reserved address"),
        ("2002:a00:1::", False, "a private or reserved address"),  # 6to4 wrapping 10.0.0.1
        ("::", False, "a private or reserved address"),
        ("fec0::1", False, "a site-local address"),
        ("192.0.0.8", False, "a special-purpose address"),  # IANA: not global; older Pythons say global
        ("192.88.99.1", False, "a special-purpose address"),
        ("3fff::1", False, "a special-purpose address"),
        ("5f00::1", False, "a special-purpose address"),
        ("2001:20::1", False, "a special-purpose address"),
        ("198.18.0.1", False, "a private or reserved address"),
        ("2001:db8::1", False, "a private or reserved address"),
        ("64:ff9b::a00:1", False, "a private or reserved address"),  # NAT64 wrapping 10.0.0.1
    ],
)
def test_which_addresses_are_public(address: str, allow_loopback: bool, refused: str | None) -> None:
    assert why_refused(ipaddress.ip_address(address), allow_loopback=allow_loopback) == refused


def test_articles_are_extracted_from_their_pages_and_failures_named(site: FakeNewsSite) -> None:
    good = site.add_article("/ferry", title="Ferry approved", outlet="Harbour Gazette", text=STORY)
    also = site.add_article(
        "/ferry-2", title=None, outlet="Valley Post", text=STORY.replace("Tuesday", "Monday")
    )
    empty = site.add(
        "/video",
        Reply(200, HTML, b"<html><body><nav><a href='/'>Home</a></nav><video></video></body></html>"),
    )
    text = site.add("/wire.txt", Reply(200, {"Content-Type": "text/plain"}, STORY.encode()))

    articles, unusable = asyncio.run(collect_articles([good, empty, also, text], allow_loopback=True))

    assert [a["url"] for a in articles] == [good, also, text]
    assert [a["id"] for a in articles] == ["a1", "a2", "a3"]
    assert articles[0]["title"] == "Ferry approved" and articles[0]["source"] == "Harbour Gazette"
    assert "3,000 passengers a day" in articles[0]["text"] and "Subscribe today" not in articles[0]["text"]
    assert articles[2]["source"] == "127.0.0.1"  # no outlet named: the host stands in
    assert [(u.url, u.reason) for u in unusable] == [(empty, "no article text found on the page")]


def test_a_very_long_article_is_cut_to_whole_paragraphs_the_api_accepts(site: FakeNewsSite) -> None:
    paragraphs = [
        f"On day {n} the inquiry heard evidence from residents, engineers and council staff."
        for n in range(900)
    ]
    url = site.add_article("/inquiry", title="Inquiry", outlet="Harbour Gazette", text="\n".join(paragraphs))

    [article], _ = asyncio.run(collect_articles([url], allow_loopback=True))

    assert MAX_TEXT_CHARS - 100 < len(article["text"]) <= MAX_TEXT_CHARS
    assert article["text"].endswith("council staff.")


def test_links_are_found_as_slack_sends_them() -> None:
    text = (
        "/brief <https://news.example/a?x=1&amp;y=2|Ferry approved> <https://post.example/b> "
        "https://plain.example/c <@U123> <#C42|newsdesk> <https://post.example/b>"
    )
    assert find_links(text) == [
        "https://news.example/a?x=1&y=2",
        "https://post.example/b",
        "https://plain.example/c",
    ]
    assert find_links("no links here, <mailto:desk@news.example|mail us>") == []
    assert find_links("<ftp://files.example/a> <http://b.example>") == [
        "ftp://files.example/a",
        "http://b.example",
    ]


def test_a_brief_takes_two_to_ten_links() -> None:
    assert "at least 2" in (count_problem([]) or "") and "no link" in (count_problem([]) or "")
    assert "only one link" in (count_problem(["https://a.example"]) or "")
    assert count_problem([f"https://a.example/{n}" for n in range(2)]) is None
    assert count_problem([f"https://a.example/{n}" for n in range(10)]) is None
    assert "at most 10 links; you gave 11" in (
        count_problem([f"https://a.example/{n}" for n in range(11)]) or ""
    )


@pytest.mark.parametrize(
    "url",
    [
        f"http://{'a' * 64}.example/story",  # a DNS label over 63 characters
        f"https://news.example/redirect-to-{'b' * 70}",  # fine itself: the long label comes in the redirect
    ],
)
def test_a_host_name_that_cannot_be_encoded_is_refused_by_name(site: FakeNewsSite, url: str) -> None:
    if "redirect" in url:
        url = site.add("/hop", Reply(302, {"Location": f"http://{'b' * 70}.example/story"}, b""))

    assert "could not be found" in refusal(url) or "not a valid web address" in refusal(url)
