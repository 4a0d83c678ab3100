"""Disagreement notes: precision and recall on labelled sentence pairs, and the notes dev briefs carry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from summarizer.bundle import Bundle
from summarizer.disagree import describe, find_disagreements
from summarizer.embed import Embedder
from summarizer.text.normalise import display_text
from summarizer.tuning import Tuning
from summarizer.types import Article, Brief, Disagreement, Fact, Sentence, Span

DISAGREEMENT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "disagreements.jsonl"


def disputes(a: str, b: str, embedder: Embedder, tuning: Tuning) -> tuple[Disagreement, ...]:
    """The disagreements between two outlets' sentences, found as the stage finds them in a bundle."""
    articles = [Article(id=i, text=t, body=(Span(0, len(t)),)) for i, t in (("a", a), ("b", b))]
    sentences = [Sentence(x.id, 0, 0, len(x.text), display_text(x.text)) for x in articles]
    vectors = embedder.encode([s.text for s in sentences])
    bundle = Bundle.of(articles, sentences, vectors, tuning.thresholds(embedder.space))
    facts = [Fact(members=(s,), representative=s, score=0.0) for s in sentences]
    return find_disagreements(bundle, facts)


@dataclass(frozen=True)
class Detection:
    """The disagreement stage's calls on labelled sentence pairs from one source of pairs."""

    source: str
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_positives, 1)

    @property
    def recall(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_negatives, 1)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(self.precision + self.recall, 1e-9)


def detection(path: Path, embedder: Embedder, tuning: Tuning) -> list[Detection]:
    """Scores per source of pairs ("canonical", "written", "held-out") and over all of them."""
    calls: dict[str, list[tuple[bool, bool]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pair = json.loads(line)
            called = bool(disputes(pair["a"], pair["b"], embedder, tuning))
            for source in (pair["source"], "all"):
                calls.setdefault(source, []).append((called, pair["conflict"]))
    return [
        Detection(
            source,
            sum(c and t for c, t in pairs),
            sum(c and not t for c, t in pairs),
            sum(t and not c for c, t in pairs),
            sum(not c and not t for c, t in pairs),
        )
        for source, pairs in sorted(calls.items(), key=lambda item: item[0] == "all")
    ]


def disagreement_section(detected: list[Detection], briefs: dict[str, Brief], sample: int = 10) -> list[str]:
    notes = [(cluster, note) for cluster, brief in briefs.items() for note in brief.disagreements]
    with_notes = sum(bool(b.disagreements) for b in briefs.values())
    return [
        "",
        "## Disagreements",
        "",
        "Labelled pairs (`tests/data/disagreements.jsonl`): does the stage call a conflict between two "
        "outlets' sentences? Held-out pairs were written after the rules and not tuned on (the one bug they "
        "showed, in reading a quotation's words, was fixed).",
        "",
        "| pairs | n | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {d.source} | {d.true_positives + d.false_positives + d.false_negatives + d.true_negatives} "
            f"| {100 * d.precision:.1f} | {100 * d.recall:.1f} | {100 * d.f1:.1f} |"
            for d in detected
        ),
        "",
        f"- Notes per dev brief: {len(notes) / max(len(briefs), 1):.3f} ({len(notes)} notes in "
        f"{len(briefs)} briefs; {with_notes} briefs have any).",
        f"- A sample of {min(sample, len(notes))} notes to judge (what differs; each version with its articles):",
        "",
        *(f"  - `{cluster}`: {describe(note)[:300]}" for cluster, note in notes[:sample]),
    ]
