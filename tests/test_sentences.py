"""Sentence splitting with offsets into the submitted text (summarizer/sentences.py)."""

from __future__ import annotations

from summarizer.clean import clean
from summarizer.sentences import split_sentences
from summarizer.types import ArticleInput, Sentence


def sentences_of(text: str) -> list[Sentence]:
    return split_sentences(clean(ArticleInput(id="a", text=text)))


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Gen. Joseph Dunford met U.S. officials on Jan. 5 in Washington. The talks lasted an hour."

    assert [s.text for s in sentences_of(text)] == [
        "Gen. Joseph Dunford met U.S. officials on Jan. 5 in Washington.",
        "The talks lasted an hour.",
    ]


def test_a_quotation_of_several_sentences_stays_whole() -> None:
    text = 'The minister spoke first. She said: "We will rebuild. We will not stop." Then she left.'

    assert [s.text for s in sentences_of(text)] == [
        "The minister spoke first.",
        'She said: "We will rebuild. We will not stop."',
        "Then she left.",
    ]


def test_a_dateline_is_not_part_of_the_sentence_and_offsets_skip_it() -> None:
    text = "WASHINGTON (Reuters) - The talks began on Wednesday."

    (sentence,) = sentences_of(text)

    assert sentence.text == "The talks began on Wednesday."
    assert text[sentence.start : sentence.end] == sentence.text


def test_a_sentence_said_twice_gets_the_offsets_of_each_occurrence() -> None:
    text = "The talks ended. Both sides spoke.\nThe talks ended."

    sentences = sentences_of(text)
    first, _, again = sentences

    assert (first.text, again.text) == ("The talks ended.", "The talks ended.")
    assert (first.start, again.start) == (0, text.rindex("The talks ended."))
    assert [s.index for s in sentences] == [0, 1, 2]


def test_a_clock_time_and_the_day_or_zone_after_it_stay_in_one_sentence() -> None:
    text = (
        "The boys were last seen around 1 p.m. Monday when they left the school. "
        "Polls close at 8 p.m. ET in most states. "
        "The meeting ended at 3 p.m. The mayor then left."
    )

    assert [s.text for s in sentences_of(text)] == [
        "The boys were last seen around 1 p.m. Monday when they left the school.",
        "Polls close at 8 p.m. ET in most states.",
        "The meeting ended at 3 p.m.",
        "The mayor then left.",
    ]


def test_a_zero_width_character_inside_a_word_shows_as_nothing() -> None:
    # A page's editor left zero-width spaces and a soft hyphen inside words; the page shows none.
    text = "The correspondent A\u200brwa Tellez spoke to three EMT\u200bs at the embassy gate to\u00adday."

    (sentence,) = sentences_of(text)

    assert sentence.text == "The correspondent Arwa Tellez spoke to three EMTs at the embassy gate today."
    assert (sentence.start, sentence.end) == (0, len(text))
