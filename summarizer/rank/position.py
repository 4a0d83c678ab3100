"""Position: news is written top-down, so early sentences carry the main facts."""

from __future__ import annotations

import numpy as np

from summarizer.bundle import Bundle
from summarizer.tuning import Tuning


def position(bundle: Bundle, tuning: Tuning) -> np.ndarray:
    index = np.array([s.index for s in bundle.sentences], dtype=np.float32)
    return np.asarray(0.5 ** (index / tuning.position_half_life), dtype=np.float32)
