"""Articles from links: fetch each page through the SSRF-safe fetcher and extract its text.

The Slack app and the API (an article given by its `url` alone) take the same path.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import HTTPException, status

from service.fetch import FETCH_TIMEOUT_S, FetchRefused, Page, fetch_page
from summarizer.limits import MAX_ARTICLE_CHARS, MAX_BUNDLE_CHARS, MIN_ARTICLES
from summarizer.schema import ArticleIn, BriefOut, BundleIn, LeftOutOut
from summarizer.text.html import extract_page

MAX_LINKS = 10  # links in one bundle: each is a fetch of up to 2 MB
MIN_ARTICLE_WORDS = 40  # less than a paragraph: a paywall, a video page, a cookie wall
# Ten of the longest articles still make a bundle the API accepts; a long feature is ~40,000 characters.
MAX_TEXT_CHARS = min(MAX_ARTICLE_CHARS, MAX_BUNDLE_CHARS // MAX_LINKS)


@dataclass(frozen=True)
class Unusable:
    """A link that gave no article, and why."""

    url: str
    reason: str


async def collect_articles(
    links: list[str], *, allow_loopback: bool = False, timeout_s: float = FETCH_TIMEOUT_S
) -> tuple[list[dict[str, Any]], list[Unusable]]:
    """Bundle articles (`id`, `text`, `title`, `source`, `url`) for the links that gave one, and the rest."""
    outcomes = await read_links(links, allow_loopback=allow_loopback, timeout_s=timeout_s)
    articles = [o for o in outcomes if isinstance(o, dict)]
    for number, article in enumerate(articles, start=1):
        article["id"] = f"a{number}"
    return articles, [o for o in outcomes if isinstance(o, Unusable)]


@dataclass(frozen=True)
class LinkRules:
    """How the API fetches articles given by their link alone (`ServiceSettings`)."""

    allow_loopback: bool = False
    timeout_s: float = FETCH_TIMEOUT_S
    most: int = MAX_LINKS


@dataclass(frozen=True)
class Fetched:
    """A bundle after its links were fetched: what to brief, what was left out, and the text
    each fetched link gave (which the response carries, since the offsets point into it)."""

    bundle: BundleIn
    left_out: list[LeftOutOut]
    texts: dict[str, str]  # url -> the article text extracted from its page

    def answer(self, out: BriefOut) -> BriefOut:
        """The brief with the left-out links, and the fetched texts its offsets point into."""
        if not self.left_out and not self.texts:
            return out
        sources = [
            s.model_copy(update={"text": self.texts[s.url]}) if s.text is None and s.url in self.texts else s
            for s in out.sources
        ]
        return out.model_copy(update={"left_out": self.left_out, "sources": sources})


async def fetch_bundle(bundle: BundleIn, rules: LinkRules) -> Fetched:
    """The bundle with every article given by its `url` alone fetched, and those whose page gave
    no article left out, each with why; a 422 naming the links when fewer than two articles remain."""
    wanted = [i for i, article in enumerate(bundle.articles) if article.to_fetch]
    if not wanted:
        return Fetched(bundle, [], {})
    if len(wanted) > rules.most:
        raise _unprocessable(
            [
                {
                    "loc": ["body", "articles"],
                    "msg": f"a bundle may give at most {rules.most} articles by their url alone; it gives {len(wanted)}",
                    "type": "too_many_links",
                }
            ]
        )
    links = [str(bundle.articles[i].url) for i in wanted]
    outcomes = dict(
        zip(
            wanted,
            await read_links(links, allow_loopback=rules.allow_loopback, timeout_s=rules.timeout_s),
            strict=True,
        )
    )
    kept: list[ArticleIn] = []
    left_out: list[LeftOutOut] = []
    for index, article in enumerate(bundle.articles):
        outcome = outcomes.get(index)
        if isinstance(outcome, Unusable):
            left_out.append(LeftOutOut(article=index, id=article.id, url=outcome.url, reason=outcome.reason))
        elif outcome is None:
            kept.append(article)
        else:
            found = {
                "text": outcome["text"],
                "title": article.title or outcome["title"],
                "source": article.source or outcome["source"],
            }
            kept.append(article.model_copy(update=found))
    if len(kept) < MIN_ARTICLES:
        problems = [
            {
                "loc": ["body", "articles", x.article, "url"],
                "msg": f"{x.url}: {x.reason}",
                "type": "link_unusable",
            }
            for x in left_out
        ]
        problems.append(
            {
                "loc": ["body", "articles"],
                "msg": f"that leaves {len(kept)} article{'s' * (len(kept) != 1)}; a brief needs at least {MIN_ARTICLES}",
                "type": "too_few_articles",
            }
        )
        raise _unprocessable(problems)
    texts = {str(o["url"]): str(o["text"]) for o in outcomes.values() if not isinstance(o, Unusable)}
    return Fetched(bundle.model_copy(update={"articles": kept}), left_out, texts)


def _unprocessable(problems: list[dict[str, Any]]) -> HTTPException:
    return HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, detail=problems)


async def read_links(
    links: list[str], *, allow_loopback: bool = False, timeout_s: float = FETCH_TIMEOUT_S
) -> list[dict[str, Any] | Unusable]:
    """For each link, in order, its article (`text`, `title`, `source`, `url`) or why there is none."""
    return list(await asyncio.gather(*(_read(link, allow_loopback, timeout_s) for link in links)))


async def _read(link: str, allow_loopback: bool, timeout_s: float) -> dict[str, Any] | Unusable:
    try:
        page = await fetch_page(link, allow_loopback=allow_loopback, timeout_s=timeout_s)
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
