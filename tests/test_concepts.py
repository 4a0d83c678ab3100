"""Concepts and stems: what counts as the same content across outlets (summarizer/text/)."""

from __future__ import annotations

import pytest

from summarizer.text.concepts import concepts
from summarizer.text.overlap import content_stems
from summarizer.text.stem import stem


@pytest.mark.parametrize("written", ["Korea’s", "Korea's", "Korea’", "'Korea'"])
def test_a_possessive_or_a_quoting_mark_is_no_part_of_a_stem(written: str) -> None:
    assert stem(written.lower()) == stem("korea")


def test_outlets_that_write_the_possessive_share_the_concept_with_those_that_do_not() -> None:
    curly = concepts("North Korea’s missile tests alarmed Tokyo.")
    straight = concepts("North Korea's missile tests alarmed Tokyo.")
    plain = concepts("The missile tests of North Korea alarmed Tokyo.")

    assert ("north", "korea") in curly & straight & plain
    assert ("korea", "missil") in curly & straight


def test_the_letters_of_an_initialism_are_no_concepts() -> None:
    held = concepts("A U.S. official met the U.N. envoy.")

    assert not any(len(word) < 2 for pair in held for word in pair if word not in ("a", "i"))
    assert ("offici", "met") in held


def test_a_possessive_counts_as_the_content_word_it_is() -> None:
    assert content_stems("Hartwell’s budget") == content_stems("the budget of Hartwell")
