"""ROUGE as this project reports it, fixed so that figures compare across runs.

rouge-score F1 with Porter stemming, rouge1 / rouge2 / rougeLsum with one sentence per line,
every output truncated to 250 words, best over the cluster's references.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from rouge_score import rouge_scorer

from summarizer.text.split import split_text

WORD_LIMIT = 250
ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")


def truncate(sentences: Sequence[str], limit: int = WORD_LIMIT) -> list[str]:
    """The first `limit` words, keeping sentence boundaries (one sentence per line for rougeLsum)."""
    kept: list[str] = []
    budget = limit
    for sentence in sentences:
        words = sentence.split()
        if budget <= 0:
            break
        kept.append(" ".join(words[:budget]))
        budget -= len(words)
    return kept


class Rouge:
    def __init__(self) -> None:
        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True, split_summaries=False)

    def score(
        self, sentences: Sequence[str], references: Sequence[str], limit: int = WORD_LIMIT
    ) -> dict[str, float]:
        """F1 per key, best over references (each key maximised separately, as is usual), of the
        output's first `limit` words."""
        prediction = "\n".join(truncate(sentences, limit))
        best = dict.fromkeys(ROUGE_KEYS, 0.0)
        for reference in references:
            # References are split with the project's own splitter, so rougeLsum sees sentences on both sides.
            target = "\n".join(split_text(reference) or [reference])
            scores = self._scorer.score(target, prediction)
            for key in ROUGE_KEYS:
                best[key] = max(best[key], scores[key].fmeasure)
        return best


@dataclass
class Row:
    """One system's scores, cluster by cluster, and the seconds it took."""

    name: str
    scores: list[dict[str, float]]
    seconds: float

    def mean(self, key: str) -> float:
        return 100 * statistics.fmean(s[key] for s in self.scores) if self.scores else 0.0


def paired_rouge2(system: Row, baseline: Row) -> str:
    """One system against another cluster by cluster, to the precision that "not below" needs."""
    differences = [
        100 * (f["rouge2"] - e["rouge2"]) for f, e in zip(system.scores, baseline.scores, strict=True)
    ]
    higher = sum(d > 1e-9 for d in differences)
    lower = sum(d < -1e-9 for d in differences)
    return (
        f"- ROUGE-2, {system.name} minus {baseline.name} on the same clusters: mean "
        f"{statistics.fmean(differences):+.3f}; higher on {higher} clusters, lower on {lower}, equal on "
        f"{len(differences) - higher - lower}."
    )


def rouge_table(rows: Sequence[Row]) -> list[str]:
    return [
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {row.name} | {row.mean('rouge1'):.2f} | {row.mean('rouge2'):.2f} | {row.mean('rougeLsum'):.2f} "
            f"| {row.seconds:.0f} |"
            for row in rows
        ),
    ]
