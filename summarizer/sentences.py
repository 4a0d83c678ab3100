"""Sentences: split each body span into sentences located by offsets into the article text.

A dateline before a lead ("WASHINGTON (Reuters) - ") is trimmed off its sentence. Credits,
calls to action and archive notices run into a paragraph ("AP contributed to this report.") are
no sentences, and neither is what is no report: a fragment, the page speaking to its reader, the
writer's own voice, a question, a lead-in (`summarizer.text.report`).
"""

from __future__ import annotations

from collections.abc import Iterator

from summarizer.text.boilerplate import DATELINE, NOISE_SENTENCE
from summarizer.text.normalise import display_text
from summarizer.text.report import not_a_report
from summarizer.text.split import merge_open_quotes, segments
from summarizer.types import Article, Sentence


def split_sentences(article: Article) -> list[Sentence]:
    """The article's body sentences in reading order, without page noise and what is no report."""
    spans = merge_open_quotes(article.text, list(_body_segments(article)))
    sentences: list[Sentence] = []
    for start, end in spans:
        text = display_text(article.text[start:end])
        if text and not NOISE_SENTENCE.search(text) and not not_a_report(text):
            sentences.append(Sentence(article.id, index=len(sentences), start=start, end=end, text=text))
    return sentences


def _body_segments(article: Article) -> Iterator[tuple[int, int]]:
    for span in article.body:
        paragraph = article.text[span.start : span.end]
        for start, end in segments(paragraph):
            dateline = DATELINE.match(paragraph[start:end])  # `^` anchors at the piece's start
            if dateline:
                start += dateline.end()
            if end > start:
                yield span.start + start, span.start + end
