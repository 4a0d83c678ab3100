"""Cross-outlet support: a fact that several outlets report outranks one that a single outlet does.

For each sentence, the best match in every *other* article: an article whose best match states
the same fact (the duplicate threshold) counts fully; below that, credit falls linearly to nothing
a little under the support threshold (the tuning's topic margin), where sentences only share a topic.
"""

from __future__ import annotations

import numpy as np

from summarizer.bundle import Bundle
from summarizer.tuning import Tuning


def support(bundle: Bundle, tuning: Tuning) -> np.ndarray:
    n_articles = bundle.article_count
    if n_articles < 2:
        return np.zeros(len(bundle.sentences), dtype=np.float32)
    best = np.zeros((len(bundle.sentences), n_articles), dtype=np.float32)
    for article in range(n_articles):
        columns = bundle.article_of == article
        best[:, article] = bundle.similarity[:, columns].max(axis=1)
    own = bundle.article_of
    best[np.arange(len(own)), own] = 0.0  # an outlet does not support itself
    thresholds = bundle.thresholds
    floor = thresholds.support - tuning.topic_margin
    credit = np.clip((best - floor) / (thresholds.duplicate - floor), 0.0, 1.0)
    credit[np.arange(len(own)), own] = 0.0
    return np.asarray(credit.sum(axis=1) / (n_articles - 1), dtype=np.float32)
