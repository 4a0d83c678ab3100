"""Choosing the facts for a brief (summarizer/group.py `select`)."""

from __future__ import annotations

import numpy as np

from summarizer.group import select
from summarizer.types import Fact, Sentence

REDUNDANT, DUPLICATE = 0.62, 0.7


def facts_scored(*scores: float) -> tuple[list[Fact], dict[Sentence, np.ndarray]]:
    """One 10-word, single-outlet fact per score, best first, each with an unrelated (orthogonal) vector."""
    facts, vectors = [], {}
    for index, score in enumerate(scores):
        text = " ".join([f"w{index}"] * 10)
        sentence = Sentence(article_id=f"a{index}", index=index, start=0, end=len(text), text=text)
        facts.append(Fact(members=(sentence,), representative=sentence, score=score))
        vectors[sentence] = np.eye(len(scores), dtype=np.float32)[index]
    return facts, vectors


def test_facts_are_chosen_best_first_until_the_budget_is_spent() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7, 0.6)

    chosen = select(facts, vectors, 30, REDUNDANT, DUPLICATE)

    assert chosen == facts[:3]


def test_a_fact_saying_what_a_chosen_one_says_stays_out() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7)
    first, second = facts[0].representative, facts[1].representative
    vectors[second] = np.asarray(0.8 * vectors[first] + 0.6 * vectors[second], dtype=np.float32)

    chosen = select(facts, vectors, 100, REDUNDANT, DUPLICATE)

    assert chosen == [facts[0], facts[2]]
