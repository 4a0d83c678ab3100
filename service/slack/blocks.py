"""A brief as a Slack message (Block Kit): cited sentences, then numbered sources linking to the articles.

The input is the brief API's JSON as it arrived, so sections the API adds later (such as
`disagreements`, shown as "Sources differ") are rendered when present and ignored when not.
Everything taken from articles is escaped, and every block stays within Slack's limits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_URL_CHARS = 2000  # a longer URL is left unlinked rather than crowd out the text
_MAX_TITLE_CHARS, _MAX_OUTLET_CHARS = 300, 100
_MAX_CITED_CHARS = MAX_SECTION_CHARS - 200  # room for an indent and bullet around a cited sentence
_FRAGMENT_WORDS = 4  # words of a cited span's start and end that a text fragment names

Block = dict[str, Any]


def escape(text: str) -> str:
    """Text as Slack mrkdwn shows it literally: `&`, `<` and `>` are Slack's control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def brief_message(brief: Mapping[str, Any], texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """`text` (for notifications) and `blocks` of the message that carries a brief.

    `texts` are the articles' texts as sent, by source id: with them (or `sources[].text`, for
    HTML input) a marker links to the cited passage itself, a text fragment of its page.
    """
    sources: Sequence[Mapping[str, Any]] = brief["sources"]
    citer = _Citer(sources, texts or {})
    sentences = brief["brief"]
    blocks: list[Block] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"Brief of {len(sources)} articles"}},
        *_sections(
            (citer.cited(s["text"], s["citations"], s.get("method") == "condensed") for s in sentences),
            separator="\n\n",
        ),
    ]
    disagreements = brief.get("disagreements")
    if disagreements:
        lines = (line for item in disagreements for line in citer.disagreement(item))
        blocks += _sections(["*Sources differ*", *lines], separator="\n")
    blocks += [
        {"type": "divider"},
        *_sections(["*Sources*", *(citer.source_line(s) for s in sources)], separator="\n"),
        _context(_colophon(brief)),
    ]
    if len(blocks) > MAX_BLOCKS:
        blocks = [*blocks[: MAX_BLOCKS - 1], _context("Shortened to fit in one Slack message.")]
    first = _fit(sentences[0]["text"], 200) if sentences else "no sentence"
    return {"text": f"Brief of {len(sources)} articles: {first}", "blocks": blocks}


class _Citer:
    """Numbers sources in the API's order and writes the markers and lines that refer to them."""

    def __init__(self, sources: Sequence[Mapping[str, Any]], texts: Mapping[str, str]) -> None:
        self.number = {s["id"]: n for n, s in enumerate(sources, start=1)}
        self.url = {s["id"]: s.get("url") for s in sources}
        self.text = {s["id"]: s.get("text") or texts.get(s["id"]) for s in sources}

    def cited(self, text: str, citations: Iterable[Mapping[str, Any]], condensed: bool = False) -> str:
        """The sentence followed by its markers, [1] [3], each linking to the passage it cites
        (or its article); "(shortened)" when condensing cut asides from it."""
        first: dict[str, Mapping[str, Any]] = {}
        for citation in citations:
            if citation["article_id"] in self.number:
                first.setdefault(citation["article_id"], citation)
        ids = sorted(first, key=self.number.__getitem__)
        markers = " ".join(_link(self._passage(first[i]), f"[{self.number[i]}]") for i in ids)
        if len(markers) > MAX_SECTION_CHARS // 2:  # very long URLs: the source list still links them
            markers = " ".join(f"[{self.number[i]}]" for i in ids)
        mark = " _(shortened)_" if condensed else ""
        return f"{_fit(text, _MAX_CITED_CHARS - len(markers) - len(mark))}{mark} {markers}".rstrip()

    def _passage(self, citation: Mapping[str, Any]) -> str | None:
        """The article's URL with a text fragment (`#:~:text=start,end`) that a browser scrolls
        to and highlights: the cited span's first and last words."""
        url, text = self.url.get(citation["article_id"]), self.text.get(citation["article_id"])
        if not url or not text:
            return url
        words = text[citation["start"] : citation["end"]].split()
        if not words:
            return url
        start, end = " ".join(words[:_FRAGMENT_WORDS]), " ".join(words[-_FRAGMENT_WORDS:])
        directive = (
            _fragment(start) if len(words) <= 2 * _FRAGMENT_WORDS else f"{_fragment(start)},{_fragment(end)}"
        )
        return f"{url.split('#', 1)[0]}#:~:text={directive}"

    def source_line(self, source: Mapping[str, Any]) -> str:
        title = _fit(source.get("title") or source.get("url") or source["id"], _MAX_TITLE_CHARS)
        outlet = f" · {_fit(source['source'], _MAX_OUTLET_CHARS)}" if source.get("source") else ""
        return f"*[{self.number[source['id']]}]* {_link(source.get('url'), title)}{outlet}{self._why_left_out(source)}"

    def _why_left_out(self, source: Mapping[str, Any]) -> str:
        """What the brief made of a source it could not use, as the page says it."""
        status = source.get("status", "used")
        if status == "duplicate" and source.get("duplicate_of") in self.number:
            return f" _(a copy of [{self.number[source['duplicate_of']]}], counted once)_"
        if status == "other_language":
            return f" _(left out: written in another language, {source.get('language')})_"
        if status == "off_topic":
            return " _(left out: about another story)_"
        if status == "no_report":
            return " _(left out: nothing a brief can carry)_"
        return ""

    def disagreement(self, item: Mapping[str, Any]) -> list[str]:
        """What the sources differ on, then each version with the sources that give it."""
        versions = [
            f"    – {self.cited(v['text'], v.get('citations', []))}" for v in item.get("versions", [])
        ]
        return [f"• *{_fit(item.get('what', ''), _MAX_TITLE_CHARS)}*", *versions]


