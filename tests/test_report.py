"""Sentences that are no report, datelines, page notices and articles about another story."""

from __future__ import annotations

import numpy as np
import pytest

from summarizer.screen import screen_other_stories
from summarizer.sentences import split_sentences
from summarizer.text.boilerplate import DATELINE, NOISE_SENTENCE
from summarizer.text.report import not_a_report
from summarizer.types import Article, Sentence, Span


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("I spent 5 hours with Alan as our guide and cannot rave enough about it.", "voice"),
        ("We used Heritrix crawler software and respected robots.txt directives.", "voice"),
        ("Just fill in your contact details in the form below to join the mailing list.", "reader"),
        ("You can unsubscribe at any time.", "reader"),
        ("Look at the replay from side on.", "reader"),
        ("Watch Colbert's trip to Russia in the clip.", "reader"),
        ("What will everyone be talking about on Monday?", "question"),
        ("Vasiliades' lawyer released the following statement:", "lead-in"),
        ("cation of certain information Via Executive Order).", "fragment"),
        ("provided to the Committee in connection with its oversight activities (the ?", "fragment"),
        (", which sold for $9 million in November, was the backdrop.", "fragment"),
        ("Less data-sharing among firms can actually lead to more collusion, economists ...", "teaser"),
        ("4. HALF A MILLION MICE CALL THE HARBOUR TUNNELS HOME.", "heading"),
        ("COUPLES ARE SPENDING MORE ON THE PARTY AND LESS ON THE CEREMONY", "heading"),
    ],
)
def test_what_is_no_report(text: str, why: str) -> None:
    assert not_a_report(text) is not None, why


@pytest.mark.parametrize(
    "text",
    [
        '"We will not back down," the mayor said on Tuesday.',
        "“I need to know where I come from,” said Trinh Tran, 46, who searched for her G.I. father.",
        "‘As a maker of children’s products, safety is our top priority,’ the company said.",
        "Sen. Bernie Sanders (I-Vt.) was the lone Democratic hopeful in the chamber.",
        "The US and China met in Washington on Wednesday.",
        "The premiere of How to Train Your Dragon 2 was interrupted.",
        "iPhone sales fell 10 percent in the quarter.",
        "World War I ended in 1918.",
        "Looking ahead, the council will vote in May.",
        "See's Candies said sales rose.",
        'Bundy said, "I don\'t know how to talk about these ethnic groups. ..."',
        "NASA and the U.S. Air Force launched the GPS III satellite from Cape Canaveral.",
        '"WE WILL NOT LEAVE," the protesters chanted outside the city hall.',
    ],
)
def test_reports_and_quoted_voices_are_reports(text: str) -> None:
    assert not_a_report(text) is None


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("WASHINGTON (Reuters) - The talks began.", "WASHINGTON (Reuters) - "),
        ("PALO ALTO -- At least 10 jurors refused.", "PALO ALTO -- "),
        ("DETROIT, MI -- The plant closed.", "DETROIT, MI -- "),
        ("STORRS, Conn. (WTNH) — Eight people were arrested.", "STORRS, Conn. (WTNH) — "),
        ("Washington (CNN) Vermont Sen. Bernie Sanders spoke.", "Washington (CNN) "),
        ("(HealthDay)—A little jogging is good for the heart.", "(HealthDay)—"),
        ("— A worldwide church could soon change its policies.", "— "),
        ("Email This Even at 88, the actor has the ambition of a 20-something!", "Email This "),
        ("UPDATE: The harbour reopened on Sunday.", "UPDATE: "),
        ("Breaking News: The harbour reopened on Sunday.", "Breaking News: "),
    ],
)
def test_a_dateline_is_trimmed(text: str, dateline: str) -> None:
    match = DATELINE.match(text)
    assert match is not None and match.group() == dateline


@pytest.mark.parametrize(
    "text",
    [
        "U.S.-Russian tensions rose.",
        "NASA said on Monday it would wait.",
        "Michael Kors (KORS) shares fell.",
        "Adds Okafor: “The ferry will sail.”",
        "OKAFOR: The ferry will sail again in May.",
        "NASA: a budget in numbers.",
    ],
)
def test_a_lead_without_a_dateline_is_left_whole(text: str) -> None:
    assert DATELINE.match(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "These crawls are part of an effort to archive pages as they are created.",
        "Crawl of outlinks from wikipedia.org started March, 2016.",
        "Tom Williams/Getty Images Rep. Jackie Speier will host a reading.",
        "| AP Photo Trump picks Gorsuch for Supreme Court.",
        "For a full recap of the night's big winners, click here.",
        "89 Comments Sorry, comments for this post are now closed.",
        "The 2017 guidelines are also provided below for reference.",
        "Below, the six revelations the redacted portions were meant to conceal.",
        "This story first appeared in the Aug. 23-Sept.",
        "Details on her plans for the dance show after the jump!",
        "This story has been corrected to show the ferry sailed from Harlow, not Harlaw.",
        "Correction: An earlier version of this article misstated the mayor's title.",
        "Jane Doyle Jane Mary DoyleDoyle opens bakery in Leeds Council backs new ferry MORE praised the port "
        "workers on Monday.",
    ],
)
def test_page_notices_are_no_sentences(text: str) -> None:
    assert NOISE_SENTENCE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "Police said the pub crawl ended in a brawl on Main Street.",
        "Temperatures stayed below freezing for a week.",
        "The river rose above its banks on Sunday.",
        "Below most volcanoes, Earth packs some serious deep heat.",
        "Jane Doyle told Jane's friend Doyle would need more time.",
        "An earlier version of the ferry was retired in 1990.",
        "Jane Doyle thanked Jane Mary Doyle, her aunt, and said she wanted MORE for the port.",
    ],
)
def test_news_with_words_a_page_uses_is_news(text: str) -> None:
    assert not NOISE_SENTENCE.search(text)


def test_the_splitter_leaves_out_what_is_no_report() -> None:
    text = "PALO ALTO -- The jurors refused to serve. I spent 5 hours there. You can unsubscribe at any time."
    article = Article(id="a", text=text, body=(Span(0, len(text)),))
    [sentence] = split_sentences(article)
    assert sentence.text == "The jurors refused to serve."
    assert text[sentence.start : sentence.end] == sentence.text


def _sentences(article: str, n: int) -> list[Sentence]:
    return [Sentence(article, i, i * 10, i * 10 + 5, f"{article} {i}") for i in range(n)]


def test_an_article_about_another_story_is_screened_out() -> None:
    story, other = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    sentences = _sentences("a", 6) + _sentences("b", 5) + _sentences("c", 2)
    vectors = np.array([story] * 11 + [other] * 2)
    kept = screen_other_stories(sentences, vectors, off_topic=0.2, stray_length_ratio=2.0)
    assert {sentences[i].article_id for i in kept} == {"a", "b"}


def test_of_two_articles_about_different_things_only_a_much_shorter_one_goes() -> None:
    story, other = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    long_and_short = _sentences("a", 6) + _sentences("b", 2)
    kept = screen_other_stories(long_and_short, np.array([story] * 6 + [other] * 2), 0.2, 2.0)
    assert {long_and_short[i].article_id for i in kept} == {"a"}
    alike_in_length = _sentences("a", 4) + _sentences("b", 3)
    kept = screen_other_stories(alike_in_length, np.array([story] * 4 + [other] * 3), 0.2, 2.0)
    assert len(kept) == 7  # no way to tell which is the story: both stay
