"""Figures: counts, amounts and percentages ("five nuclear tests", "$5 million"), and ages.

A count is compared only with another outlet's count of the same noun, in the same time frame,
next to the same word ("killed 12" is not "injured 15"). A hedge admits the figures it names
("nearly 10" and "9" agree). An age belongs to a person and is compared per person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from summarizer.disagree.base import (
    Aspect,
    Mention,
    Scope,
    SentenceText,
    anchors,
    excerpt,
    owner_before,
    word,
    word_before,
)
from summarizer.disagree.people import APPOSITION, PersonMention, people_in, person_mention
from summarizer.text.normalise import display_text
from summarizer.text.numbers import AGE_AFTER_NAME, AGE_BEFORE_NAME, figures, value
from summarizer.text.stem import stem
from summarizer.types import Detail

_LOWER_BOUNDS = ("more", "over", "at least", "upwards", "just over")
_UPPER_BOUNDS = ("nearly", "almost", "fewer", "less", "under", "up to", "as many", "at most", "just under")
# What a figure covers: the same count "since last year" and "in total" are different figures, and
# so are tariffs "in July" and "in September", or "another $200 billion" and "$34 billion".
_FRAME = re.compile(
    r"\b(?:since|so\s+far|to\s+date|this\s+(?:year|month|week|season|decade)|"
    r"last\s+(?:year|month|week|season|decade)|(?:in|over|during|within)\s+the\s+(?:past|last|first|next)\b|"
    r"in\s+(?:19|20)\d\d|(?:a|per|each|every)\s+(?:day|week|month|year)|annually|daily|weekly|monthly|"
    r"yearly|a\s+total|in\s+all|(?:19|20)\d\d|quarter|half|per\s+\w+|"
    r"(?:in|since|by|until)\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)|(?:another|additional|further|extra)(?=\s+\$?\d))\b",
    re.IGNORECASE,
)
_YEAR_OLD = re.compile(AGE_BEFORE_NAME.pattern + r"\s+$", re.IGNORECASE)  # just before the name


def _overlap(a_low: float, a_high: float, b_low: float, b_high: float) -> bool:
    return a_high >= b_low and b_high >= a_low


@dataclass(frozen=True)
class CountMention(Mention):
    aspect: ClassVar[Aspect] = Aspect.COUNT
    detail: ClassVar[Detail] = Detail.NUMBER
    scope: ClassVar[Scope] = Scope.OCCASION

    low: float  # the figures it admits: exact, or widened by its hedge ("nearly 10" is 0-10)
    high: float
    frame: frozenset[str]  # the time frame it covers ("since", "this year")
    context: frozenset[str]  # the content words around it, to tell events apart
    before: str  # the content word just before it: "killed" in "killed 12"
    owner: str  # whose it is: "his" in "his bond was set at $200,000"

    def comparable(self, other: Mention) -> bool:
        if not super().comparable(other) or not isinstance(other, CountMention):
            return False
        if self.subject != other.subject or self.frame != other.frame:
            return False  # another noun, or another time frame ("since last year", "this month")
        if self.words and other.words and not self.words & other.words:
            return False  # "Chinese companies" and "American companies" are two counts
        if self.owner and other.owner:  # his bond and her bond are two figures; Hale's and Hale's one
            return self.owner == other.owner and bool(self.context & other.context)
        if self.before and other.before:  # "killed 12 people" is not "injured 15 people"
            return self.before == other.before
        # No noun to align "$5 million" or "10 percent" by: the verb before must be the same.
        return self.subject not in ("dollar", "percent") and bool(self.context & other.context)

    def agrees(self, other: Mention) -> bool:
        return isinstance(other, CountMention) and _overlap(self.low, self.high, other.low, other.high)

    def what(self) -> str:
        if self.subject in ("dollar", "percent"):
            amount = "amount" if self.subject == "dollar" else "percentage"
            return f"the {amount} in “{excerpt(self.sentence.text)}”"
        return f"number of {self.label}"


@dataclass(frozen=True)
class AgeMention(PersonMention):
    aspect: ClassVar[Aspect] = Aspect.AGE
    detail: ClassVar[Detail] = Detail.NUMBER

    years: float

    def agrees(self, other: Mention) -> bool:
        return isinstance(other, AgeMention) and self.years == other.years


def find(text: SentenceText) -> list[Mention]:
    """Every person's age ("Smith, 45," or "45-year-old Smith"), then every count of the sentence."""
    return [*_ages(text), *_counts(text)]


def _ages(text: SentenceText) -> list[Mention]:
    raw, base = text.raw, text.sentence.start
    found: list[Mention] = []
    for person in people_in(text):
        after = person.end - base
        if APPOSITION.match(raw, after):
            continue  # a role follows the name, not an age
        age = AGE_AFTER_NAME.match(raw, after) or _YEAR_OLD.search(raw, 0, person.name_start - base)
        if age is not None and 0 < (years := value(age["age"])) < 120:
            start, end = base + age.start("age"), base + age.end("age")
            found.append(person_mention(AgeMention, person, text, start, end, words=frozenset(), years=years))
    return found


def _counts(text: SentenceText) -> list[Mention]:
    raw, sentence, base = text.raw, text.sentence, text.sentence.start
    frame = frozenset(re.sub(r"\s+", " ", f.lower()) for f in _FRAME.findall(raw))
    found: list[Mention] = []
    for figure in figures(raw):
        match, noun, noun_end = figure.match, list(figure.noun), figure.noun_end
        if match["dollar"]:
            head, phrase = "dollar", []
        elif match["percent"]:
            head, phrase = "percent", noun
        elif noun:
            head, phrase = stem(word(noun[-1])), noun[:-1]
        else:
            continue
        hedge = figure.hedge
        low, high = _range(figure.value, hedge["hedge"].lower() if hedge else "")
        start = base + (hedge.start() if hedge else match.start())
        end = base + (noun_end if noun and not match["dollar"] else match.end())
        found.append(
            CountMention(
                sentence=sentence,
                start=start,
                end=end,
                text=display_text(raw[start - base : end - base]),
                subject=head,
                label=" ".join(noun) or head,
                words=frozenset(word(w) for w in phrase),
                low=low,
                high=high,
                frame=frame,
                context=anchors(raw, (hedge or match).start(), noun_end if noun else match.end()),
                before=word_before(raw, (hedge or match).start()),
                owner=owner_before(raw, (hedge or match).start()),
            )
        )
    return found


def _range(figure: float, hedge: str) -> tuple[float, float]:
    """The figures a hedged one admits: "nearly 10" admits 9, "more than 10" admits 11."""
    hedge = " ".join(hedge.split())
    if hedge.startswith(_LOWER_BOUNDS):
        return figure, float("inf")
    if hedge.startswith(_UPPER_BOUNDS):
        return 0.0, figure
    if hedge:  # about, around, roughly, some, an estimated
        return figure * 0.8, figure * 1.25
    return figure, figure
