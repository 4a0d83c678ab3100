"""Days and dates: the weekday or date an event happened on ("on Wednesday", "June 21").

A day is an event's only next to the same words ("arrested on Sunday" is not "the attack late
Saturday"), and the day something was said is not the day it happened. Two days in one sentence
leave it unknown which is the event's, so neither is read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from summarizer.disagree.base import Aspect, Mention, Scope, SentenceText, word_before
from summarizer.text.lexicon import MONTHS, REPORTING_VERBS, WEEKDAYS
from summarizer.types import Detail

_DAY = re.compile(r"\b(?P<day>" + "|".join(WEEKDAYS) + r")\b(?!s)", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:(?P<month>" + "|".join(m.capitalize() for m in MONTHS) + r")\.?\s+(?P<day>\d{1,2})(?!\d)"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>" + "|".join(m.capitalize() for m in MONTHS) + r"))\b"
)
_SAID = re.compile(r"\b(?:" + "|".join(sorted(REPORTING_VERBS)) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class DayMention(Mention):
    aspect: ClassVar[Aspect] = Aspect.DAY
    detail: ClassVar[Detail] = Detail.DATE
    scope: ClassVar[Scope] = Scope.EVENT_ON_A_DAY

    before: str  # the content word it hangs on: "arrested" in "arrested on Sunday"
    said: bool  # it dates a statement ("said on Monday"), not the event

    def comparable(self, other: Mention) -> bool:
        return (
            super().comparable(other)
            and isinstance(other, DayMention)
            and bool(self.before)
            and self.before == other.before
            and self.said == other.said
        )


@dataclass(frozen=True)
class DateMention(DayMention):
    aspect: ClassVar[Aspect] = Aspect.DATE


def find(text: SentenceText) -> list[Mention]:
    raw, base = text.raw, text.sentence.start
    found: list[Mention] = []
    for kind, matches in ((DayMention, list(_DAY.finditer(raw))), (DateMention, list(_DATE.finditer(raw)))):
        if len(matches) != 1:
            continue  # two days in one sentence: which one is the event's is anyone's guess
        match = matches[0]
        day = (
            match["day"].lower()
            if kind is DayMention
            else f"{(match['month'] or match['month2']).lower()} {int(match['day'] or match['day2'])}"
        )
        found.append(
            kind(
                sentence=text.sentence,
                start=base + match.start(),
                end=base + match.end(),
                text=match.group(),
                subject=kind.aspect.value,
                label=kind.aspect.value,
                words=frozenset({day}),
                before=word_before(raw, match.start()),
                said=bool(_SAID.search(raw[max(0, match.start() - 30) : match.start()])),
            )
        )
    return found
