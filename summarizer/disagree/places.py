"""Places: where an event happened ("held in Helsinki"), one a sentence.

"In Helsinki" and "in the Finnish capital, Helsinki" agree; a place that names a person, a
possessive ("in Trump’s view") or a description ("in the Finnish capital") is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from summarizer.disagree.base import (
    LEADING,
    Aspect,
    Mention,
    Scope,
    SentenceText,
    comparable_words,
    excerpt,
    word,
    word_before,
)
from summarizer.disagree.people import is_person
from summarizer.text.lexicon import STOP_WORDS
from summarizer.text.normalise import display_text
from summarizer.types import Detail

_PLACE = re.compile(r"\bin\s+(?P<place>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?![\w’'])")


@dataclass(frozen=True)
class PlaceMention(Mention):
    aspect: ClassVar[Aspect] = Aspect.PLACE
    detail: ClassVar[Detail] = Detail.PLACE
    scope: ClassVar[Scope] = Scope.FACT

    before: str  # the content word it hangs on: "held" in "held in Helsinki"

    def comparable(self, other: Mention) -> bool:
        return (
            super().comparable(other)
            and isinstance(other, PlaceMention)
            and bool(self.before)
            and self.before == other.before
        )

    def agrees(self, other: Mention) -> bool:
        return (
            bool(self.words & other.words)
            or self.words <= comparable_words(other.sentence.text)
            or other.words <= comparable_words(self.sentence.text)
        )

    def what(self) -> str:
        return f"the place in “{excerpt(self.sentence.text)}”"


def find(text: SentenceText) -> list[Mention]:
    raw = text.raw
    places = [
        m
        for m in _PLACE.finditer(raw)
        if word(m["place"].split()[-1]) not in LEADING
        and not re.search(r"['’]s$", m["place"])  # "in Trump’s view"
        and not _modifies(raw, m.end())  # "in the Finnish capital": a description, not a name
        and not is_person(m["place"])
    ]
    if len(places) != 1:
        return []
    match = places[0]
    return [
        PlaceMention(
            sentence=text.sentence,
            start=text.sentence.start + match.start("place"),
            end=text.sentence.start + match.end("place"),
            text=display_text(match["place"]),
            subject="place",
            label="place",
            words=comparable_words(match["place"]) - {"the"},
            before=word_before(raw, match.start()),
        )
    ]


def _modifies(raw: str, end: int) -> bool:
    """Whether the capitalised words ending at `end` qualify a noun that follows them."""
    following = re.match(r"\s+([a-z]+)\b", raw[end:])
    return following is not None and following[1] not in STOP_WORDS
