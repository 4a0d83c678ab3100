"""Condensing: shorter wordings by deletion, judged for fluency, chosen with the facts they word."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from summarizer.condense import condense
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest, Deadline
from summarizer.text.constituents import forbidden, kept_tokens, opens_with_connective, shorter_wordings
from summarizer.types import Article, ArticleInput, Fact, Method, Span


@pytest.mark.parametrize(
    ("sentence", "wording"),
    [
        (
            "Mark Lane, a lawyer from New York, died on Tuesday at his home in Virginia.",
            "Mark Lane died on Tuesday at his home in Virginia.",
        ),
        (
            "Specifically, the council will ask the operator to cut fares for students.",
            "The council will ask the operator to cut fares for students.",
        ),
        (
            "By contrast, the operator said the fares would stay as they are for a year.",
            "The operator said the fares would stay as they are for a year.",
        ),
        (
            "The ferry, which the council approved last year, will run every 20 minutes from March.",
            "The ferry will run every 20 minutes from March.",
        ),
    ],
)
def test_asides_and_opening_connectives_go_with_what_sets_them_off(sentence: str, wording: str) -> None:
    assert wording in shorter_wordings(sentence, 99)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials from both countries held a high-level security meeting on Wednesday in Washington.",
        "Police arrested a 25-year-old man on Friday after the robbery at the store.",
    ],
)
def test_every_shorter_wording_deletes_whole_constituents_the_verifier_allows(sentence: str) -> None:
    wordings = shorter_wordings(sentence, 99)
    assert wordings
    for wording in wordings:
        kept = kept_tokens(sentence, wording)
        assert kept is not None and forbidden(sentence, kept) is None, wording
        assert " -" not in wording and " an high" not in wording  # no word cut in half


def test_a_quotation_is_never_shortened() -> None:
    sentence = 'In a speech, he said people must not "sit around and wait", but act to build "new things".'
    for wording in shorter_wordings(sentence, 99):
        assert '"sit around and wait"' in wording and '"new things"' in wording


@pytest.mark.parametrize(
    ("text", "opens"),
    [
        ("But the tweet puzzled his aides.", True),
        ("However, Tillerson said the talks were useful.", True),
        ("By contrast, Kreiss writes that the team was free.", True),
        ("Butter prices rose on Monday.", False),
        ("By Monday, the fire was out.", False),
        ("Stillwater police said the road was closed.", False),
    ],
)
def test_a_sentence_that_points_at_one_before_it_is_told_apart(text: str, opens: bool) -> None:
    assert opens_with_connective(text) is opens


class Judge:
    """A fluency judge that finds any wording without `awkward` as fluent as its sentence."""

    def __init__(self, awkward: str = "\0") -> None:
        self.awkward = awkward
        self.read: list[str] = []

    def fluency(self, texts: Sequence[str], deadline: Deadline) -> list[float] | None:
        self.read += texts
        return [-9.0 if self.awkward in t else -3.0 for t in texts]


LEAD = (
    "Mayor Lena Park, who took office last year, opened the harbour bridge on Friday after two years of work."
)


def _facts(summarizer: Summarizer, text: str) -> tuple[Any, list[Fact]]:
    article = Article(id="a", text=text, body=(Span(0, len(text)),))
    bundle = summarizer.screened([article])
    facts = [Fact(members=(s,), representative=s, score=1.0) for s in bundle.sentences]
    return bundle, facts


def test_a_wording_that_reads_much_worse_than_its_sentence_is_no_candidate(summarizer: Summarizer) -> None:
    bundle, facts = _facts(summarizer, LEAD)
    fluent = condense(
        bundle, facts, summarizer.tuning, summarizer.embedder.encode, Judge(), Deadline.after(30)
    )
    awkward = condense(
        bundle, facts, summarizer.tuning, summarizer.embedder.encode, Judge("Park opened"), Deadline.after(30)
    )

    shorter = {w.text for w in fluent if w.method is Method.CONDENSED}
    assert "Mayor Lena Park opened the harbour bridge on Friday after two years of work." in shorter
    assert not [w for w in awkward if w.method is Method.CONDENSED and "Park opened" in w.text]
    assert all(w.fluency == 0.0 for w in fluent)  # as fluent as the sentence itself


def test_without_a_judge_only_an_opening_connective_goes(summarizer: Summarizer) -> None:
    bundle, facts = _facts(summarizer, "However, " + LEAD)
    wordings = condense(
        bundle, facts, summarizer.tuning, summarizer.embedder.encode, None, Deadline.after(30)
    )

    assert [(w.method, w.text) for w in wordings] == [(Method.CONDENSED, LEAD)]


class FluentModel(Judge):
    name = "fluent-fake"
    device = "cpu"
    load_seconds = 0.0

    def complete(self, *args: Any, **kwargs: Any) -> list[str]:
        raise AssertionError("the packaged model only judges; it writes nothing")

    def close(self) -> None:
        pass


def test_a_condensed_sentence_is_its_first_citations_words_less_asides(summarizer: Summarizer) -> None:
    settings = summarizer.settings.model_copy(update={"model": "smollm2"})
    condensing = Summarizer(settings, embedder=summarizer.embedder, generator=FluentModel())
    texts = [
        LEAD + " Traffic on the old crossing fell by half within an hour, the council said.",
        "Lena Park, the mayor, opened the harbour bridge in Harlow Vale on Friday after two years of "
        "work. The old crossing, which dates from 1890, will close to lorries.",
    ]
    request = BriefRequest.start(
        [ArticleInput(id=f"a{i}", text=t) for i, t in enumerate(texts)], settings, max_words=30
    )

    brief = condensing.brief(request)

    condensed = [s for s in brief.sentences if s.method is Method.CONDENSED]
    assert condensed and brief.generation.condensed == len(condensed) and brief.words <= 30
    for sentence in condensed:
        first = sentence.citations[0]
        source = texts[int(first.article_id[1])][first.start : first.end]
        kept = kept_tokens(source, sentence.text)
        assert kept is not None and forbidden(source, kept) is None
