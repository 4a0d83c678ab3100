"""Select: the facts a brief has room for, best first, no two saying the same thing."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.bundle import Bundle
from summarizer.tuning import Tuning
from summarizer.types import Fact


def select(
    bundle: Bundle, facts: Sequence[Fact], max_words: int, tuning: Tuning, overbooking: float = 1.0
) -> list[Fact]:
    """The best facts that fit in `max_words` (times `overbooking`), no two saying the same thing.

    Best first, in the order they were chosen: the final cut (`brief.fit`) keeps that priority
    when rewritten sentences settle the final length.
    """
    thresholds = bundle.thresholds
    shortest = tuning.min_fact_words
    chosen: list[Fact] = []
    words = 0
    planned = round(max_words * overbooking)
    # A short brief should carry several facts, not two long sentences: above the length that
    # leaves room for `facts_per_brief` facts, a sentence's claim on the budget is discounted.
    target = max(shortest, max_words / tuning.facts_per_brief)
    by_value = sorted(facts, key=lambda f: -f.score * min(1.0, target / f.representative.words) ** 0.5)
    for fact in by_value:
        length = fact.representative.words
        if length < shortest or words + length > planned:
            continue
        vector = bundle.vector(fact.representative)
        # Redundant: close to a chosen fact's quoted sentence, or a near-duplicate of any outlet's
        # wording of it (the stricter test, since members stray further from the fact's core).
        if any(
            float(vector @ bundle.vector(other.representative)) >= thresholds.redundant
            or max(float(vector @ bundle.vector(m)) for m in other.members) >= thresholds.duplicate
            for other in chosen
        ):
            continue
        chosen.append(fact)
        words += length
        if planned - words < shortest:
            break
    if not chosen and facts:  # nothing fits: the shortest of the top facts, so a brief is never empty
        chosen = [min(facts[:5], key=lambda f: f.representative.words)]
    return chosen
