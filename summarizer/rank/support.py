"""Cross-outlet support: a fact that several outlets report outranks one that a single outlet does.

For each sentence, the best match in every *other* article: an article whose best match states
the same fact (the duplicate threshold) counts fully; below that, credit falls linearly to nothing
a little under the support threshold, where sentences only share a topic.
"""

from __future__ import annotations

import numpy as np

from summarizer.rank.base import RankInput

TOPIC_MARGIN = 0.1  # how far under the support threshold a match still earns some credit


def support(data: RankInput) -> np.ndarray:
    n_articles = data.article_count
    if n_articles < 2:
        return np.zeros(len(data.sentences), dtype=np.float32)
    best = np.zeros((len(data.sentences), n_articles), dtype=np.float32)
    for article in range(n_articles):
        columns = data.article_of == article
        best[:, article] = data.similarity[:, columns].max(axis=1)
    own = data.article_of
    best[np.arange(len(own)), own] = 0.0  # an outlet does not support itself
    floor = data.support_threshold - TOPIC_MARGIN
    credit = np.clip((best - floor) / (data.duplicate_threshold - floor), 0.0, 1.0)
    credit[np.arange(len(own)), own] = 0.0
    return np.asarray(credit.sum(axis=1) / (n_articles - 1), dtype=np.float32)
