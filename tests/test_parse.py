"""Sentence parses: many at once give what one at a time gives, and only so many are kept."""

from __future__ import annotations

import pytest

from summarizer.text import parse

SENTENCES = [
    "Tillerson and Mattis hosted Yang Jiechi at the State Department on Wednesday.",
    "The talks will resume next week in Beijing.",
    "Officials said the plant was closed.",
]


def test_parsing_together_gives_each_sentence_its_own_parse_in_order() -> None:
    together = parse.parse_all([*SENTENCES, SENTENCES[0]])

    assert [doc.text for doc in together] == [*SENTENCES, SENTENCES[0]]
    assert together[0] is together[3]  # a text is parsed once
    for doc, text in zip(together, SENTENCES, strict=False):
        alone = parse._nlp()(text)
        assert [(t.dep_, t.head.i, t.ent_type_) for t in doc] == [
            (t.dep_, t.head.i, t.ent_type_) for t in alone
        ]


def test_only_the_most_recent_parses_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse, "PARSES_KEPT", 2)
    first = parse.parse("A sentence seen long ago.")
    parse.parse_all(["Another sentence.", "A third sentence."])

    assert parse.parse("A sentence seen long ago.") is not first
    assert parse.parse("A third sentence.") is parse.parse("A third sentence.")
