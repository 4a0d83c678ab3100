"""Brief: the final cut to the word budget, and the order the brief reads in."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.text.normalise import word_count
from summarizer.text.pointing import may_hold_antecedent, points_back
from summarizer.types import Fact, Wording


def fit(texts: Sequence[str], wordings: Sequence[Wording], max_words: int) -> list[int]:
    """Indices of the sentences to keep, in reading order.

    `wordings` come best first (as `select` chose them), each with its brief text. Selection fits
    the wordings it chose; a sentence that names its outlets for a disputed detail (`settle`) can
    grow, and this cut settles it: `max_words` is a hard cap, facts are taken best first, and one
    that no longer fits is skipped, not the end of the brief, since a shorter one after it may
    still fill the room. A sentence that points back ("He", "The tweet") goes when the cut leaves
    no earlier sentence of its article, which names whoever it points at. The fact most outlets
    lead with opens the brief (of those, the best, never one that points back); the rest follow in
    the order their outlets tell them, a sentence that points back after the one it points at.
    """
    dropped: set[int] = set()
    while True:
        kept = _within(texts, max_words, dropped)
        orphans = {i for i in kept if points_back(texts[i]) and not _named_before(i, kept, texts, wordings)}
        if not orphans:
            break
        dropped |= orphans
    if not kept:
        return kept
    standing = [i for i in kept if not points_back(texts[i])] or kept
    opener = max(standing, key=lambda i: (_leads(wordings[i].fact), -kept.index(i)))
    rest = sorted((i for i in kept if i != opener), key=lambda i: reading_position(wordings[i].fact))
    return _after_what_they_point_at([opener, *rest], texts, wordings)


def _within(texts: Sequence[str], max_words: int, dropped: set[int]) -> list[int]:
    kept: list[int] = []
    words = 0
    for index, text in enumerate(texts):
        length = word_count(text)
        if index not in dropped and words + length <= max_words:
            kept.append(index)
            words += length
    return kept


def _named_before(
    index: int, among: Sequence[int], texts: Sequence[str], wordings: Sequence[Wording]
) -> bool:
    """Whether `among` holds an earlier sentence of the article that `index`'s sentence is from,
    one that can name whom it points at (`may_hold_antecedent`)."""
    own = wordings[index].sentence
    return any(
        wordings[j].sentence.article_id == own.article_id
        and wordings[j].sentence.index < own.index
        and may_hold_antecedent(texts[j], texts[index])
        for j in among
        if j != index
    )


def _after_what_they_point_at(
    order: list[int], texts: Sequence[str], wordings: Sequence[Wording]
) -> list[int]:
    """`order`, with each sentence that points back held until an earlier sentence of its article
    has been placed."""
    placed: list[int] = []
    waiting: list[int] = []
    for index in order:
        if points_back(texts[index]) and not _named_before(index, placed, texts, wordings):
            waiting.append(index)
            continue
        placed.append(index)
        released = True
        while released:
            ready = [w for w in waiting if _named_before(w, placed, texts, wordings)]
            released = bool(ready)
            placed += ready
            waiting = [w for w in waiting if w not in ready]
    return placed + waiting


def _leads(fact: Fact) -> int:
    """How many outlets open their story with the fact."""
    return sum(s.index == 0 for s in fact.members)


def reading_position(fact: Fact) -> float:
    """Where a fact sits in its outlets' stories: earliest first reads like a news story."""
    return float(np.mean([s.index for s in fact.members])) - 0.5 * fact.score