def _fragment(words: str) -> str:
    """Words as a text directive term: percent-encoded, with "-", "," and "&" encoded too, since
    they separate a directive's parts."""
    return quote(words, safe="").replace("-", "%2D")


def _link(url: str | None, label: str) -> str:
    """A Slack link, `<url|label>`; `label` is mrkdwn already. Without a usable URL, the label alone."""
    if not url:
        return label
    # In a link, "&" is escaped like text, and "<", ">" and "|" would end it: percent-encoded.
    href = (
        url.replace("&", "&amp;")
        .replace("<", "%3C")
        .replace(">", "%3E")
        .replace("|", "%7C")
        .replace(" ", "%20")
    )
    return f"<{href}|{label}>" if len(href) <= MAX_URL_CHARS else label


def _fit(raw: str, limit: int) -> str:
    """`raw` escaped, cut to at most `limit` characters (never inside an escape)."""
    escaped = escape(raw)
    if len(escaped) <= limit:
        return escaped
    kept: list[str] = []
    size = 0
    for char in raw:
        piece = escape(char)
        if size + len(piece) > limit - 1:
            break
        kept.append(piece)
        size += len(piece)
    return "".join(kept) + "…"


def _sections(paragraphs: Iterable[str], *, separator: str) -> list[Block]:
    """Paragraphs packed into as few sections as Slack's 3,000 characters per section allow."""
    texts: list[str] = []
    for paragraph in paragraphs:
        if texts and len(texts[-1]) + len(separator) + len(paragraph) <= MAX_SECTION_CHARS:
            texts[-1] += separator + paragraph
        else:
            texts.append(paragraph)
    # verbatim: Slack must not turn article text into links or mentions on its own.
    return [{"type": "section", "text": {"type": "mrkdwn", "text": t, "verbatim": True}} for t in texts]


def _context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}


def _colophon(brief: Mapping[str, Any]) -> str:
    rewritten = sum(1 for s in brief["brief"] if s.get("method") == "fused")
    condensed = sum(1 for s in brief["brief"] if s.get("method") == "condensed")
    parts = []
    if condensed:
        parts.append(
            f"{condensed} sentence{'s' * (condensed > 1)} quoted without {'their' if condensed > 1 else 'its'} asides"
        )
    if rewritten == 1:
        parts.append("1 sentence was shortened by the model and checked against every source it cites")
    elif rewritten:
        parts.append(
            f"{rewritten} sentences were shortened by the model and checked against every source they cite"
        )
    how = "; ".join(parts) if parts else "every sentence is quoted from a source"
    return f"{brief.get('words', 0)} words · [n] links to the passage a sentence comes from · {how}"
