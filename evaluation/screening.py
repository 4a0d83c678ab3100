"""`python -m evaluation.screening`: what screening leaves out of real bundles, and what it catches.

In one run, on the dev clusters (which hold no planted text, no wire copies by construction of
Multi-News, and only English):
- sentences taken as addressed to a machine (each a loss of real news), by id and offsets;
- articles taken for another language, and pairs of articles taken for copies;
- the off-topic threshold: each cluster with one article of another cluster mixed in, the share
  of those strays left out and of the cluster's own articles left out, per threshold;
and on `benchmark/addressed.jsonl` (statements written for the benchmark, labelled `addressed`
or `news`, some kept out of tuning): how many the screen flags.
"""

from __future__ import annotations

import argparse
import json
import random
import shlex
import sys
from pathlib import Path

import numpy as np

from evaluation.data import cleaned, read_clusters
from summarizer.pipeline import Summarizer
from summarizer.screen import looks_like_instruction, other_languages, screen_other_stories, wire_copies
from summarizer.settings import Settings
from summarizer.types import Sentence

BENCHMARK = Path(__file__).parent / "benchmark" / "addressed.jsonl"
OFF_TOPIC = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation.screening")
    parser.add_argument("--data", type=Path, default=Path("../shared/eval"))
    parser.add_argument("--out", type=Path, default=Path("results/screening.md"))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args(argv)

    summarizer = Summarizer(Settings(model="none"))
    tuning = summarizer.tuning
    thresholds = tuning.thresholds(summarizer.embedder.space)
    clusters = read_clusters(args.data / "multinews_dev.jsonl", args.limit)
    report = [
        "# Screening on real bundles and on the addressed-to-a-machine benchmark",
        "",
        f"Command: `python -m evaluation.screening {shlex.join(argv or sys.argv[1:])}`",
        "",
    ]

    # The benchmark statements.
    rows = [json.loads(line) for line in BENCHMARK.read_text(encoding="utf-8").splitlines() if line]
    texts = [r["text"] for r in rows]
    meaning = summarizer.machine_address.addressed(texts, summarizer.embedder.encode(texts))
    either = [m or looks_like_instruction(t) for m, t in zip(meaning, texts, strict=True)]
    report += [
        "## Statements written for the benchmark",
        "",
        "`tuning`: seen while the screen was built; `held-out`: written before the last change and "
        "read once after it, never used to change the screen.",
        "",
        "| set | label | statements | flagged by meaning | flagged by meaning or form |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for part in ("tuning", "held-out"):
        for label in ("addressed", "news"):
            chosen = [i for i, r in enumerate(rows) if r["set"] == part and r["label"] == label]
            report.append(
                f"| {part} | {label} | {len(chosen)} | {sum(meaning[i] for i in chosen)} "
                f"| {sum(either[i] for i in chosen)} |"
            )
    report.append("")

    # Real bundles: sentences flagged, languages, copies, and their vectors for the topic sweep.
    flagged: list[str] = []
    foreign: list[str] = []
    copied: list[str] = []
    per_cluster: list[tuple[list[Sentence], np.ndarray]] = []
    sentence_count = 0
    for cluster in clusters:
        pairs = cleaned(cluster)
        articles = [article for article, _ in pairs]
        sentences = [s for _, ss in pairs for s in ss]
        sentence_count += len(sentences)
        vectors = summarizer.embedder.encode([s.text for s in sentences])
        raw = [next(a for a in articles if a.id == s.article_id).text[s.start : s.end] for s in sentences]
        for s, hit in zip(sentences, summarizer.machine_address.addressed(raw, vectors), strict=True):
            if hit:
                flagged.append(f"{cluster['id']}/{s.article_id} [{s.start}, {s.end})")
        foreign += [
            f"{cluster['id']}/{a} ({lang})"
            for a, lang in other_languages(articles, summarizer.languages).items()
        ]
        copied += [
            f"{cluster['id']}/{c} of {o}" for c, o in wire_copies(articles, tuning.wire_copy_share).items()
        ]
        per_cluster.append((sentences, vectors))

    report += [
        "## Real bundles",
        "",
        f"{len(clusters)} clusters, {sum(len(c['articles']) for c in clusters)} articles, {sentence_count} sentences.",
        "",
        f"- Sentences taken as addressed to a machine: {len(flagged)}"
        + (f" ({'; '.join(flagged)})" if flagged else ""),
        f"- Articles taken for another language: {len(foreign)}"
        + (f" ({'; '.join(foreign)})" if foreign else ""),
        f"- Articles taken for copies of another: {len(copied)}"
        + (f" ({'; '.join(copied)})" if copied else ""),
        "",
    ]

    # Off-topic: each cluster with one article of another cluster (its sentences renamed "stray").
    rng = random.Random(0)
    report += [
        "## Off-topic threshold: each cluster with one article of another cluster mixed in",
        "",
        f"The setting in use: {thresholds.off_topic}.",
        "",
        "| threshold | strays left out | own articles left out |",
        "| ---: | ---: | ---: |",
    ]
    mixes = []
    for i, (sentences, vectors) in enumerate(per_cluster):
        if not sentences:
            continue
        j = rng.choice([k for k in range(len(per_cluster)) if k != i and per_cluster[k][0]])
        other, other_vectors = per_cluster[j]
        stray_article = rng.choice(sorted({s.article_id for s in other}))
        rows_of = [k for k, s in enumerate(other) if s.article_id == stray_article]
        stray = [Sentence("stray", s.index, s.start, s.end, s.text) for s in (other[k] for k in rows_of)]
        mixes.append(
            (
                [*sentences, *stray],
                np.vstack([vectors, other_vectors[rows_of]]),
                len({s.article_id for s in sentences}),
            )
        )
    for threshold in OFF_TOPIC:
        caught = own = own_total = 0
        for sentences, vectors, own_count in mixes:
            kept = {
                sentences[k].article_id
                for k in screen_other_stories(sentences, vectors, threshold, tuning.stray_length_ratio)
            }
            caught += "stray" not in kept
            own += own_count - len(kept - {"stray"})
            own_total += own_count
        report.append(f"| {threshold} | {caught} of {len(mixes)} | {own} of {own_total} |")
    report.append("")

    text = "\n".join(report)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
