"""Group: near-duplicate sentences across outlets become one fact; choose the facts for a brief.

Five outlets reporting that "Tillerson and Mattis hosted Yang Jiechi" is one fact, not five:
greedy leader clustering in rank order puts each outlet's closest sentence (above the
embedder's duplicate threshold) under the best-ranked sentence that states it.
"""

from __future__ import annotations

import numpy as np

from summarizer.types import Fact, Sentence

MIN_WORDS = 6  # shorter sentences are fragments, not facts a brief can stand on
FACTS_PER_BRIEF = 5


def group(
    sentences: list[Sentence], embeddings: np.ndarray, scores: np.ndarray, duplicate: float
) -> list[Fact]:
    """Every sentence in exactly one fact, facts in descending score."""
    similarity = embeddings @ embeddings.T
    assigned = np.zeros(len(sentences), dtype=bool)
    facts: list[Fact] = []
    for leader in np.argsort(-scores, kind="stable"):
        if assigned[leader]:
            continue
        assigned[leader] = True
        members = [sentences[leader]]
        close = np.flatnonzero((similarity[leader] >= duplicate) & ~assigned)
        best_per_article: dict[str, int] = {}
        for j in map(int, close):
            article_id = sentences[j].article_id
            if article_id == sentences[leader].article_id:
                assigned[j] = True  # the outlet repeating itself: absorbed, not a second source
            elif (
                article_id not in best_per_article
                or similarity[leader, j] > similarity[leader, best_per_article[article_id]]
            ):
                best_per_article[article_id] = int(j)
        for j in best_per_article.values():
            assigned[j] = True
            members.append(sentences[j])
        facts.append(
            Fact(members=tuple(members), representative=sentences[leader], score=float(scores[leader]))
        )
    return facts


def select(
    facts: list[Fact],
    vectors: dict[Sentence, np.ndarray],
    max_words: int,
    redundant: float,
    duplicate: float,
    overbooking: float = 1.0,
) -> list[Fact]:
    """The best facts that fit in `max_words` (times `overbooking`), no two saying the same thing.

    Best first, in the order they were chosen: `brief.fit` keeps that priority when fused
    sentences settle the final length, and the brief puts them in `reading_position` order.
    """
    chosen: list[Fact] = []
    words = 0
    planned = round(max_words * overbooking)
    # A short brief should carry several facts, not two long sentences: above the length that
    # leaves room for FACTS_PER_BRIEF facts, a sentence's claim on the budget is discounted.
    target = max(MIN_WORDS, max_words / FACTS_PER_BRIEF)
    by_value = sorted(facts, key=lambda f: -f.score * min(1.0, target / f.representative.words) ** 0.5)
    for fact in by_value:
        length = fact.representative.words
        if length < MIN_WORDS or words + length > planned:
            continue
        vector = vectors[fact.representative]
        # Redundant: close to a chosen fact's quoted sentence, or a near-duplicate of any outlet's
        # wording of it (the stricter test, since members stray further from the fact's core).
        if any(
            float(vector @ vectors[other.representative]) >= redundant
            or max(float(vector @ vectors[m]) for m in other.members) >= duplicate
            for other in chosen
        ):
            continue
        chosen.append(fact)
        words += length
        if planned - words < MIN_WORDS:
            break
    if not chosen and facts:  # nothing fits: the shortest of the top facts, so a brief is never empty
        chosen = [min(facts[:5], key=lambda f: f.representative.words)]
    return chosen


def reading_position(fact: Fact) -> float:
    """Where a fact sits in its outlets' stories: earliest first reads like a news story."""
    return float(np.mean([s.index for s in fact.members])) - 0.5 * fact.score
