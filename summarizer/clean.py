"""Clean: find the article body inside a page's text, leaving out page noise.

Pages arrive with widgets ("Select Voice", "Listen Live"), photo captions (often printed twice),
credits, copyright lines, bylines, tags and section labels. Noise is judged a line at a time and
left out of `Article.body`; the text itself is never rewritten, so offsets stay valid. HTML
input is first turned into text (trafilatura), the text the response then carries.
"""

from __future__ import annotations

import re

from summarizer.text.boilerplate import CAPTION, COPYRIGHT, CREDIT_ONLY, FURNITURE, IMAGE_EMBED
from summarizer.text.html import extract_page
from summarizer.text.split import ends_like_sentence
from summarizer.types import Article, ArticleInput, Span


def clean(article: ArticleInput) -> Article:
    """Clean one submitted article: extract HTML if needed, then find its body lines."""
    title = article.title
    if article.html is not None and article.text is None:
        page = extract_page(article.html)
        text, title = page.text, title or page.title
        from_html = True
    else:
        text = article.text or ""
        from_html = False
    return Article(
        id=article.id,
        text=text,
        body=body_spans(text),
        title=title,
        source=article.source,
        url=article.url,
        published_at=article.published_at,
        extracted_from_html=from_html,
    )


def body_spans(text: str) -> tuple[Span, ...]:
    """The spans of `text` (one per line, whitespace trimmed) that are article body."""
    lines = _lines(text)
    stripped = [text[s.start : s.end] for s in lines]
    noise = [_is_noise(line) for line in stripped]
    for i, line in enumerate(stripped):
        nxt = stripped[i + 1] if i + 1 < len(stripped) else ""
        # A caption printed twice: the same words again, the second time with its credit.
        if line and nxt.startswith(line) and len(nxt) > len(line) and CAPTION.search(nxt):
            noise[i] = True
        # A caption whose credit sits alone on the next line.
        if CREDIT_ONLY.search(nxt):
            noise[i] = True
        # A repeated line is layout, not a second statement of the fact.
        if line and line in stripped[:i]:
            noise[i] = True
    return tuple(span for span, is_noise in zip(lines, noise, strict=True) if not is_noise)


def _lines(text: str) -> list[Span]:
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append(Span(start, end))
    return spans


def _is_noise(line: str) -> bool:
    return bool(
        FURNITURE.match(line)
        or COPYRIGHT.search(line)
        or CREDIT_ONLY.search(line)
        or IMAGE_EMBED.search(line)
        or CAPTION.search(line)
        or not ends_like_sentence(line)
    )
