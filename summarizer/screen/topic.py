"""Other stories: an article whose sentences, taken together, are far from every other article's
(a wrong link, a page's review widget, a column on another subject) does not report the event.

Each article is compared with its closest other article, not with the rest pooled: an outlet
that covers one side of the story is close to the outlet that covers the same side. On dev
clusters with an article of another cluster mixed in, this caught more of the strays and left
out fewer of the clusters' own articles than the pooled comparison at every threshold
(results/screening.md).

With two articles, only the much shorter one can be the stray; with three or more, the others
show what the story is.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.types import Sentence


def screen_other_stories(
    sentences: Sequence[Sentence], vectors: np.ndarray, off_topic: float, stray_length_ratio: float
) -> list[int]:
    """The rows of `sentences` that stay: all but those of an article about another story."""
    rows: dict[str, list[int]] = {}
    for i, sentence in enumerate(sentences):
        rows.setdefault(sentence.article_id, []).append(i)
    if len(rows) < 2:
        return list(range(len(sentences)))
    centroids = {a: _unit(vectors[r].sum(axis=0)) for a, r in rows.items()}
    stray = set()
    for article, own in rows.items():
        closest = max(float(centroids[article] @ centroids[b]) for b in rows if b != article)
        if closest >= off_topic:
            continue
        if len(rows) >= 3 or all(len(own) * stray_length_ratio <= len(rows[b]) for b in rows if b != article):
            stray.add(article)
    return [i for i, s in enumerate(sentences) if s.article_id not in stray]


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm else vector
