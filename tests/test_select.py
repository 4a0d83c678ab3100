"""Choosing facts and their wording for a brief (summarizer/select.py)."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.bundle import Bundle
from summarizer.limits import MAX_SENTENCE_CHARS
from summarizer.select import select
from summarizer.tuning import Tuning
from summarizer.types import Fact, Method, Sentence, Wording

TUNING = Tuning()


def sentence(article: str, index: int, text: str) -> Sentence:
    return Sentence(article_id=article, index=index, start=0, end=len(text), text=text)


def facts_scored(*scores: float) -> tuple[list[Fact], np.ndarray]:
    """One 10-word, single-outlet fact per score, best first, each with an unrelated (orthogonal) vector."""
    facts = []
    for index, score in enumerate(scores):
        one = sentence(f"a{index}", index, " ".join([f"w{index}"] * 10))
        facts.append(Fact(members=(one,), representative=one, score=score))
    return facts, np.eye(len(scores), dtype=np.float32)


def whole(facts: list[Fact]) -> list[Wording]:
    return [Wording(f, s, s.text, Method.EXTRACTED) for f in facts for s in f.sources]


def bundle_of(facts: list[Fact], vectors: np.ndarray) -> Bundle:
    return Bundle.of([], [s for f in facts for s in f.members], vectors, TUNING.minilm)


def test_facts_are_chosen_best_first_until_the_budget_is_spent() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7, 0.6)

    chosen = select(bundle_of(facts, vectors), facts, whole(facts), 30, TUNING)

    assert [w.fact for w in chosen] == facts[:3]


def test_a_fact_saying_what_a_chosen_one_says_stays_out() -> None:
    facts, vectors = facts_scored(0.9, 0.8, 0.7)
    vectors[1] = 0.8 * vectors[0] + 0.6 * vectors[1]

    chosen = select(bundle_of(facts, vectors), facts, whole(facts), 100, TUNING)

    assert [w.fact for w in chosen] == [facts[0], facts[2]]


def test_what_several_outlets_report_outweighs_a_better_ranked_single_outlet_detail() -> None:
    lone = sentence("a", 5, "The mayor wore a blue scarf to the opening ceremony.")
    shared = [
        sentence("a", 0, "Harlow Vale opened its new harbour bridge on Friday."),
        sentence("b", 0, "The new harbour bridge in Harlow Vale opened on Friday."),
        sentence("c", 0, "Harlow Vale's new harbour bridge opened to traffic."),
    ]
    best = Fact(
        members=(sentence("a", 1, "Crowds gathered in the rain at dawn."),),
        representative=sentence("a", 1, "Crowds gathered in the rain at dawn."),
        score=0.95,
    )
    facts = [
        best,
        Fact(members=(lone,), representative=lone, score=0.9),
        Fact(members=tuple(shared), representative=shared[0], score=0.5),
    ]
    vectors = np.eye(5, dtype=np.float32)

    chosen = select(bundle_of(facts, vectors), facts, whole(facts), 20, TUNING)

    assert [w.fact for w in chosen] == [best, facts[2]]


def test_a_shorter_wording_makes_room_for_another_fact() -> None:
    facts, vectors = facts_scored(0.9, 0.8)
    long_one = facts[0].representative
    shorter = Wording(facts[0], long_one, " ".join(["w0"] * 6), Method.CONDENSED)

    chosen = select(bundle_of(facts, vectors), facts, [*whole(facts), shorter], 16, TUNING)

    assert chosen == [shorter, whole(facts)[1]]


@pytest.mark.parametrize(
    ("earlier_text", "pointing_text", "admitted"),
    [
        (
            "Mayor Lena Park opened the harbour bridge on Friday.",
            "She said it cost far less than planned.",
            True,
        ),
        (
            "Mayor Lena Park opened the harbour bridge on Friday.",
            "The move cost far less than planned.",
            True,
        ),
        # "She" needs an earlier sentence that names someone; "The move" any earlier sentence.
        ("The harbour bridge opened to traffic on Friday.", "She said it cost far less than planned.", False),
        ("The harbour bridge opened to traffic on Friday.", "The move cost far less than planned.", True),
    ],
)
def test_a_sentence_that_points_back_needs_an_earlier_sentence_of_its_article(
    earlier_text: str, pointing_text: str, admitted: bool
) -> None:
    earlier = sentence("a", 0, earlier_text)
    pointing = sentence("a", 3, pointing_text)
    other = sentence("b", 0, "Traffic on the old crossing fell by half within an hour.")
    facts = [
        Fact(members=(pointing,), representative=pointing, score=0.9),
        Fact(members=(other,), representative=other, score=0.8),
        Fact(members=(earlier,), representative=earlier, score=0.1),
    ]
    vectors = np.eye(3, dtype=np.float32)
    bundle = bundle_of(facts, vectors)

    without_room = select(bundle, facts[:2], whole(facts[:2]), 40, TUNING)
    with_room = select(bundle, facts, whole(facts), 40, TUNING)

    assert [w.sentence for w in without_room] == [other]
    assert {w.sentence for w in with_room} == ({pointing, earlier, other} if admitted else {earlier, other})


def test_what_a_later_report_says_became_of_a_planned_event_is_in() -> None:
    """Concepts alone would choose the two facts several outlets share; the outcome goes in too."""
    shared = [sentence(o, 0, "Harlow Vale opened its new harbour bridge on Friday.") for o in "abc"]
    also_shared = [sentence(o, 1, "The harbour bridge cost the town nine million pounds.") for o in "abc"]
    outcome = sentence("d", 0, "The council voted to close the old crossing for good.")
    preview = sentence("e", 0, "The council will vote on closing the old crossing.")
    facts = [
        Fact(members=tuple(shared), representative=shared[0], score=0.9),
        Fact(members=tuple(also_shared), representative=also_shared[0], score=0.8),
        Fact(members=(outcome,), representative=outcome, score=0.7, supersedes=(preview,)),
    ]
    plain = [facts[0], facts[1], Fact(members=(outcome,), representative=outcome, score=0.7)]
    vectors = np.eye(7, dtype=np.float32)

    assert [w.fact for w in select(bundle_of(plain, vectors), plain, whole(plain), 20, TUNING)] == plain[:2]
    assert [w.fact for w in select(bundle_of(facts, vectors), facts, whole(facts), 20, TUNING)] == [
        facts[0],
        facts[2],
    ]


def test_newest_news_that_says_what_the_best_fact_says_leaves_the_rest_of_the_brief_in() -> None:
    """A later report of the event the best fact already tells is not forced in beside it (the two
    are one fact to the brief): the brief goes on with its other facts, not the best fact alone."""
    facts, vectors = facts_scored(0.9, 0.8, 0.7)
    outcome = facts[1].representative
    preview = sentence("p", 0, "The council will vote on the harbour bridge.")
    facts[1] = Fact(members=(outcome,), representative=outcome, score=0.8, supersedes=(preview,))
    vectors[1] = 0.8 * vectors[0] + 0.6 * vectors[1]  # close in meaning to the best fact

    chosen = select(bundle_of(facts, vectors), facts, whole(facts), 100, TUNING)

    assert [w.fact for w in chosen] == [facts[0], facts[2]]


def test_newest_news_that_cannot_stand_in_the_brief_yields_to_the_other_facts() -> None:
    """A later report that points back to a sentence the brief cannot hold is left out, and the
    brief keeps its other facts."""
    facts, vectors = facts_scored(0.9, 0.8, 0.7)
    pointing = sentence("d", 2, "She said the vote went ahead as planned.")  # nothing earlier of "d"
    preview = sentence("p", 0, "The council will vote on the harbour bridge.")
    facts[1] = Fact(members=(pointing,), representative=pointing, score=0.8, supersedes=(preview,))

    chosen = select(bundle_of(facts, vectors), facts, whole(facts), 100, TUNING)

    assert [w.fact for w in chosen] == [facts[0], facts[2]]


def test_a_detail_told_in_the_same_words_by_two_facts_is_told_once() -> None:
    """Two facts whose sentences differ in meaning overall (orthogonal vectors) but carry one
    quotation: the brief tells it once, with the better fact."""
    texts = [
        'Harbour officials said the bridge "will carry twelve thousand cars every single day" once open.',
        'The bridge "will carry twelve thousand cars every single day," the mayor said on Friday.',
        "Crowds gathered in the rain at dawn to watch the opening.",
    ]
    told = [sentence(f"a{i}", 0, text) for i, text in enumerate(texts)]
    facts = [Fact(members=(one,), representative=one, score=0.9 - 0.1 * i) for i, one in enumerate(told)]

    chosen = select(bundle_of(facts, np.eye(3, dtype=np.float32)), facts, whole(facts), 100, TUNING)

    assert [w.fact for w in chosen] == [facts[0], facts[2]]


def test_a_shorter_wording_that_drops_the_repeated_detail_joins_the_fact_that_tells_it() -> None:
    lead = sentence(
        "a", 0, "The harbour bridge, which cost far less than the city had planned, opened on Friday."
    )
    cost = sentence("b", 0, "The bridge cost far less than the city had planned, the treasurer said.")
    facts = [
        Fact(members=(lead,), representative=lead, score=0.9),
        Fact(members=(cost,), representative=cost, score=0.8),
    ]
    shorter = Wording(facts[0], lead, "The harbour bridge opened to traffic on Friday.", Method.CONDENSED)
    wordings = [*whole(facts), shorter]

    chosen = select(bundle_of(facts, np.eye(2, dtype=np.float32)), facts, wordings, 100, TUNING)

    assert chosen == [shorter, wordings[1]]


def test_a_run_on_longer_than_a_checkable_sentence_is_no_candidate() -> None:
    facts, vectors = facts_scored(0.9, 0.5)
    run_on = " ".join(["w0"] * 6 + ["x" * (MAX_SENTENCE_CHARS // 2)] * 2)
    wordings = [Wording(facts[0], facts[0].representative, run_on, Method.EXTRACTED), *whole(facts[1:])]

    assert [w.fact for w in select(bundle_of(facts, vectors), facts, wordings, 100, TUNING)] == [facts[1]]


def test_with_no_sentence_short_enough_the_brief_is_empty_not_over_length() -> None:
    facts, vectors = facts_scored(0.9, 0.5)  # ten words each

    assert select(bundle_of(facts, vectors), facts, whole(facts), 9, TUNING) == []
