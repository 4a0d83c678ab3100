"""Group: near-duplicate sentences across outlets become one fact.

Five outlets reporting that "Tillerson and Mattis hosted Yang Jiechi" is one fact, not five:
greedy leader clustering in rank order puts each outlet's closest sentence (above the
embedder's duplicate threshold) under the best-ranked sentence that states it.
"""

from __future__ import annotations

import numpy as np

from summarizer.bundle import Bundle
from summarizer.types import Fact


def group(bundle: Bundle, scores: np.ndarray) -> list[Fact]:
    """Every sentence in exactly one fact, facts in descending score."""
    sentences, similarity = bundle.sentences, bundle.similarity
    duplicate = bundle.thresholds.duplicate
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
