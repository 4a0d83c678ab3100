"""The final cut to the word budget (summarizer/brief.py)."""

from __future__ import annotations

from summarizer.brief import fit
from summarizer.types import Fact, Sentence


def fact(index: int) -> Fact:
    """A fact whose outlets report it as their sentence number `index`."""
    sentence = Sentence(article_id="a", index=index, start=0, end=4, text="text")
    return Fact(members=(sentence,), representative=sentence, score=0.5)


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_the_fact_most_outlets_lead_with_opens_and_the_others_read_in_story_order() -> None:
    # best first: facts from sentences 7, 9, 2 and 5, then one that an outlet leads with
    led = Sentence(article_id="b", index=0, start=0, end=4, text="text")
    lead_fact = Fact(members=(fact(3).representative, led), representative=led, score=0.4)
    texts, facts = [words(10)] * 5, [fact(7), fact(9), fact(2), fact(5), lead_fact]

    assert fit(texts, facts, max_words=50) == [4, 2, 3, 0, 1]
    assert fit(texts[:4], facts[:4], max_words=40) == [0, 2, 3, 1]  # no lead: the best opens


def test_a_fact_that_does_not_fit_makes_room_for_a_shorter_one_after_it() -> None:
    texts, facts = [words(30), words(25), words(12)], [fact(0), fact(1), fact(2)]

    assert fit(texts, facts, max_words=45) == [0, 2]


def test_the_length_is_a_hard_cap_even_for_the_best_fact() -> None:
    """A disputed detail attributed to its outlets can make the best fact's sentence too long."""
    assert fit([words(50), words(5)], [fact(0), fact(1)], max_words=20) == [1]
    assert fit([words(50)], [fact(0)], max_words=20) == []
