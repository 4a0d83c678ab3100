"""Sentences: split each body span into sentences located by offsets into the article text.

pysbd is rule-based and needs no data download; it keeps "U.S.", "Gen.", "Jan." and quoted
speech inside their sentences. Offsets are found by walking the text with a cursor, so a
sentence that appears twice gets the offsets of each occurrence.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import pysbd

from summarizer.clean import is_noise_sentence
from summarizer.types import Article, Sentence

# "WASHINGTON (REUTERS) – ", "BEIJING, June 21 (Reuters) - ": a dateline is not part of the fact.
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}(?:,\s*\w+\.? \d{1,2})?\s*\([A-Za-z .]{2,25}\)\s*[-–—]+\s*")
_INVISIBLE = {"Cc", "Cf", "Co", "Cs"}
_MAX_QUOTE_PIECES = 4  # an unbalanced quote mark must not swallow the rest of the article


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False)


def display_text(raw: str) -> str:
    """A sentence as a reader should see it: no invisible or control characters, single spaces."""
    visible = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in raw)
    return " ".join(visible.split())


def split_text(text: str) -> list[str]:
    """Sentences of a free-standing text (a generated draft, a reference summary)."""
    spans, cursor = [], 0
    for piece in _segmenter().segment(text):
        found = text.find(piece.strip(), cursor)
        if found >= 0 and piece.strip():
            cursor = found + len(piece.strip())
            spans.append((found, cursor))
    return [text[start:end] for start, end in _merge_open_quotes(text, spans)]


def split_sentences(article: Article) -> list[Sentence]:
    """The article's body sentences in reading order, without credits and sign-up prompts."""
    spans = _merge_open_quotes(article.text, list(_raw_spans(article)))
    sentences: list[Sentence] = []
    for start, end in spans:
        text = display_text(article.text[start:end])
        if text and not is_noise_sentence(text):
            sentences.append(Sentence(article.id, index=len(sentences), start=start, end=end, text=text))
    return sentences


def _raw_spans(article: Article) -> Iterator[tuple[int, int]]:
    for span in article.body:
        paragraph = article.text[span.start : span.end]
        cursor = 0
        for piece in _segmenter().segment(paragraph):
            found = paragraph.find(piece.strip(), cursor)
            if found < 0 or not piece.strip():  # pysbd keeps text as is with clean=False; a guard
                continue
            start, end = found, found + len(piece.strip())
            cursor = end
            dateline = _DATELINE.match(paragraph, start, end)
            if dateline:
                start = dateline.end()
            if end > start:
                yield span.start + start, span.start + end


def _merge_open_quotes(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join pieces while a quotation is still open: a quote broken over a line is one sentence."""
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


def _quote_open(sentence: str) -> bool:
    return sentence.count("“") > sentence.count("”") or sentence.count('"') % 2 == 1
