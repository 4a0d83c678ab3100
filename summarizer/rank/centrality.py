"""Centrality: how close a sentence is to what the whole bundle is about (its mean vector)."""

from __future__ import annotations

import numpy as np

from summarizer.bundle import Bundle
from summarizer.tuning import Tuning


def centrality(bundle: Bundle, tuning: Tuning) -> np.ndarray:
    centroid = bundle.vectors.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(len(bundle.sentences), dtype=np.float32)
    closeness = bundle.vectors @ (centroid / norm)
    low, high = float(closeness.min()), float(closeness.max())
    if high - low < 1e-6:
        return np.ones(len(bundle.sentences), dtype=np.float32)
    return np.asarray((closeness - low) / (high - low), dtype=np.float32)
