"""What every ranking signal sees."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from summarizer.types import Sentence


@dataclass(frozen=True)
class RankInput:
    sentences: tuple[Sentence, ...]
    embeddings: np.ndarray  # unit rows, one per sentence
    support_threshold: float  # similarity at which another outlet's sentence supports this one
    duplicate_threshold: float  # similarity at which it states the same fact

    @cached_property
    def similarity(self) -> np.ndarray:
        return np.asarray(self.embeddings @ self.embeddings.T, dtype=np.float32)

    @cached_property
    def article_of(self) -> np.ndarray:
        ids = {
            article_id: i for i, article_id in enumerate(dict.fromkeys(s.article_id for s in self.sentences))
        }
        return np.array([ids[s.article_id] for s in self.sentences], dtype=np.int64)

    @property
    def article_count(self) -> int:
        return int(self.article_of.max()) + 1 if len(self.sentences) else 0
