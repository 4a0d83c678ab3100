"""Copies: one text counts once, however many times it arrives.

- **Wire copies.** Newsrooms receive one agency story reprinted by many outlets, sometimes
  trimmed or with a line added. An article most of whose word 5-grams (shingles) are in another
  article of the bundle is that article's copy: left out, named as its copy, so the story's
  support counts once.
- **Copied sentences.** A sentence that an earlier article has word for word (or nearly: a
  changed article or a typo) is that article's sentence again, not a second outlet reporting
  it, whether it is an agency paragraph, a quote pasted around, or a planted sentence.
- **Repeats.** A sentence an article repeats word for word is layout (a pull quote, a page pasted
  twice), not a second report: only its first occurrence is kept.

"Earlier" is the article published first where every article is dated, else the one sent first.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from summarizer.text.normalise import wording
from summarizer.types import Article, Sentence, published

SHINGLE_WORDS = 5


def first_published(articles: Sequence[Article]) -> list[Article]:
    """The articles in the order they were published when every one is dated, else as sent."""
    moments = [published(a.published_at) if a.published_at else None for a in articles]
    if all(m is not None for m in moments):
        order = sorted(range(len(articles)), key=lambda i: (moments[i], i))
        return [articles[i] for i in order]
    return list(articles)


def wire_copies(articles: Sequence[Article], containment: float) -> dict[str, str]:
    """Each article that copies another: its id -> the id of the article it copies.

    A copy is an article at least `containment` of whose shingles are in one earlier article
    (or in a later one that has all of them and more: the copy was trimmed). Of two copies of
    one text, the earlier stands.
    """
    ordered = first_published(articles)
    shingles = [_shingles(a.body_text) for a in ordered]
    copy_of: dict[str, str] = {}
    for i, article in enumerate(ordered):
        if not shingles[i]:
            continue
        for j, other in enumerate(ordered):
            if j == i or other.id in copy_of or not shingles[j]:
                continue
            shared = len(shingles[i] & shingles[j])
            mine, theirs = shared / len(shingles[i]), shared / len(shingles[j])
            # Copies of each other: the earlier stands. Contained in a longer one: the longer stands.
            if mine >= containment and (j < i or theirs < containment):
                copy_of[article.id] = other.id
                break
    return copy_of


def drop_repeats(sentences: Sequence[Sentence]) -> list[Sentence]:
    """Each article's sentences less word-for-word repeats of an earlier sentence of the same article."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for sentence in sentences:
        key = (sentence.article_id, wording(sentence.text))
        if key not in seen:
            seen.add(key)
            kept.append(sentence)
    return kept


def drop_copied_sentences(
    sentences: Sequence[Sentence], vectors: np.ndarray, order: Sequence[str], near: float, same_words: float
) -> list[int]:
    """The rows of `sentences` that stay: all but copies of a sentence of an earlier article.

    Candidates are pairs at least `near` alike in meaning; a pair is a copy when its words match
    to `same_words` (difflib's ratio over the word sequences), so two outlets' own wordings of
    one fact both stay.
    """
    rank = {article_id: i for i, article_id in enumerate(order)}
    words = [wording(s.text).split() for s in sentences]
    similar = vectors @ vectors.T if len(sentences) else np.zeros((0, 0))
    dropped: set[int] = set()
    for i, sentence in enumerate(sentences):
        for j in map(int, np.flatnonzero(similar[i] >= near)):
            earlier = sentences[j]
            if (
                j not in dropped
                and rank.get(earlier.article_id, 0) < rank.get(sentence.article_id, 0)
                and SequenceMatcher(None, words[i], words[j], autojunk=False).ratio() >= same_words
            ):
                dropped.add(i)
                break
    return [i for i in range(len(sentences)) if i not in dropped]


def _shingles(text: str) -> set[int]:
    words = wording(text).split()
    return {hash(tuple(words[k : k + SHINGLE_WORDS])) for k in range(max(0, len(words) - SHINGLE_WORDS + 1))}
