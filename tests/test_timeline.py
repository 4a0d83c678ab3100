"""The brief tells the story as of the newest reports (summarizer/timeline.py, summarizer/text/tense.py)."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.bundle import Bundle
from summarizer.text.tense import Tense, tense
from summarizer.timeline import as_of_newest
from summarizer.tuning import Tuning
from summarizer.types import Article, Fact, Sentence, Span

TUNING = Tuning()
PREVIEW = "US and Chinese defence chiefs will meet on Wednesday for security talks in Washington."
REPORT = "US and Chinese defence chiefs met on Wednesday for security talks in Washington."
PREVIEW_LEAD = "The two sides are expected to discuss trade on Wednesday."
REPORT_LEAD = "The two sides discussed trade on Wednesday."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US and Chinese chiefs will meet on Wednesday.", Tense.PLANNED),
        (
            "The United States is expected to push China to tighten sanctions, U.S. officials said.",
            Tense.PLANNED,
        ),
        ("Tillerson has said North Korea will top the agenda next week.", Tense.PLANNED),
        ("The two sides plan to discuss trade.", Tense.PLANNED),
        ("Talks are set to begin on Monday.", Tense.PLANNED),
        ("The US will use the talks to raise its concerns, a senior US diplomat confirmed.", Tense.PLANNED),
        ("The United States pressed China to exert more pressure on North Korea.", Tense.DONE),
        ("The meeting was held a day after the tweet.", Tense.DONE),
        ("China has agreed to help.", Tense.DONE),
        ("He said they would meet.", Tense.OTHER),
        ("China is party to UN sanctions on North Korea.", Tense.OTHER),
    ],
)
def test_tense_tells_a_plan_from_an_event_that_happened(text: str, expected: Tense) -> None:
    assert tense(text) is expected


def article(id_: str, lead: str, published_at: str | None = None) -> Article:
    return Article(id=id_, text=lead, body=(Span(0, len(lead)),), published_at=published_at)


def sentence(article_id: str, index: int, text: str) -> Sentence:
    return Sentence(article_id=article_id, index=index, start=0, end=len(text), text=text)


def bundle_with(sentences: list[Sentence], articles: list[Article], close: list[tuple[int, int]]) -> Bundle:
    """Unrelated sentence vectors, except the pairs in `close` (cosine 0.8)."""
    vectors = np.eye(len(sentences), dtype=np.float32)
    for a, b in close:
        vectors[b] = 0.8 * vectors[a] + 0.6 * vectors[b]
    return Bundle.of(articles, sentences, vectors, TUNING.minilm)


def one_fact(members: list[Sentence], score: float) -> Fact:
    return Fact(members=tuple(members), representative=members[0], score=score)


def test_a_preview_a_report_tells_as_done_leaves_its_fact_and_the_report_words_it() -> None:
    preview, report = sentence("before", 1, PREVIEW), sentence("after", 1, REPORT)
    leads = [sentence("before", 0, PREVIEW_LEAD), sentence("after", 0, REPORT_LEAD)]
    articles = [article("before", PREVIEW_LEAD), article("after", REPORT_LEAD)]
    bundle = bundle_with([*leads, preview, report], articles, close=[(2, 3)])
    facts = [one_fact([preview, report], 0.9), one_fact(leads[:1], 0.5), one_fact(leads[1:], 0.4)]

    told = as_of_newest(bundle, facts)

    assert told[0].representative == report
    assert told[0].members == (report,)
    assert told[0].score == pytest.approx(0.9)


def test_a_preview_alone_in_its_fact_gives_way_and_its_score_to_the_report() -> None:
    preview, report = sentence("before", 1, PREVIEW), sentence("after", 1, REPORT)
    leads = [sentence("before", 0, PREVIEW_LEAD), sentence("after", 0, REPORT_LEAD)]
    articles = [article("before", PREVIEW_LEAD), article("after", REPORT_LEAD)]
    bundle = bundle_with([*leads, preview, report], articles, close=[(2, 3)])
    facts = [one_fact([preview], 0.9), one_fact(leads[:1], 0.6), one_fact([report], 0.3)]

    told = as_of_newest(bundle, facts)

    assert told[0].representative == report
    assert told[0].score == pytest.approx(0.9)
    assert told[0].supersedes == (preview,)
    assert all(preview not in f.members for f in told)


def test_without_dates_an_article_that_leads_with_a_plan_reports_nothing_as_done() -> None:
    """Its past-tense sentences were written before the event: background, not its outcome."""
    preview, background = sentence("first", 1, PREVIEW), sentence("second", 1, REPORT)
    leads = [sentence("first", 0, PREVIEW_LEAD), sentence("second", 0, PREVIEW_LEAD.replace("two", "both"))]
    articles = [article("first", leads[0].text), article("second", leads[1].text)]
    bundle = bundle_with([*leads, preview, background], articles, close=[(2, 3)])
    facts = [one_fact([preview, background], 0.9), one_fact(leads[:1], 0.5), one_fact(leads[1:], 0.4)]

    assert as_of_newest(bundle, facts) == facts


@pytest.mark.parametrize(
    ("preview_date", "report_date", "superseded"),
    [
        ("2017-06-20T08:00:00Z", "2017-06-21T22:00:00Z", True),
        ("2017-06-22T08:00:00+00:00", "2017-06-21T22:00:00+00:00", False),  # the "report" is older
        ("2017-06-21", "2017-06-21", False),  # not later
    ],
)
def test_with_dates_the_dates_say_which_report_is_later(
    preview_date: str, report_date: str, superseded: bool
) -> None:
    preview, report = sentence("a", 1, PREVIEW), sentence("b", 1, REPORT)
    # Both lead with a plan: without the dates, neither would count as the later report.
    leads = [sentence("a", 0, PREVIEW_LEAD), sentence("b", 0, PREVIEW_LEAD.replace("two", "both"))]
    articles = [article("a", leads[0].text, preview_date), article("b", leads[1].text, report_date)]
    bundle = bundle_with([*leads, preview, report], articles, close=[(2, 3)])
    facts = [one_fact([preview, report], 0.9), one_fact(leads[:1], 0.5), one_fact(leads[1:], 0.4)]

    told = as_of_newest(bundle, facts)

    assert (told[0].representative == report) is superseded


def test_a_plan_of_an_earlier_report_that_no_later_report_tells_stays() -> None:
    """An article that reports the event, and what is planned next, is not out of date because
    another report came later; only a later report of the plan itself supersedes it."""
    plan, other = sentence("first", 1, PREVIEW), sentence("second", 1, REPORT)
    leads = [sentence("first", 0, REPORT_LEAD), sentence("second", 0, REPORT_LEAD.replace("two", "both"))]
    articles = [
        article("first", leads[0].text, "2017-06-21T10:00:00Z"),
        article("second", leads[1].text, "2017-06-22T10:00:00Z"),
    ]
    bundle = bundle_with([*leads, plan, other], articles, close=[])  # about something else
    facts = [
        one_fact([plan], 0.9),
        one_fact([other], 0.6),
        one_fact(leads[:1], 0.5),
        one_fact(leads[1:], 0.4),
    ]

    assert as_of_newest(bundle, facts) == facts


def test_a_report_articles_own_plans_stay() -> None:
    """An article written after the event that says what will happen next is the newest news."""
    lead, plan = sentence("after", 0, REPORT_LEAD), sentence("after", 1, PREVIEW)
    bundle = bundle_with([lead, plan], [article("after", REPORT_LEAD)], close=[])
    facts = [one_fact([plan], 0.9), one_fact([lead], 0.5)]

    assert as_of_newest(bundle, facts) == facts


def test_a_sentence_an_outlet_repeats_is_neither_preview_nor_report() -> None:
    """Grouping absorbs an outlet's repeat of its own sentence into no fact."""
    preview, report = sentence("before", 1, PREVIEW), sentence("after", 1, REPORT)
    repeat = sentence("after", 2, REPORT.replace("met", "met again"))
    leads = [sentence("before", 0, PREVIEW_LEAD), sentence("after", 0, REPORT_LEAD)]
    articles = [article("before", PREVIEW_LEAD), article("after", REPORT_LEAD)]
    bundle = bundle_with([*leads, preview, repeat, report], articles, close=[(2, 3), (2, 4)])
    bundle.similarity[2, 3] = bundle.similarity[3, 2] = 0.95  # the repeat is the preview's closest
    facts = [one_fact([preview, report], 0.9), one_fact(leads[:1], 0.5), one_fact(leads[1:], 0.4)]

    told = as_of_newest(bundle, facts)

    assert told[0].representative == report
