"""Brief time against bundle size, for `make bench`: 2 to 50 articles beside sumy's LexRank.

Bundles are the dev set's long articles (3,500 to 20,000 characters) in file order, each under a
new id, until the bundle has its article count: at 50 articles about 300,000 characters, several
stories at once, as a large newsroom bundle can be. Each size is sent to a service that
keeps no brief and no vector between requests, extractive and with the default model work on,
after a warm-up brief; LexRank (as `make eval` runs it, on the same cleaned sentences) is timed
in this process on the same articles. The largest bundle is sent again beside three busy
neighbour processes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.anchors import LexRank
from summarizer.clean import clean
from summarizer.sentences import split_sentences
from summarizer.types import ArticleInput
from tools.contention import busy_neighbours
from tools.harness import free_port, percentile, post_json, start_service, wait_ready

SIZES = (2, 5, 10, 20, 50)
LONG_ARTICLE = range(3_500, 20_000)  # characters
REPEATS = 3  # briefs per size and mode; the median is reported
NEIGHBOURS = 3


@dataclass(frozen=True)
class Point:
    articles: int
    characters: int
    extractive_s: float
    condensing_s: float
    lexrank_s: float


def sized_bundles(eval_file: Path, sizes: Sequence[int] = SIZES) -> list[list[dict[str, str]]]:
    """For each size, that many long dev articles in file order, each with an id of its own."""
    with eval_file.open(encoding="utf-8") as lines:
        articles = [a for line in lines if line.strip() for a in json.loads(line)["articles"]]
    texts = [a["text"] for a in articles if len(a["text"]) in LONG_ARTICLE]
    return [[{"id": f"s{size}-a{i}", "text": texts[i]} for i in range(size)] for size in sizes]


def lexrank_seconds(articles: list[dict[str, str]], words: int) -> float:
    started = time.perf_counter()
    cleaned = [clean(ArticleInput(id=a["id"], text=a["text"])) for a in articles]
    LexRank()([split_sentences(article) for article in cleaned], words)
    return time.perf_counter() - started


def measure(eval_file: Path, words: int = 120) -> tuple[list[Point], dict[str, float]]:
    """The curve, and the largest bundle's seconds beside busy neighbours (extractive, condensing)."""
    bundles = sized_bundles(eval_file)
    port = free_port()
    uncached = {"SUMMARIZER_BRIEF_CACHE_ENTRIES": "0", "SUMMARIZER_VECTOR_CACHE_ENTRIES": "0"}
    server = start_service({"SUMMARIZER_MODEL": "smollm2", **uncached}, port)
    base = f"http://127.0.0.1:{port}"

    def seconds(articles: list[dict[str, str]], extractive: bool) -> float:
        payload: dict[str, Any] = {"articles": articles, "max_words": words}
        if extractive:
            payload["budget_s"] = 0
        started = time.perf_counter()
        status, answer = post_json(f"{base}/v1/briefs", payload)
        if status != 200:
            raise RuntimeError(f"a {len(articles)}-article brief got {status}: {json.dumps(answer)[:300]}")
        return time.perf_counter() - started

    try:
        wait_ready(base, server)
        seconds(bundles[0], extractive=False)  # warm-up
        points = [
            Point(
                len(articles),
                sum(len(a["text"]) for a in articles),
                percentile([seconds(articles, True) for _ in range(REPEATS)], 0.5),
                percentile([seconds(articles, False) for _ in range(REPEATS)], 0.5),
                percentile([lexrank_seconds(articles, words) for _ in range(REPEATS)], 0.5),
            )
            for articles in bundles
        ]
        with busy_neighbours(NEIGHBOURS):
            crowded = {"extractive": seconds(bundles[-1], True), "condensing": seconds(bundles[-1], False)}
    finally:
        server.terminate()
        server.wait(timeout=60)
    return points, crowded


def table(points: Sequence[Point], crowded: dict[str, float]) -> list[str]:
    lines = [
        "| articles | characters | extractive p50 (s) | condensing p50 (s) | LexRank p50 (s) |",
        "| ---: | ---: | ---: | ---: | ---: |",
        *(
            f"| {p.articles} | {p.characters:,} | {p.extractive_s:.2f} | {p.condensing_s:.2f} | {p.lexrank_s:.2f} |"
            for p in points
        ),
    ]
    if points:
        lines += [
            "",
            f"The {points[-1].articles}-article bundle beside {NEIGHBOURS} busy neighbour processes: "
            f"{crowded['extractive']:.2f} s extractive, {crowded['condensing']:.2f} s condensing (one brief each).",
        ]
    return lines
