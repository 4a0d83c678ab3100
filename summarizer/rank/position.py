"""Position: news is written top-down, so early sentences carry the main facts."""

from __future__ import annotations

import numpy as np

from summarizer.rank.base import RankInput

HALF_LIFE = 6  # sentences; the 7th sentence of an article counts half as much as its lead


def position(data: RankInput) -> np.ndarray:
    index = np.array([s.index for s in data.sentences], dtype=np.float32)
    return np.asarray(0.5 ** (index / HALF_LIFE), dtype=np.float32)
