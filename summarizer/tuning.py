"""Every constant the pipeline's quality was tuned or swept on, in one frozen object.

`Summarizer(tuning=...)` injects it; each stage takes the fields it needs as arguments. `make
eval EVAL_ARGS="--tune FIELD=V1,V2"` runs the extractive brief once per value (dotted paths
reach inside: `minilm.redundant=0.6,0.62`). Where each value came from: docs/decisions.md.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

VectorSpace = Literal["minilm", "tfidf"]


@dataclass(frozen=True)
class Thresholds:
    """Cosine similarities that mean something in one embedder's vector space."""

    duplicate: float  # two sentences state the same fact
    support: float  # a sentence supports a claim well enough to be cited for it
    redundant: float  # two brief sentences would say the same thing
    meaning_floor: float  # a rewritten sentence still says what its closest source sentence says
    cite: float  # cosine plus the weighted share of the claim's words: a sentence is cited for it
    full_support: float  # the cosine at which a span may back all of a brief sentence
    partial_support: float  # cosine plus the weighted share of words at which it backs part of it
    off_topic: float  # an article this far from every other article of the bundle is about something else
    # A sentence, or one of its clauses, this close to a statement addressed to a machine speaks
    # to one; a noun phrase this close to a machine reader's name names one (when the grammar
    # speaks to it); only sentences at least `machine_gate` close whole have their clauses and
    # grammar read (summarizer/screen/instructions.py).
    machine_address: float
    machine_reader: float
    machine_gate: float


@dataclass(frozen=True)
class RankWeights:
    """How much each salience signal counts (summarizer/rank/)."""

    support: float = 0.45  # what several outlets report
    centrality: float = 0.1
    position: float = 0.4
    informativeness: float = 0.1

    def items(self) -> list[tuple[str, float]]:
        return [(f.name, getattr(self, f.name)) for f in dataclasses.fields(self)]


@dataclass(frozen=True)
class Tuning:
    minilm: Thresholds = Thresholds(
        duplicate=0.7,
        support=0.64,
        redundant=0.62,
        meaning_floor=0.75,
        cite=1.15,
        full_support=0.75,
        partial_support=0.85,
        off_topic=0.25,
        machine_address=0.7,
        machine_reader=0.6,
        machine_gate=0.3,
    )
    # Bag-of-words cosines run lower: a faithful condensation that drops an aside scores about
    # 0.7 (MiniLM: 0.9), so the floor sits just above the duplicate threshold, as MiniLM's does.
    tfidf: Thresholds = Thresholds(
        duplicate=0.5,
        support=0.3,
        redundant=0.45,
        meaning_floor=0.55,
        cite=0.8,
        full_support=0.6,
        partial_support=0.55,
        off_topic=0.03,
        machine_address=0.6,
        machine_reader=0.5,
        machine_gate=0.2,
    )
    weights: RankWeights = field(default_factory=RankWeights)
    position_half_life: float = 6.0  # sentences: the 7th sentence of an article counts half its lead
    topic_margin: float = 0.1  # how far under the support threshold a match still earns support
    min_fact_words: int = 6  # a shorter sentence is a fragment, not a fact a brief can stand on
    # A draft must save this many words to replace its sentence: a smaller trim frees no room a
    # fact could use and drops words the reader wanted.
    min_words_saved: int = 5
    min_draft_words: int = 6  # a shorter draft is not a sentence a brief can use
    novel_word_share: float = 0.15  # content words a draft may have that its sources lack
    kept_content_share: float = 0.6  # of its sentence's content words, the share a draft keeps
    citation_word_weight: float = 0.5  # how much the share of a claim's words counts beside meaning
    # A span backs all of its brief sentence only when it holds this share of its content words
    # (and every name and number): on the labelled citations, "full" was then right every time.
    full_support_coverage: float = 0.7
    # Of two articles that are about different things, the one this many times shorter is the
    # page's stray (a review widget, a notice); with three or more, the rest show which is the story.
    stray_length_ratio: float = 2.0
    # An article this share of whose word 5-grams are in another article is its copy; a sentence
    # whose words match an earlier article's sentence this closely (difflib's ratio) is a copy.
    wire_copy_share: float = 0.8
    copied_sentence_words: float = 0.9
    # Selection (summarizer/select.py): a concept counts when this many outlets report it; one
    # in an outlet's lead sentences weighs up to this much more.
    concept_outlets: int = 2
    concept_lead_bonus: float = 1.0
    fact_score_weight: float = 2.0  # a fact's salience beside the concepts its wording covers
    fluency_weight: float = 1.0  # a wording's change in fluency beside the concepts it covers
    # Two brief sentences that share a run of this many words, this many of them content words,
    # tell one detail twice (a quotation two outlets carry, a clause copied into a longer lead).
    repeated_run_words: int = 7
    repeated_run_content: int = 3
    selection_seconds: float = 1.0  # the solver's time limit; past it, its best solution so far
    shortlist_factor: float = 2.0  # candidate facts hold this many times the brief's words
    # Shorter wordings are made of a fact's first this many sentences (its best, then the other
    # outlets'), up to this many each, shortest first: each costs the language model a read.
    shortened_sentences: int = 1
    wordings_per_sentence: int = 4
    # A shorter wording may read this much worse than its sentence (mean log-probability per
    # token, in nats) and still be offered.
    fluency_drop: float = 0.5

    def thresholds(self, space: VectorSpace) -> Thresholds:
        return self.minilm if space == "minilm" else self.tfidf

    def with_value(self, path: str, value: Any) -> Tuning:
        """A copy with one field replaced; `path` may be dotted (`minilm.redundant`)."""
        return _replaced(self, path.split("."), value)


def _replaced(obj: Any, path: list[str], value: Any) -> Any:
    """`obj` (a tuning dataclass) with the field at `path` set to `value`, read as that field's type."""
    name, rest = path[0], path[1:]
    fields = {f.name for f in dataclasses.fields(obj)} if dataclasses.is_dataclass(obj) else set()
    if name not in fields:
        raise KeyError(f"no tuning field {name!r} in {type(obj).__name__}")
    current = getattr(obj, name)
    new = _replaced(current, rest, value) if rest else type(current)(value)
    return dataclasses.replace(obj, **{name: new})
