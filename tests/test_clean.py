"""Cleaning: page noise is left out of the article body, story sentences are all kept (summarizer/clean.py)."""

from __future__ import annotations

import pytest

from summarizer.clean import clean
from summarizer.sentences import split_sentences
from summarizer.types import ArticleInput

# A page as pasted from a news site, with the kinds of noise the seed articles carry: widgets,
# a headline and deck, a caption printed twice, a credit line under a caption, a byline, and
# a credit and a sign-up prompt run into the last paragraph.
PAGE = """Advertisement
Harbour News
City Desk

Ferry service resumes after storm

Operators say the timetable will be back to normal by Friday

Reading Time:2 minutes
Why you can trust Harbour News
Select Voice
Choose your listening speed
Get through articles 3x faster
1.1x
250 WPM
Slow
Average
Fast
Listen Live
A ferry leaves the north pier on Tuesday morning. Photo: Harbour News
A ferry leaves the north pier on Tuesday morning. Photo: Harbour News
Mara Quist

Ferry crossings between the north and south piers resumed on Tuesday after a two-day halt caused by the storm.
Passengers queue at the south pier.
(STR/AFP/Getty Images)
The harbour authority said 14 of its 16 routes were running again. Crews worked overnight to clear debris from the channel.
Advertisement

Staff writer Ben Ode contributed to this report. Sign up for our morning newsletter to get the day's stories.
Copyright 2026 Harbour News. All rights reserved.
"""
STORY = [
    "Ferry crossings between the north and south piers resumed on Tuesday after a two-day halt caused by the storm.",
    "The harbour authority said 14 of its 16 routes were running again.",
    "Crews worked overnight to clear debris from the channel.",
]


def test_page_noise_is_left_out_and_every_story_sentence_is_kept() -> None:
    sentences = split_sentences(clean(ArticleInput(id="harbour", text=PAGE)))

    assert [s.text for s in sentences] == STORY


def test_cleaning_never_rewrites_the_text_so_offsets_point_into_what_was_sent() -> None:
    article = clean(ArticleInput(id="harbour", text=PAGE))

    assert article.text == PAGE
    assert [PAGE[s.start : s.end] for s in split_sentences(article)] == STORY


def test_a_story_paragraph_above_an_image_embed_is_kept() -> None:
    # An embed line carries its own caption; the paragraph above it is not one (a seed article
    # lost its sentence on sanctions against Chinese entities this way).
    text = (
        "Crews cleared the channel overnight, the harbour authority said.\n\n"
        "gettyimages 692347866 A ferry at the north pier\n\n"
        "The first ferry left at 6 a.m. on Tuesday."
    )

    sentences = split_sentences(clean(ArticleInput(id="harbour", text=text)))

    assert [s.text for s in sentences] == [
        "Crews cleared the channel overnight, the harbour authority said.",
        "The first ferry left at 6 a.m. on Tuesday.",
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The Associated Press contributed to this report.",
        "Staff writers Bill Laitner and Robert Allen contributed to this report.",
        "Courant reporter Kathleen Megan contributed to this story.",
        "Jane Doe contributed reporting from Omaha.",
        "--------- Sign up for Denver7 email alerts to stay informed about breaking news.",
        "Download the Us Weekly iPhone app now!",
        "Want to add to this story?",
        "Let us know in the comments or send an email to the author.",
    ],
)
def test_credits_and_calls_to_action_are_noise(sentence: str) -> None:
    assert paragraph_ending_with(sentence) == [LEAD]


@pytest.mark.parametrize(
    "sentence",
    [
        "Scientists who contributed to the report said the ice is melting faster.",
        "He signed up for the army in 1990, his brother said.",
        "Users can download the app from Monday, the company said.",
        "The mayor wants to add two lines to the tram network.",
    ],
)
def test_news_sentences_that_share_their_words_are_not_noise(sentence: str) -> None:
    assert paragraph_ending_with(sentence) == [LEAD, sentence]


LEAD = "The ferry resumed service on Monday after the storm."


def paragraph_ending_with(sentence: str) -> list[str]:
    """The sentences of a one-paragraph article: a story sentence, then `sentence` run into it."""
    article = clean(ArticleInput(id="a", text=f"{LEAD} {sentence}"))
    return [s.text for s in split_sentences(article)]
