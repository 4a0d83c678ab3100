"""Roles and titles: what outlets call a person, before the name and in apposition after it.

"Defense Secretary Jim Mattis" (a title) and "Fang Fenghui, chief of the Joint Staff Department"
(a role). Compared per person across the bundle: a spelling variant, an added detail ("PLA
General" and "General"), two offices one person may hold at once, or a former title is no
disagreement; "Treasury Secretary" and "Commerce Secretary" for one man is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar

from summarizer.disagree.base import Aspect, Mention, SentenceText, comparable_words, tokens
from summarizer.disagree.people import (
    APPOSITION,
    TIME_BOUND,
    PersonMention,
    nationality,
    people,
    people_in,
    person_mention,
    title_words,
)
from summarizer.text.lexicon import OFFICES, ROLE_HEADS
from summarizer.types import Detail

# Heads of a role in apposition ("..., vice-chairman of the Central Military Commission").
_ROLE_HEADS = OFFICES | ROLE_HEADS
_ROLE_OBJECT = re.compile(r"\b(of|for|at|with)\s+(?:the\s+)?([^\s].*?)(?=\s+(?:of|for|at|with)\s+|$)")


@dataclass(frozen=True)
class TitleMention(PersonMention):
    aspect: ClassVar[Aspect] = Aspect.TITLE
    detail: ClassVar[Detail] = Detail.ROLE

    def agrees(self, other: Mention) -> bool:
        """Titles that do not contradict: one adds to the other ("PLA General" and "General"), or
        they name different offices one person may hold at once ("Chairman" and "Rep.", "Premier"
        and "Prime Minister"). "Defense Secretary" and "Treasury Secretary" contradict each other.
        """
        a, b = self.words, other.words
        return a <= b or b <= a or not a & b & OFFICES


@dataclass(frozen=True)
class RoleMention(PersonMention):
    aspect: ClassVar[Aspect] = Aspect.ROLE
    detail: ClassVar[Detail] = Detail.ROLE

    slots: tuple[tuple[str, frozenset[str]], ...]  # the role's "of ..."/"at ..." objects, in order

    @property
    def fullness(self) -> int:
        return len(self.words) + sum(len(w) for _, w in self.slots)

    def agrees(self, other: Mention) -> bool:
        """Same head ("chief") and, for each preposition both use, objects one of which extends the other.

        "chief of joint staff of the PLA" is "chief of the Joint Staff Department of the PLA"
        shortened; "chief of state of the PLA" is another office. "professor of economics" and
        "professor at Harvard" each add a detail the other omits.
        """
        if not isinstance(other, RoleMention):
            return False
        if not (self.words <= other.words or other.words <= self.words):
            return False
        for prep in {p for p, _ in self.slots} & {p for p, _ in other.slots}:
            left = [w for p, w in self.slots if p == prep]
            right = [w for p, w in other.slots if p == prep]
            if not (_extends(left, right) or _extends(right, left)):
                return False
        return True


def find(text: SentenceText) -> list[Mention]:
    """Each named person's title before the name, and role in apposition after it."""
    raw, base = text.raw, text.sentence.start
    mentions: list[Mention] = []
    for person in people_in(text):
        title = title_words(person.title)
        if title & OFFICES:
            start, end = person.title[0].start, person.title[-1].end
            mentions.append(person_mention(TitleMention, person, text, start, end, words=title))
        role = APPOSITION.match(raw, person.end - base)
        parts = _role(role) if role else None
        if role and parts is not None:
            role_text, head, slots = parts
            start = base + role.start("role")
            end = start + len(role_text)
            mention = person_mention(RoleMention, person, text, start, end, words=head, slots=slots)
            if head & TIME_BOUND:  # "the incoming chairman of ..."
                mention = replace(mention, bound=True)
            mentions.append(mention)
    return mentions


def _role(match: re.Match[str]) -> tuple[str, frozenset[str], tuple[tuple[str, frozenset[str]], ...]] | None:
    """A role's text, the words of its head ("vice chair") and its objects ("of" Central Military
    Commission), or None when the apposition is no role."""
    role = match["role"]
    if role.endswith(".") and not re.search(r"(?:\b[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|Bros)\.)$", role):
        role = role[:-1]  # the sentence's full stop, not an abbreviation's
    head_end = match.end("head") - match.start("role")
    head = comparable_words(role[:head_end]) - {"a", "an", "the"}
    if not head & _ROLE_HEADS:
        return None
    if any(person.title for person in people(tokens(role[head_end:], 0))):
        return None  # "Yang Jiechi, Secretary of State Rex Tillerson and ...": a list of people
    slots = tuple(
        (prep, comparable_words(obj) - {"the", "a", "an", "and", "of"})
        for prep, obj in _ROLE_OBJECT.findall(role[head_end:].strip())
    )
    return role, frozenset(w for w in head if w in _ROLE_HEADS or not nationality(w)), slots


def _extends(short: list[frozenset[str]], long: list[frozenset[str]]) -> bool:
    """Each of `short`'s objects is within one of `long`'s, in order."""
    position = 0
    for objects in short:
        while position < len(long) and not (objects <= long[position] or long[position] <= objects):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True
