"""The final cut to the word budget and the order the brief reads in (summarizer/brief.py)."""

from __future__ import annotations

from summarizer.brief import fit
from summarizer.types import Fact, Method, Sentence, Wording


def fact(index: int, article_id: str = "a") -> Fact:
    """A fact whose outlets report it as their sentence number `index`."""
    sentence = Sentence(article_id=article_id, index=index, start=0, end=4, text="text")
    return Fact(members=(sentence,), representative=sentence, score=0.5)


def worded(*facts: Fact) -> list[Wording]:
    """Each fact worded by its representative, the sentence `fit` reads its article and place from."""
    return [Wording(f, f.representative, f.representative.text, Method.EXTRACTED) for f in facts]


def words(n: int, first: str = "word") -> str:
    return " ".join([first] + ["word"] * (n - 1))


def test_the_fact_most_outlets_lead_with_opens_and_the_others_read_in_story_order() -> None:
    # best first: facts from sentences 7, 9, 2 and 5, then one that an outlet leads with
    led = Sentence(article_id="b", index=0, start=0, end=4, text="text")
    lead_fact = Fact(members=(fact(3).representative, led), representative=led, score=0.4)
    texts, wordings = [words(10)] * 5, worded(fact(7), fact(9), fact(2), fact(5), lead_fact)

    assert fit(texts, wordings, max_words=50) == [4, 2, 3, 0, 1]
    assert fit(texts[:4], wordings[:4], max_words=40) == [0, 2, 3, 1]  # no lead: the best opens


def test_a_fact_that_does_not_fit_makes_room_for_a_shorter_one_after_it() -> None:
    texts, wordings = [words(30), words(25), words(12)], worded(fact(0), fact(1), fact(2))

    assert fit(texts, wordings, max_words=45) == [0, 2]


def test_the_length_is_a_hard_cap_even_for_the_best_fact() -> None:
    """A disputed detail attributed to its outlets can make the best fact's sentence too long."""
    assert fit([words(50), words(5)], worded(fact(0), fact(1)), max_words=20) == [1]
    assert fit([words(50)], worded(fact(0)), max_words=20) == []


def test_a_sentence_that_points_back_never_opens_and_reads_after_the_one_it_points_at() -> None:
    # "She ..." is article a's sentence 6, and the fact an outlet leads with; the sentence that
    # names her is article a's sentence 2 and reads later in the story order of its fact.
    led = Sentence(article_id="b", index=0, start=0, end=4, text="text")
    own = Sentence(article_id="a", index=6, start=0, end=4, text="text")
    pointing = Fact(members=(own, led), representative=own, score=0.9)
    naming = Fact(
        members=(fact(2).representative, *fact(12, "c").members),
        representative=fact(2).representative,
        score=0.5,
    )
    texts = [
        "She won the seat by eight votes.",
        "Anne Ferris ran for the council in Harlow Vale.",
        "The count took two days.",
    ]
    wordings = worded(pointing, naming, fact(3, "c"))

    order = fit(texts, wordings, max_words=60)

    assert order[0] != 0
    assert order.index(1) < order.index(0)


def test_a_sentence_that_points_back_goes_when_the_cut_leaves_out_the_one_it_points_at() -> None:
    # The naming sentence (article a, sentence 1) grew past the room left: "He ..." goes with it.
    naming = (
        "Tom Smith, who ran the harbour office for twenty years until the council closed it, said on "
        "Friday that the bridge would bring visitors back to the old town."
    )
    texts = [words(20), naming, words(10, "He"), words(10)]
    wordings = worded(fact(0, "b"), fact(1), fact(4), fact(5, "c"))

    assert fit(texts, wordings, max_words=45) == [0, 3]


def test_he_or_she_needs_an_earlier_sentence_that_names_someone() -> None:
    """An earlier sentence of the article about a video names no one "He" can be."""
    pointing = "He is being held in the county jail on bail."
    naming = ["A Harlow Vale man was arrested on Friday.", pointing, "Traffic on the bridge fell by half."]
    nameless = [
        "The video was shared thousands of times online.",
        pointing,
        "Traffic on the bridge fell by half.",
    ]
    wordings = worded(fact(0), fact(3), fact(0, "b"))

    assert fit(naming, wordings, max_words=60) == [0, 2, 1]
    assert fit(nameless, wordings, max_words=60) == [0, 2]
