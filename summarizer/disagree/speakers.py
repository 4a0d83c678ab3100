"""Speakers: who is named as saying a quotation (next to its marks), or a sentence in reported speech.

A quotation is its own evidence of being the same statement wherever it sits, so quotations are
compared across the bundle; a reported statement only between two sentences about one fact.
The same words, near enough, said by someone else is a disagreement; "Jim" and "James" is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from summarizer.disagree.base import Aspect, Mention, Scope, SentenceText, content_words, excerpt
from summarizer.disagree.people import same_person, speaker
from summarizer.text.lexicon import QUOTE_VERBS
from summarizer.text.normalise import display_text
from summarizer.types import Detail

_QUOTE = re.compile(r"“(?P<curly>[^”]{12,})”|\"(?P<straight>[^\"]{12,})\"")
_NAME = r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*"
_DESCRIBED = r"(?:[a-z][\w-]*\s+){0,3}"  # "council member Tom Heller"
# A verb that introduces a quotation; "told" takes its listener ("told reporters").
_VERB = "|".join(sorted(QUOTE_VERBS - {"told"}))
_SAID = rf"(?:{_VERB}|told\s+\w+)"
_SAID_AFTER = re.compile(
    rf"[,.!?]?\s*(?:{_SAID}\s+{_DESCRIBED}(?P<name>{_NAME})|{_DESCRIBED}(?P<name2>{_NAME})\s+{_SAID})\b"
)
_SAID_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+{_SAID}[:,]?\s*$")
# Reported speech: "..., Tillerson said." or "Tillerson said ...".
_REPORTED = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:{_VERB})\b|,\s+{_DESCRIBED}(?P<name2>{_NAME})\s+(?:{_VERB})\W*$"
)


@dataclass(frozen=True)
class QuoteSpeaker(Mention):
    """The speaker of a quotation; `label` is the quotation, `words` the speaker's surname."""

    aspect: ClassVar[Aspect] = Aspect.QUOTE
    detail: ClassVar[Detail] = Detail.SPEAKER
    scope: ClassVar[Scope] = Scope.ANYWHERE

    first: str  # the speaker's first name
    said: frozenset[str]  # the content words of what was said

    def comparable(self, other: Mention) -> bool:
        if not super().comparable(other) or not isinstance(other, QuoteSpeaker):
            return False
        shorter, longer = sorted((self.said, other.said), key=len)
        return len(shorter & longer) >= 0.8 * len(shorter)

    def agrees(self, other: Mention) -> bool:
        return (
            isinstance(other, QuoteSpeaker)
            and self.words == other.words
            and same_person(self.first, other.first)
        )

    def what(self) -> str:
        return f"who said {self.label}"


@dataclass(frozen=True)
class ReportedSpeaker(QuoteSpeaker):
    """The person a sentence in reported speech attributes its claim to."""

    aspect: ClassVar[Aspect] = Aspect.REPORTED
    scope: ClassVar[Scope] = Scope.FACT

    def what(self) -> str:
        return f"who said “{self.label}”"


def find(text: SentenceText) -> list[Mention]:
    raw, base = text.raw, text.sentence.start
    found: list[tuple[type[QuoteSpeaker], re.Match[str], str, frozenset[str]]] = []
    for quote in _QUOTE.finditer(raw):
        said_words = content_words(quote["curly"] or quote["straight"])
        said = _SAID_AFTER.match(raw, quote.end())
        if said is None:
            said = _SAID_BEFORE.search(raw[: quote.start()])
        if said is not None and len(said_words) >= 3:
            found.append((QuoteSpeaker, said, display_text(quote.group()), said_words))
    if not found and (said := _REPORTED.search(raw)):
        claim = raw[: said.start()] if said["name2"] else raw[said.end() :]
        found.append((ReportedSpeaker, said, excerpt(display_text(claim)), content_words(claim)))
    mentions: list[Mention] = []
    for kind, said, label, said_words in found:
        group = "name" if said["name"] else "name2"
        person = speaker(said[group], base + said.start(group))
        if person is not None:
            mentions.append(
                kind(
                    sentence=text.sentence,
                    start=person.name_start,
                    end=person.end,
                    text=display_text(raw[person.name_start - base : person.end - base]),
                    subject=kind.aspect.value,
                    label=label,
                    words=frozenset({person.surname}),
                    first=person.first,
                    said=said_words,
                )
            )
    return mentions
