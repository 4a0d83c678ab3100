"""Support: each citation says how much it backs its sentence, and a contradicting span is never cited."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.faithfulness import citation_pairs
from summarizer.pipeline import Summarizer
from summarizer.support import conflict, support
from summarizer.text.roles import opposed
from summarizer.types import Support

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"


def judge(summarizer: Summarizer, claim: str, span: str) -> Support | None:
    a, b = summarizer.embedder.encode([claim, span])
    thresholds = summarizer.tuning.thresholds(summarizer.embedder.space)
    return support(claim, span, float(a @ b), thresholds, summarizer.tuning)


def test_a_span_stating_every_detail_supports_fully(summarizer: Summarizer) -> None:
    claim = "Police arrested John Smith, 42, in Denver on Tuesday after a three-hour standoff."
    span = "On Tuesday police in Denver arrested John Smith, 42, after a three-hour standoff."
    assert judge(summarizer, claim, span) is Support.FULL


def test_a_span_with_fewer_details_supports_partly(summarizer: Summarizer) -> None:
    claim = "Police arrested John Smith, 42, in Denver on Tuesday after a three-hour standoff."
    span = "A man was arrested in Denver after a standoff with police, officers said."
    assert judge(summarizer, claim, span) is Support.PARTIAL


def test_a_span_about_something_else_is_not_cited(summarizer: Summarizer) -> None:
    claim = "Police arrested John Smith, 42, in Denver on Tuesday after a three-hour standoff."
    span = "The city council approved a new budget for parks and libraries."
    assert judge(summarizer, claim, span) is None


@pytest.mark.parametrize(
    ("claim", "span"),
    [
        ("The fire killed 12 people in the town.", "The fire killed 15 people in the town."),
        ("Kevin Johnson, 25, was arrested.", "Police arrested Kevin Deon Johnson, 24; and two others."),
        ("The suspect was 66-year-old Frank Macomber.", "Macomber, 65, was found nearby."),
        ("The shooting happened at 4 a.m. on Sunday.", "The shooting happened at 5 a.m. on Sunday."),
        ("He was stabbed twice in the chest.", "He was stabbed three times in the chest."),
        ("It was the second attack on the base.", "It was the third attack on the base."),
        (
            "The letters, written by Alcorn, instructed the girl.",
            "Letters written by the girl to Alcorn were found.",
        ),
    ],
)
def test_a_span_that_gives_a_detail_otherwise_is_never_cited(
    summarizer: Summarizer, claim: str, span: str
) -> None:
    assert conflict(claim, span) is not None
    assert judge(summarizer, claim, span) is None


@pytest.mark.parametrize(
    ("claim", "span"),
    [
        ("At least 10 people were hurt in the crash.", "The crash hurt 20 people."),  # a bound is no figure
        ("Kevin Johnson, 25, was arrested.", "Dwight Smith, 30, was arrested too."),  # another man's age
        ("The bank lost $2 billion.", "The bank's chief executive, 58, resigned."),
        ("Smith sued the city.", "The city was sued by Smith on Monday."),  # the same sides, put passively
    ],
)
def test_details_that_do_not_collide_are_no_conflict(claim: str, span: str) -> None:
    assert conflict(claim, span) is None


def test_the_sides_of_an_act_are_read_from_the_parse() -> None:
    assert opposed("Letters written by Alcorn were found.", "Letters written to Alcorn were found.")
    assert opposed("Smith sued Jones.", "Jones sued Smith.")
    assert not opposed("Smith sued Jones.", "Smith filed a suit against Jones.")


def test_the_labelled_citation_pairs(summarizer: Summarizer) -> None:
    """Measured: 'full' is right for 14 of 14 labelled pairs it is given to; one contradicting
    span of nine is still cited (a claim verb that names who asked whom: "Plaskett asked McCullum
    to take her iPhone" against "McCullum offered to take a House member's iPhone"), which no rule
    here reads."""
    if not (DATA / "multinews_dev.jsonl").is_file():
        pytest.skip(f"no evaluation data at {DATA}: it lives beside the repository, not in it")
    pairs = citation_pairs(DATA)
    calls = [(p.label, judge(summarizer, p.sentence.text, p.cited.text)) for p in pairs]
    full = [label for label, level in calls if level is Support.FULL]
    assert len(full) >= 10 and full.count("full") / len(full) >= 0.95
    assert sum(label == "contradicts" and level is not None for label, level in calls) <= 1
