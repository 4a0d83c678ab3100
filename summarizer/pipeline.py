"""The whole path from a bundle of articles to a cited brief, top to bottom.

bundle -> clean -> sentences -> rank -> group -> cite -> brief
"""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.cite import cite
from summarizer.clean import clean
from summarizer.embed import Embedder, load_embedder
from summarizer.group import group, select
from summarizer.rank import RankInput, rank
from summarizer.sentences import split_sentences
from summarizer.settings import Settings
from summarizer.types import ArticleInput, Brief, BriefSentence


class Summarizer:
    """Load once, then call `brief` per bundle; safe to share between threads."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or load_embedder(self.settings.embedder)

    def brief(self, bundle: Sequence[ArticleInput], max_words: int | None = None) -> Brief:
        max_words = max_words or self.settings.max_words
        thresholds = self.embedder.thresholds

        articles = [clean(article) for article in bundle]
        sentences = [sentence for article in articles for sentence in split_sentences(article)]
        embeddings = self.embedder.encode([s.text for s in sentences])
        vectors = dict(zip(sentences, embeddings, strict=True))

        scores = rank(RankInput(tuple(sentences), embeddings, thresholds.support, thresholds.duplicate))
        facts = group(sentences, embeddings, scores, thresholds.duplicate)
        chosen = select(facts, vectors, max_words, thresholds.redundant)

        brief = tuple(
            BriefSentence(
                text=fact.representative.text,
                citations=cite(
                    vectors[fact.representative],
                    sentences,
                    embeddings,
                    thresholds.support,
                    anchors=fact.members,
                ),
            )
            for fact in chosen
        )
        return Brief(
            sentences=brief, articles=tuple(articles), facts=tuple(chosen), embedder=self.embedder.name
        )
