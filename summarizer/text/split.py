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

from summarizer.text.lexicon import CLOCK_TIME_FOLLOWERS
from summarizer.text.overlap import WORD

# pysbd writes a pattern for each abbreviation it meets in a text (about 3,000 over a 50-article
# bundle); re keeps the last 512 compiled, so they were compiled again and again: a third of the
# splitting time. A larger cache keeps them (a few MB).
_PATTERNS_KEPT = 4096
re._MAXCACHE = max(re._MAXCACHE, _PATTERNS_KEPT)  # type: ignore[attr-defined]  # re's own cache size

_MAX_QUOTE_PIECES = 4  # an unbalanced quote mark must not swallow the rest of the article
# Body paragraphs end like sentences; headlines, decks, tags and bylines do not.
_ENDS_LIKE_SENTENCE = re.compile(r"""[.!?…:;]["'”’)\]]*$|["”’]$""")
# pysbd ends a sentence at "a.m." or "p.m." before any capital, so "last seen around 1 p.m. Monday
# when they were dropped near the bridge" was two, the second a fragment a brief printed.
_CLOCK_TIME_END = re.compile(r"\b[ap]\.m\.$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def segments(text: str) -> Iterator[tuple[int, int]]:
    """pysbd's sentences of `text` as (start, end) offsets, whitespace trimmed; a clock time and
    the day, date or time zone after it ("1 p.m. Monday") stay in one sentence."""
    cursor = 0
    held: tuple[int, int] | None = None  # the sentence so far, while the next piece may go on with it
    for piece in _segmenter().segment(text):
        stripped = piece.strip()
        found = text.find(stripped, cursor)
        if found < 0 or not stripped:  # pysbd keeps text as is with clean=False; a guard
            continue
        cursor = found + len(stripped)
        if held and _CLOCK_TIME_END.search(text[held[0] : held[1]]) and _goes_on_after_clock_time(stripped):
            held = (held[0], cursor)
            continue
        if held:
            yield held
        held = (found, cursor)
    if held:
        yield held


def _goes_on_after_clock_time(piece: str) -> bool:
    first = WORD.match(piece)
    return first is not None and first.group().lower() in CLOCK_TIME_FOLLOWERS


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
