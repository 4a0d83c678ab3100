"""The evaluation clusters, and their articles as the pipeline cleans and splits them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer.clean import clean
from summarizer.sentences import split_sentences
from summarizer.types import Article, ArticleInput, Sentence

# One line of the eval JSONL: {"id", "articles": [{"id", "text"}], "references": [...], "highlights"?}
Cluster = dict[str, Any]


def read_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    with path.open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines if line.strip()]
    return clusters[:limit] if limit else clusters


def inputs_of(cluster: Cluster) -> list[ArticleInput]:
    return [ArticleInput(id=a["id"], text=a["text"]) for a in cluster["articles"]]


def cleaned(cluster: Cluster) -> list[tuple[Article, list[Sentence]]]:
    """Each article cleaned, with its body sentences: what every system reads."""
    articles = [clean(article) for article in inputs_of(cluster)]
    return [(article, split_sentences(article)) for article in articles]
