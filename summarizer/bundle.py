"""The bundle after screening: what every stage from ranking on takes, as spaCy's components take a `Doc`.

Its sentences are the candidates for the brief, with their unit vectors and the similarity of
every pair, computed once; the thresholds that give those similarities meaning in this vector
space; an index of its articles; and the articles screening left out whole, with why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from summarizer.tuning import Thresholds
from summarizer.types import Article, LeftOut, Sentence


@dataclass(frozen=True, eq=False)
class Bundle:
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    vectors: np.ndarray  # unit rows, one per sentence
    similarity: np.ndarray  # cosine of every pair of sentences: vectors @ vectors.T
    thresholds: Thresholds
    left_out: Mapping[str, LeftOut] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        articles: Sequence[Article],
        sentences: Sequence[Sentence],
        vectors: np.ndarray,
        thresholds: Thresholds,
        left_out: Mapping[str, LeftOut] | None = None,
    ) -> Bundle:
        vectors = np.asarray(vectors, dtype=np.float32)
        return cls(
            tuple(articles), tuple(sentences), vectors, vectors @ vectors.T, thresholds, dict(left_out or {})
        )

    def vector(self, sentence: Sentence) -> np.ndarray:
        return self.vectors[self.row[sentence]]

    def article(self, article_id: str) -> Article:
        return self._by_id[article_id]

    def sentence_at(self, article_id: str, start: int) -> Sentence:
        """The bundle's sentence that starts at `start` in that article (a citation's own)."""
        return self._by_offset[(article_id, start)]

    @cached_property
    def row(self) -> dict[Sentence, int]:
        """Each sentence's row in `vectors` and `similarity`."""
        return {sentence: i for i, sentence in enumerate(self.sentences)}

    @cached_property
    def article_of(self) -> np.ndarray:
        """For each sentence, its article's number in the order articles first appear among the sentences."""
        numbers = {a: i for i, a in enumerate(dict.fromkeys(s.article_id for s in self.sentences))}
        return np.array([numbers[s.article_id] for s in self.sentences], dtype=np.int64)

    @property
    def article_count(self) -> int:
        """Articles with at least one sentence."""
        return int(self.article_of.max()) + 1 if self.sentences else 0

    @cached_property
    def _by_offset(self) -> dict[tuple[str, int], Sentence]:
        return {(s.article_id, s.start): s for s in self.sentences}

    @cached_property
    def _by_id(self) -> dict[str, Article]:
        return {article.id: article for article in self.articles}
