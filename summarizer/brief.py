"""Brief: the final cut to the word budget, keeping reading order."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.types import Fact


def fit(texts: Sequence[str], facts: Sequence[Fact], max_words: int) -> list[int]:
    """Indices of the sentences to keep: the lowest-ranked facts go until `max_words` fits.

    Facts are planned on their source sentences' length; fused sentences are usually shorter,
    so the plan over-books a little and this cut settles it. One sentence always stays.
    """
    kept = list(range(len(texts)))
    words = sum(len(t.split()) for t in texts)
    for index in sorted(kept, key=lambda i: facts[i].score):
        if words <= max_words or len(kept) == 1:
            break
        kept.remove(index)
        words -= len(texts[index].split())
    return kept
