"""From the links an editor pasted to the articles of a bundle: find the links, fetch, extract."""

from __future__ import annotations

import asyncio
import html
import re
from dataclasses import dataclass
from typing import Any

import httpx

from service.slack.fetch import FetchRefused, Page, fetch_page
from summarizer.limits import MAX_ARTICLE_CHARS, MAX_BUNDLE_CHARS
from summarizer.text.html import extract_page

MIN_LINKS, MAX_LINKS = 2, 10
MIN_ARTICLE_WORDS = 40  # less than a paragraph: a paywall, a video page, a cookie wall
# Ten of the longest articles still make a bundle the API accepts; a long feature is ~40,000 characters.
MAX_TEXT_CHARS = min(MAX_ARTICLE_CHARS, MAX_BUNDLE_CHARS // MAX_LINKS)

# Slack sends a link as <https://...> or <https://...|label> (with "&" as "&amp;"); a client that
# does not escape links sends it bare. Mentions and channels (<@U1>, <#C1|x>) have no "://".
_SLACK_LINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*://[^|>\s]+)(?:\|[^>]*)?>")
_BARE_LINK = re.compile(r"(?<![<|])\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s<>|]+")


def find_links(text: str) -> list[str]:
    """The links in a message or command, in order, each once."""
    found = [(m.start(), m.group(1)) for m in _SLACK_LINK.finditer(text)]
    bare_text = _SLACK_LINK.sub(lambda m: " " * len(m.group(0)), text)
    found += [(m.start(), m.group(0)) for m in _BARE_LINK.finditer(bare_text)]
    links = (html.unescape(link) for _, link in sorted(found))
    return list(dict.fromkeys(links))


def count_problem(links: list[str]) -> str | None:
    """What is wrong with the number of links, for the editor; None when it is fine."""
    example = "`/brief https://outlet-one.example/story https://outlet-two.example/story`"
    if len(links) < MIN_LINKS:
        found = "no link" if not links else "only one link"
        return f"A brief needs links to at least {MIN_LINKS} stories about the same event; I found {found}. For example: {example}"
    if len(links) > MAX_LINKS:
        return f"A brief takes at most {MAX_LINKS} links; you gave {len(links)}. Pick the {MAX_LINKS} best stories."
    return None


@dataclass(frozen=True)
class Unusable:
    """A link that gave no article, and why."""

    url: str
    reason: str


async def collect_articles(
    links: list[str], *, allow_loopback: bool = False
) -> tuple[list[dict[str, Any]], list[Unusable]]:
    """Bundle articles (`id`, `text`, `title`, `source`, `url`) for the links that gave one, and the rest."""
    outcomes = await asyncio.gather(*(_read(link, allow_loopback) for link in links))
    articles = [o for o in outcomes if isinstance(o, dict)]
    for number, article in enumerate(articles, start=1):
        article["id"] = f"a{number}"
    return articles, [o for o in outcomes if isinstance(o, Unusable)]


async def _read(link: str, allow_loopback: bool) -> dict[str, Any] | Unusable:
    try:
        page = await fetch_page(link, allow_loopback=allow_loopback)
        # Extraction parses the whole page: off the event loop, which serves Slack's acks.
        return await asyncio.to_thread(_article, page)
    except FetchRefused as refusal:
        return Unusable(link, str(refusal))


def _article(page: Page) -> dict[str, Any]:
    if page.media_type == "text/plain":
        text, title, outlet = page.body.decode(page.charset or "utf-8", errors="replace"), None, None
    else:
        # Bytes unless the server named the charset, so the extractor can read a <meta charset>.
        markup: str | bytes = page.body.decode(page.charset, errors="replace") if page.charset else page.body
        extracted = extract_page(markup, url=page.final_url)
        text, title, outlet = extracted.text, extracted.title, extracted.site_name
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise FetchRefused("no article text found on the page")
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS].rsplit("\n", 1)[0]  # whole paragraphs only
    host = httpx.URL(page.final_url).host.removeprefix("www.")
    return {"text": text, "title": title, "source": outlet or host, "url": page.url}
