"""The links an editor pasted in Slack: found in the message, and counted (fetching: `service.links`)."""

from __future__ import annotations

import html
import re

from service.links import MAX_LINKS
from summarizer.limits import MIN_ARTICLES as MIN_LINKS

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
