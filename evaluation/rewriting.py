"""The brief with the model's rewriting on, against every system on the same clusters."""

from __future__ import annotations

import time
from dataclasses import dataclass

from evaluation.data import Cluster, inputs_of
from evaluation.rouge import WORD_LIMIT, Rouge, Row, paired_rouge2, rouge_table
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest
from summarizer.settle import without_attributions
from summarizer.types import Brief
from summarizer.verify import unsupported_details


@dataclass(frozen=True)
class Rewriting:
    clusters: int
    rows: list[Row]  # every system restricted to these clusters, the rewritten brief last
    sentences: int
    rewritten: int
    rejected: int  # drafts verification rejected, replaced by their source sentence
    unsupported: dict[str, int]  # system -> brief sentences with a name/number absent from their citations
    budget_s: float
    model: str  # the model that drafted, as the briefs report it
    briefs: dict[str, Brief]  # cluster id -> the brief with rewriting


def run_rewritten(
    clusters: list[Cluster],
    rows: list[Row],
    briefs: dict[str, Brief],
    summarizer: Summarizer,
    budget_s: float,
) -> Rewriting:
    rouge = Rouge()
    started = time.perf_counter()
    rewritten, scores = [], []
    for cluster in clusters:
        request = BriefRequest.start(
            inputs_of(cluster), summarizer.settings, max_words=WORD_LIMIT, budget_s=budget_s
        )
        brief = summarizer.brief(request)
        rewritten.append(brief)
        scores.append(rouge.score([s.text for s in brief.sentences], cluster["references"]))
    n = len(clusters)
    same_clusters = [Row(row.name, row.scores[:n], row.seconds * n / max(len(row.scores), 1)) for row in rows]
    extractive = [briefs[c["id"]] for c in clusters]
    return Rewriting(
        clusters=n,
        rows=[*same_clusters, Row("project, rewritten", scores, time.perf_counter() - started)],
        sentences=sum(len(b.sentences) for b in rewritten),
        rewritten=sum(b.generation.rewritten for b in rewritten),
        rejected=sum(b.generation.rejected for b in rewritten),
        unsupported={
            "project, extractive": sum(unsupported_sentences(b) for b in extractive),
            "project, rewritten": sum(unsupported_sentences(b) for b in rewritten),
        },
        budget_s=budget_s,
        model=next((b.generation.model for b in rewritten if b.generation.model), "none"),
        briefs={c["id"]: b for c, b in zip(clusters, rewritten, strict=True)},
    )


def unsupported_sentences(brief: Brief) -> int:
    """Brief sentences carrying a name, number, date word or quote that none of their citations has.

    The outlet labels that settling adds ("(according to Reuters)") name sources, not facts.
    """
    by_id = {a.id: a for a in brief.articles}
    return sum(
        bool(
            unsupported_details(
                without_attributions(s.text),
                " ".join(by_id[c.article_id].text[c.start : c.end] for c in s.citations),
            )
        )
        for s in brief.sentences
    )


def rewriting_section(result: Rewriting) -> list[str]:
    rows = {row.name: row for row in result.rows}
    share = 100 / max(result.sentences, 1)
    return [
        "",
        f"## Rewriting (the first {result.clusters} clusters)",
        "",
        f"The brief with the model's rewriting on (model {result.model}, generation budget "
        f"{result.budget_s:.0f} s per brief so that time limits do not confound quality) next to every "
        "system on the same clusters (the API calls a rewritten sentence `fused`):",
        "",
        *rouge_table(result.rows),
        "",
        f"- Brief sentences: {result.sentences}; rewritten by the model and verified: {result.rewritten} "
        f"({share * result.rewritten:.1f}%); drafts rejected by verification and replaced by their source "
        f"sentence: {result.rejected} ({share * result.rejected:.1f}%); the rest are source sentences the "
        "model copied, shortened too little, or had no time for.",
        paired_rouge2(rows["project, rewritten"], rows["project, extractive"]),
        f"- Brief sentences with a name, number, date word or quotation absent from their cited sources: "
        f"rewritten brief {result.unsupported['project, rewritten']} "
        f"({share * result.unsupported['project, rewritten']:.2f} per 100 sentences); "
        f"extractive brief {result.unsupported['project, extractive']}.",
    ]
