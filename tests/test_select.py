"""Choosing the facts for a brief (summarizer/select.py)."""

from __future__ import annotations

import numpy as np

from summarizer.bundle import Bundle
from summarizer.select import select
from summarizer.tuning import Tuning
from summarizer.types import Fact, Sentence

TUNING = Tuning()


def facts_scored(*scores: float) -> tuple[list[Fact], np.ndarray]:
    """One 10-word, single-outlet fact per score, best first, each with an unrelated (orthogonal) vector."""
    facts = []
    for index, score in enumerate(scores):
        text = " ".join([f"w{index}"] * 10)
        sentence = Sentence(article_id=f"a{index}", index=index, start=0, end=len(text), text=text)
        facts.append(Fact(members=(sentence,), representative=sentence, score=score))
    return facts, np.eye(len(scores), dtype=np.float32)


def bundle_of(facts: list[Fact], vectors: np.ndarray) -> Bundle:
    return Bundle.of([], [f.representative for f in facts], vectors, TUNING.minilm)


def test_facts_are_chosen_best_first_until_the_budget_is_spent() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7, 0.6)

    chosen = select(bundle_of(facts, vectors), facts, 30, TUNING)

    assert chosen == facts[:3]


def test_a_fact_saying_what_a_chosen_one_says_stays_out() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7)
    vectors[1] = 0.8 * vectors[0] + 0.6 * vectors[1]

    chosen = select(bundle_of(facts, vectors), facts, 100, TUNING)

    assert chosen == [facts[0], facts[2]]
