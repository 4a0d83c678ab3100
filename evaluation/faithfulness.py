"""The faithfulness benchmark: labelled pairs, rebuilt from the dev clusters, and the scores on them.

Two sets, in `evaluation/benchmark/` (how each label was decided: its README):
- rewrites: a source sentence and a shorter wording of it (what the model wrote, or a deletion or
  substitution made for the benchmark), labelled faithful, changed_meaning, unsupported or
  ungrammatical;
- citations: a brief sentence and a span cited for it, labelled full, partial, none or contradicts.

The files keep ids, offsets and short hashes only; the texts are rebuilt from `../shared/eval`
(their licence keeps them out of this repository) and checked against the hashes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from evaluation.data import read_clusters
from summarizer.pipeline import Summarizer
from summarizer.support import support
from summarizer.text.normalise import display_text
from summarizer.types import Sentence
from summarizer.verify import unsupported_details, verify

BENCHMARK = Path(__file__).resolve().parent / "benchmark"
UNFAITHFUL = ("changed_meaning", "unsupported", "ungrammatical")


@dataclass(frozen=True)
class RewritePair:
    id: str
    source: Sentence  # the sentence as the pipeline reads it (offsets into its article)
    draft: str
    label: str  # faithful | changed_meaning | unsupported | ungrammatical
    error: str | None  # what kind of change, for an unfaithful pair
    origin: str  # model | constructed


@dataclass(frozen=True)
class CitationPair:
    id: str
    sentence: Sentence  # the brief sentence, an extracted source sentence
    cited: Sentence  # another outlet's sentence cited for it
    label: str  # full | partial | none | contradicts


def rewrite_pairs(data: Path) -> list[RewritePair]:
    texts = _article_texts(data)
    pairs = []
    for row in _rows(BENCHMARK / "rewrites.jsonl"):
        text = texts[(row["cluster"], row["article"])]
        source = _sentence(text, row["article"], row["start"], row["end"], row["source_sha"], row["id"])
        pieces = (text[p[0] : p[1]] if isinstance(p, list) else p for p in row["draft"])
        draft = display_text(" ".join(pieces))
        check_hash(draft, row["draft_sha"], row["id"])
        pairs.append(RewritePair(row["id"], source, draft, row["label"], row["error"], row["origin"]))
    return pairs


def citation_pairs(data: Path) -> list[CitationPair]:
    texts = _article_texts(data)
    pairs = []
    for row in _rows(BENCHMARK / "citations.jsonl"):
        (a1, s1, e1, h1), (a2, s2, e2, h2) = row["sentence"], row["cited"]
        sentence = _sentence(texts[(row["cluster"], a1)], a1, s1, e1, h1, row["id"])
        cited = _sentence(texts[(row["cluster"], a2)], a2, s2, e2, h2, row["id"])
        pairs.append(CitationPair(row["id"], sentence, cited, row["label"]))
    return pairs


@dataclass(frozen=True)
class Detection:
    """How a yes/no judgement of pairs (reject? cite?) does against their labels."""

    flagged: Counter[str]  # label -> pairs the judgement flagged
    total: Counter[str]  # label -> pairs

    def rate(self, label: str) -> float:
        return self.flagged[label] / self.total[label] if self.total[label] else float("nan")


def detection(labels_and_flags: list[tuple[str, bool]]) -> Detection:
    flagged: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for label, flag in labels_and_flags:
        total[label] += 1
        flagged[label] += flag
    return Detection(flagged, total)


def _article_texts(data: Path) -> dict[tuple[str, str], str]:
    return {
        (cluster["id"], article["id"]): article["text"]
        for cluster in read_clusters(data / "multinews_dev.jsonl")
        for article in cluster["articles"]
    }


def _sentence(text: str, article: str, start: int, end: int, digest: str, row: str) -> Sentence:
    shown = display_text(text[start:end])
    check_hash(shown, digest, row)
    return Sentence(article, index=0, start=start, end=end, text=shown)


def check_hash(text: str, digest: str, row: str) -> None:
    if hashlib.sha256(text.encode("utf-8")).hexdigest()[:12] != digest:
        raise ValueError(
            f"benchmark pair {row}: the text rebuilt from ../shared/eval does not match its hash"
        )


def _rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def verifier_section(data: Path, summarizer: Summarizer) -> list[str]:
    """The verifier against the labelled rewrites, beside the names-and-numbers check it replaced."""
    tuning = summarizer.tuning
    floor = tuning.thresholds(summarizer.embedder.space).meaning_floor
    pairs = rewrite_pairs(data)
    drafts = summarizer.embedder.encode([p.draft for p in pairs])
    sources = summarizer.embedder.encode([p.source.text for p in pairs])
    verdicts = [
        verify(p.draft, [p.source], d, s[None, :], tuning=tuning, meaning_floor=floor)
        for p, d, s in zip(pairs, drafts, sources, strict=True)
    ]
    ours = detection([(p.label, not v.passed) for p, v in zip(pairs, verdicts, strict=True)])
    tokens = detection([(p.label, bool(unsupported_details(p.draft, p.source.text))) for p in pairs])
    accepted = [p for p, v in zip(pairs, verdicts, strict=True) if v.passed]
    wrong = [p for p in accepted if p.label != "faithful"]
    kinds = Counter(p.error for p in pairs if p.error)
    return [
        "",
        "## Faithfulness of rewritten sentences",
        "",
        f"Labelled pairs (`evaluation/benchmark/rewrites.jsonl`, {len(pairs)} pairs: a source sentence and a "
        "shorter wording, what the model wrote or a deletion or substitution made for the benchmark, each read "
        "and labelled; how: `evaluation/benchmark/README.md`). Share of each label's pairs rejected:",
        "",
        "| label | pairs | verification | names-and-numbers check |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {label} | {ours.total[label]} | {100 * ours.rate(label):.1f}% | {100 * tokens.rate(label):.1f}% |"
            for label in ("faithful", *UNFAITHFUL)
        ),
        "",
        f"- Unfaithful kinds covered: {', '.join(f'{k} {n}' for k, n in kinds.most_common())}.",
        f"- Pairs verification accepts: {len(accepted)}; of them unfaithful: {len(wrong)} "
        f"({100 * len(wrong) / max(len(accepted), 1):.1f} per 100 accepted sentences).",
        "- Rejecting a faithful pair costs a shorter sentence, not a false one: the brief keeps the source "
        "sentence.",
    ]


def citation_section(data: Path, summarizer: Summarizer) -> list[str]:
    """How the support stage judges the labelled citations: kept as full or partial, or not cited."""
    pairs = citation_pairs(data)
    thresholds = summarizer.tuning.thresholds(summarizer.embedder.space)
    sentences = summarizer.embedder.encode([p.sentence.text for p in pairs])
    cited = summarizer.embedder.encode([p.cited.text for p in pairs])
    judged: Counter[tuple[str, str]] = Counter()
    for pair, a, b in zip(pairs, sentences, cited, strict=True):
        level = support(pair.sentence.text, pair.cited.text, float(a @ b), thresholds, summarizer.tuning)
        judged[(pair.label, level.value if level else "not cited")] += 1
    labels = ("full", "partial", "none", "contradicts")
    levels = ("full", "partial", "not cited")
    full = sum(judged[(label, "full")] for label in labels)
    return [
        "",
        "## Support of secondary citations",
        "",
        f"Labelled pairs (`evaluation/benchmark/citations.jsonl`, {len(pairs)} pairs: a brief sentence and "
        "another outlet's sentence an earlier citation stage cited for it, each read and labelled), as the "
        "support stage judges them now (rows: the label; columns: the stage's call):",
        "",
        "| label | pairs | " + " | ".join(levels) + " |",
        "| --- | ---: | " + " | ".join("---:" for _ in levels) + " |",
        *(
            f"| {label} | {sum(judged[(label, v)] for v in levels)} | "
            + " | ".join(str(judged[(label, v)]) for v in levels)
            + " |"
            for label in labels
        ),
        "",
        f"- Precision of `full`: {judged[('full', 'full')]}/{full} = {100 * judged[('full', 'full')] / max(full, 1):.1f}%.",
        f"- Contradicting spans still cited: {judged[('contradicts', 'full')] + judged[('contradicts', 'partial')]} "
        f"of {sum(judged[('contradicts', v)] for v in levels)}; spans that back nothing still cited: "
        f"{judged[('none', 'full')] + judged[('none', 'partial')]} of {sum(judged[('none', v)] for v in levels)}.",
    ]
