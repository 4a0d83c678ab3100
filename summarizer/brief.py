"""Brief: the final cut to the word budget, and the order the brief reads in."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.text.normalise import word_count
from summarizer.types import Fact


def fit(texts: Sequence[str], facts: Sequence[Fact], max_words: int) -> list[int]:
    """Indices of the sentences to keep, in reading order.

    `facts` come best first (as `select` chose them), each with its brief text. Selection fits the
    wordings it chose; a sentence that names its outlets for a disputed detail (`settle`) can
    grow, and this cut settles it: `max_words` is a hard cap, facts are taken best first, and one
    that no longer fits is skipped, not the end of the brief, since a shorter one after it may
    still fill the room. The fact most outlets lead with opens the brief (of those, the best);
    the rest follow in the order their outlets tell them.
    """
    kept: list[int] = []
    words = 0
    for index, text in enumerate(texts):
        length = word_count(text)
        if words + length <= max_words:
            kept.append(index)
            words += length
    if not kept:
        return kept
    opener = max(kept, key=lambda i: (_leads(facts[i]), -kept.index(i)))
    rest = [i for i in kept if i != opener]
    return [opener, *sorted(rest, key=lambda i: reading_position(facts[i]))]


def _leads(fact: Fact) -> int:
    """How many outlets open their story with the fact."""
    return sum(s.index == 0 for s in fact.members)


def reading_position(fact: Fact) -> float:
    """Where a fact sits in its outlets' stories: earliest first reads like a news story."""
    return float(np.mean([s.index for s in fact.members])) - 0.5 * fact.score
