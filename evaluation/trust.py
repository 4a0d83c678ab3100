"""Trust: page junk in the dev briefs, article ids in their text, and a sample to read.

- `evaluation/benchmark/junk.jsonl`: sentences of the dev clusters, met in earlier dev briefs and
  read one by one, labelled as no news a brief can carry (a dateline's characters, an archive or
  page notice, a photo credit, a fragment, the writer's or the page's own voice, a question, a
  lead-in, a sentence of an article about another story), or as news the screens should keep
  (`"junk": false`). Offsets and hashes only, rebuilt from `../shared/eval`.
- The sample: brief sentences drawn by a seeded hash of each, with every span they cite, written
  beside the report for a person to read (it holds article text, so it stays out of the
  repository).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from evaluation.data import read_clusters
from evaluation.faithfulness import BENCHMARK, check_hash
from summarizer.clean import clean
from summarizer.pipeline import Summarizer
from summarizer.sentences import split_sentences
from summarizer.text.normalise import display_text
from summarizer.types import ArticleInput, Brief, Citation, Method

# The kinds the product promises never to print; the rest are screened as no report.
PAGE_JUNK = ("dateline", "archive-notice", "page-notice", "photo-credit", "heading", "fragment", "unrelated")


@dataclass(frozen=True)
class JunkLabel:
    id: str
    cluster: str
    article: str
    start: int
    end: int
    kind: str
    junk: bool


def junk_labels(data: Path) -> list[JunkLabel]:
    texts = {
        (c["id"], a["id"]): a["text"]
        for c in read_clusters(data / "multinews_dev.jsonl")
        for a in c["articles"]
    }
    labels = []
    for line in (BENCHMARK / "junk.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = texts[(row["cluster"], row["article"])][row["start"] : row["end"]]
        check_hash(display_text(text), row["sha"], row["id"])
        labels.append(
            JunkLabel(
                row["id"], row["cluster"], row["article"], row["start"], row["end"], row["kind"], row["junk"]
            )
        )
    return labels


def junk_section(data: Path, briefs: dict[str, Brief], summarizer: Summarizer) -> list[str]:
    labels = junk_labels(data)
    in_briefs: Counter[str] = Counter()
    for label in labels:
        brief = briefs.get(label.cluster)
        if label.junk and brief and _cites(brief, label):
            in_briefs[label.kind] += 1
    screened = screened_out(data, labels, summarizer)
    kinds = sorted({label.kind for label in labels}, key=lambda k: (k not in PAGE_JUNK, k))
    junk = [label for label in labels if label.junk]
    kept_news = [label for label in labels if not label.junk]
    ids = sum(_names_an_article_id(brief) for brief in briefs.values())
    return [
        "",
        "## Page junk and article ids",
        "",
        f"Labelled sentences (`evaluation/benchmark/junk.jsonl`, {len(labels)}: read in earlier dev briefs; "
        f"{len(junk)} no news a brief can carry, {len(kept_news)} news). Per kind: how many the sentence "
        "screens leave out of a brief's candidates now, and how many this run's dev briefs still carry:",
        "",
        "| kind | labelled | left out by the screens | in this run's briefs |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {kind}{'' if kind in PAGE_JUNK else ' (no report)'} | {sum(x.kind == kind for x in junk)} | "
            f"{sum(screened[x.id] for x in junk if x.kind == kind)} | {in_briefs[kind]} |"
            for kind in kinds
            if any(x.kind == kind for x in junk)
        ),
        "",
        f"- Page junk in this run's briefs: {sum(in_briefs[k] for k in PAGE_JUNK)}; other labelled no-report "
        f"sentences: {sum(n for k, n in in_briefs.items() if k not in PAGE_JUNK)}.",
        f"- News the screens leave out (labelled `junk: false`): {sum(screened[x.id] for x in kept_news)} of "
        f'{len(kept_news)} (sentences that address the reader in passing, "your heart rate").',
        f"- Brief sentences that name an article by its id: {ids}.",
    ]


def write_sample(
    briefs: dict[str, Brief], path: Path, size: int, seed: int, method: Method | None = None
) -> list[str]:
    """Draw `size` brief sentences (made by `method`, or any) and write each with its cited spans
    to `path`, then every disagreement note with its versions; the report's lines about it.

    A sentence is drawn by a hash of the seed, its cluster and its text, not by its place in the
    run: a sentence written the same stays in the sample, so after a change the sentences to read
    again are the ones it moved.
    """

    def draw(cluster: str, text: str) -> str:
        return hashlib.sha256(f"{seed}\n{cluster}\n{text}".encode()).hexdigest()

    pool = [
        (cluster, brief, i)
        for cluster, brief in sorted(briefs.items())
        for i, sentence in enumerate(brief.sentences)
        if method is None or sentence.method is method
    ]
    drawn = sorted(pool, key=lambda item: draw(item[0], item[1].sentences[item[2]].text))[:size]
    kind = f"{method.value} " if method else ""
    lines = [f"# {len(drawn)} {kind}brief sentences with their cited spans (seed {seed})", ""]
    for n, (cluster, brief, i) in enumerate(drawn, 1):
        sentence = brief.sentences[i]
        lines += [
            f"## {n}. {cluster}, sentence {i + 1} ({sentence.method.value})",
            "",
            f"> {sentence.text}",
            "",
        ]
        lines += [f"- {_span(brief, c)}" for c in sentence.citations] + [""]
    notes = [(cluster, note) for cluster, brief in sorted(briefs.items()) for note in brief.disagreements]
    lines += ["# Disagreement notes", ""]
    for cluster, note in notes:
        lines += [f"## {cluster}: {note.what}", ""]
        for version in note.versions:
            lines += [f"- “{version.text}”", *(f"  - {_span(briefs[cluster], c)}" for c in version.citations)]
        lines.append("")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines), encoding="utf-8")
    return [
        "",
        f"- A sample (a seeded hash of each sentence) of {len(drawn)} {kind}brief sentences with every span they cite (seed {seed}), and the "
        f"{len(notes)} disagreement notes of this run's briefs with each version's sentence, are in `{path}` "
        "for a person to read beside this report (it holds article text, so git ignores it).",
    ]


def _span(brief: Brief, citation: Citation) -> str:
    """A cited span as a reader checks it: where it is, how much it supports, what it says."""
    article = next(a for a in brief.articles if a.id == citation.article_id)
    text = display_text(article.text[citation.start : citation.end])
    if citation.end - citation.start < 40:  # a note's version: show the sentence it is in
        around = [s for s in split_sentences(article) if s.start <= citation.start < s.end]
        text = display_text(around[0].text) if around else text
    return f"{citation.article_id}[{citation.start}:{citation.end}] ({citation.support.value}): {text}"


def _cites(brief: Brief, label: JunkLabel) -> bool:
    return any(
        c.article_id == label.article and c.start < label.end and label.start < c.end
        for sentence in brief.sentences
        for c in sentence.citations
    )


def screened_out(data: Path, labels: list[JunkLabel], summarizer: Summarizer) -> dict[str, bool]:
    """Per label: whether the screens leave its characters out of every candidate sentence."""
    clusters = {x.cluster for x in labels}
    candidates: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for cluster in read_clusters(data / "multinews_dev.jsonl"):
        if cluster["id"] in clusters:
            articles = [clean(ArticleInput(id=a["id"], text=a["text"])) for a in cluster["articles"]]
            for s in summarizer.screened(articles).sentences:
                candidates.setdefault((cluster["id"], s.article_id), []).append((s.start, s.end))
    return {
        x.id: not any(s < x.end and x.start < e for s, e in candidates.get((x.cluster, x.article), []))
        for x in labels
    }


def _names_an_article_id(brief: Brief) -> int:
    ids = [re.escape(a.id) for a in brief.articles]
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(ids)})(?![\w-])") if ids else None
    return sum(bool(pattern and pattern.search(s.text)) for s in brief.sentences)
