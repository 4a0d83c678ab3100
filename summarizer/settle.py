"""Settle: a brief sentence whose sources differ on a detail takes no side.

A disputed title or role is dropped from the sentence; a disputed figure, day, place or speaker
is attributed to the outlets that give it, by the name a reader knows them by ("... (according to
Reuters)", from the article's `source`, else its web address's domain). An outlet with neither is
not named in the sentence (an article id means nothing to a reader): the brief's disagreement
notes list every version with its characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from summarizer.text.lexicon import words
from summarizer.text.normalise import display_text
from summarizer.types import Article, Citation, Detail, Disagreement, Version

# Words that follow a sentence's subject: a dropped apposition before one takes its comma with it.
_VERB_AFTER_SUBJECT = words("verbs_after_subject")
_ATTRIBUTION = re.compile(r" \(according to [^)]*\)")

Edit = tuple[int, int, str]  # replace characters [start, end) of a brief sentence with a text


def bearing_on(disagreements: Iterable[Disagreement], cited: Iterable[Citation]) -> tuple[Disagreement, ...]:
    """The disagreements with a version inside one of the cited sentences: those a brief sentence faces."""
    spans = [(c.article_id, c.start, c.end) for c in cited]
    return tuple(
        d
        for d in disagreements
        if any(
            c.article_id == a and s <= c.start and c.end <= e
            for v in d.versions
            for c in v.citations
            for a, s, e in spans
        )
    )


def settle(text: str, disagreements: Iterable[Disagreement], articles: Mapping[str, Article]) -> str:
    """`text` taking no side on the disagreements it faces.

    The versions are looked for in `text` as their outlets wrote them (each citation's characters),
    so it works on an extracted sentence and on a rewritten one that kept a version's wording.
    """
    edits: list[Edit] = []
    for disagreement in disagreements:
        for version in disagreement.versions:
            for phrase in {
                display_text(articles[c.article_id].text[c.start : c.end]) for c in version.citations
            }:
                for found in re.finditer(re.escape(phrase), text):
                    edits.append(_settling(text, found, disagreement.kind, version, articles))
    settled = text
    last = len(text) + 1
    for start, end, replacement in sorted(set(edits), key=lambda e: e[0], reverse=True):
        if end <= last:  # overlapping edits: the later one wins
            settled = settled[:start] + replacement + settled[end:]
            last = start
    return " ".join(settled.split())


def without_attributions(text: str) -> str:
    """The sentence without the outlet labels `settle` added: they name sources, they claim nothing."""
    return _ATTRIBUTION.sub("", text)


def _settling(
    text: str, found: re.Match[str], kind: Detail, version: Version, articles: Mapping[str, Article]
) -> Edit:
    start, end = found.start(), found.end()
    if kind is Detail.ROLE:
        # An appositive goes with its commas when the sentence's verb follows ("Fang Fenghui, chief
        # of ..., will take part" -> "Fang Fenghui will take part"); before another clause ("...,
        # officials said") the comma stays.
        if text[:start].endswith(", "):
            start -= 2
            after = re.match(r",\s+(\w+)", text[end:])
            if after and (after[1] in _VERB_AFTER_SUBJECT or after[1].endswith("ed")):
                end += 1
        return start, end, ""
    outlets = [_outlet(articles[c.article_id]) for c in version.citations]
    named = [outlet for outlet in outlets if outlet]
    if len(named) < len(outlets):
        return end, end, ""  # an unnamed outlet: the note carries this version
    return end, end, f" (according to {', '.join(dict.fromkeys(named))})"


def _outlet(article: Article) -> str | None:
    """The outlet as readers know it: its name, else its web address's domain."""
    if article.source and article.source.strip():
        return " ".join(article.source.split())
    host = urlsplit(article.url).hostname if article.url else None
    return host.removeprefix("www.") if host else None
