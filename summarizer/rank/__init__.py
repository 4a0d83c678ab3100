"""Rank: score every sentence of the bundle for salience.

Each signal is one idea in one small module, behind one interface (`Signal`): it maps the
bundle (and the tuning) to one score in [0, 1] per sentence. `rank` combines them with the
tuning's weights.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from summarizer.bundle import Bundle
from summarizer.rank.centrality import centrality
from summarizer.rank.informativeness import informativeness
from summarizer.rank.position import position
from summarizer.rank.support import support
from summarizer.tuning import Tuning

Signal = Callable[[Bundle, Tuning], np.ndarray]

SIGNALS: Mapping[str, Signal] = {
    "support": support,
    "centrality": centrality,
    "position": position,
    "informativeness": informativeness,
}


def rank(bundle: Bundle, tuning: Tuning) -> np.ndarray:
    """One salience score per sentence: the weighted signals, gated by informativeness.

    The gate keeps a fragment or a boilerplate line from winning on similarity alone.
    """
    if not bundle.sentences:
        return np.zeros(0, dtype=np.float32)
    weights = tuning.weights.items()
    total = sum(weight for _, weight in weights)
    score = sum(weight * SIGNALS[name](bundle, tuning) for name, weight in weights) / total
    return np.asarray(score * np.sqrt(informativeness(bundle, tuning)), dtype=np.float32)


__all__ = ["SIGNALS", "Signal", "rank"]
