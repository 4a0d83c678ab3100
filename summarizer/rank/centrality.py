"""Centrality: how close a sentence is to what the whole bundle is about (its mean vector)."""

from __future__ import annotations

import numpy as np

from summarizer.rank.base import RankInput


def centrality(data: RankInput) -> np.ndarray:
    centroid = data.embeddings.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(len(data.sentences), dtype=np.float32)
    closeness = data.embeddings @ (centroid / norm)
    low, high = float(closeness.min()), float(closeness.max())
    if high - low < 1e-6:
        return np.ones(len(data.sentences), dtype=np.float32)
    return np.asarray((closeness - low) / (high - low), dtype=np.float32)
