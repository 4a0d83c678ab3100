"""Sentence boundaries: pysbd (rule-based, no data download), located by offsets.

pysbd keeps "U.S.", "Gen.", "Jan." and quoted speech inside their sentences. Pieces are found in
the text with a cursor, so a sentence that appears twice gets the offsets of each occurrence,
and a quotation broken over a line is joined back into one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import pysbd

# pysbd writes a pattern for each abbreviation it meets in a text (about 3,000 over a 50-article
# bundle); re keeps the last 512 compiled, so they were compiled again and again: a third of the
# splitting time. A larger cache keeps them (a few MB).
_PATTERNS_KEPT = 4096
re._MAXCACHE = max(re._MAXCACHE, _PATTERNS_KEPT)  # type: ignore[attr-defined]  # re's own cache size

_MAX_QUOTE_PIECES = 4  # an unbalanced quote mark must not swallow the rest of the article
# Body paragraphs end like sentences; headlines, decks, tags and bylines do not.
_ENDS_LIKE_SENTENCE = re.compile(r"""[.!?…:;]["'”’)\]]*$|["”’]$""")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def segments(text: str) -> Iterator[tuple[int, int]]:
    """pysbd's sentences of `text` as (start, end) offsets, whitespace trimmed."""
    cursor = 0
    for piece in _segmenter().segment(text):
        stripped = piece.strip()
        found = text.find(stripped, cursor)
        if found < 0 or not stripped:  # pysbd keeps text as is with clean=False; a guard
            continue
        cursor = found + len(stripped)
        yield found, cursor


def merge_open_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans joined while a quotation is still open: a quote broken over a line is one sentence."""
    merged: list[tuple[int, int]] = []
    pending = 0  # pieces joined into the current sentence so far
    for start, end in spans:
        if merged and 0 < pending < _MAX_QUOTE_PIECES and _quote_open(text[merged[-1][0] : merged[-1][1]]):
            merged[-1] = (merged[-1][0], end)
            pending += 1
        else:
            merged.append((start, end))
            pending = 1
    return merged


def split_text(text: str) -> list[str]:
    """The sentences of a free-standing text (a generated draft, a reference summary)."""
    return [text[start:end] for start, end in merge_open_quotes(text, list(segments(text)))]


def ends_like_sentence(line: str) -> bool:
    """Whether a line ends as a sentence does (a headline, a tag list or a byline does not)."""
    return _ENDS_LIKE_SENTENCE.search(line) is not None


def _quote_open(sentence: str) -> bool:
    return sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1
