"""A web page's article text, title and site name (trafilatura), one setting for every caller."""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura


@dataclass(frozen=True)
class ExtractedPage:
    text: str  # empty when no article was found
    title: str | None
    site_name: str | None


def extract_page(markup: str | bytes, url: str | None = None) -> ExtractedPage:
    """The article of an HTML page: body text without comments or tables, recall over precision
    (an article cut short loses facts; page noise left in is for cleaning to leave out)."""
    document = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_recall=True,
    )
    return ExtractedPage(
        text=(getattr(document, "text", None) or "").strip(),
        title=getattr(document, "title", None),
        site_name=getattr(document, "sitename", None),
    )
