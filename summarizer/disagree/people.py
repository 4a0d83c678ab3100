"""People in a sentence: runs of capitalised words that end in a name, split into title and name.

"Defense Secretary Jim Mattis" is a title ("Defense Secretary") and a name; "Kim Jong Un" is a
name alone; a lone capitalised word is a name only after a title. First names that can name one
person ("Jim" and "James") are told apart from those that cannot.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

from summarizer.disagree.base import LEADING, Mention, Scope, SentenceText, Token, tokens, word
from summarizer.text.lexicon import MONTHS, OFFICES, STOP_WORDS, WEEKDAYS, lines, words
from summarizer.text.normalise import display_text

# A title that may be someone's past or future one: comparing it with today's says nothing.
TIME_BOUND = words("time_bound")
_HONORIFICS = words("honorifics")
_PARTIES = words("parties")
_COUNTRY_CODES = words("country_codes")
_US_STATES = words("us_states")  # whose a title is, not what it is: "Virginia Rep." is a "Rep."
# Capitalised words that are not part of a person's name.
_NOT_NAMES = STOP_WORDS | frozenset(WEEKDAYS) | frozenset(MONTHS) | words("institution_words")
_NICKNAME = {name: frozenset(group.split()) for group in lines("nicknames") for name in group.split()}
# A role in apposition after a name: "Fang Fenghui, chief of the Joint Staff Department of ...". A
# lower-case object only after "of", and only one or two words ("of state", "of joint staff"), so
# the role ends before "... for the talks".
_CAPS = r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'.&-]*)*"
_OBJECT = rf"(?:\s+(?:of|for|at|with)\s+(?:the\s+)?{_CAPS}|\s+of\s+[a-z]+(?:\s+[a-z]+(?=\s+of\s))?)"
APPOSITION = re.compile(
    rf",\s+(?P<role>(?:(?:a|an|the)\s+)?(?:(?!who\b|which\b|that\b|is\b|was\b|said\b|and\b)[\w’'.-]+\s+){{0,3}}?"
    rf"(?P<head>[\w-]+){_OBJECT}+)"
)


@dataclass(frozen=True)
class Person:
    first: str
    surname: str
    label: str
    start: int  # the title's first character when there is one, else the name's
    name_start: int
    end: int  # just past the name
    title: tuple[Token, ...]
    time_bound: bool


@dataclass(frozen=True)
class PersonMention(Mention):
    """A detail of one person (title, role, age): compared with that person's across the bundle."""

    scope: ClassVar[Scope] = Scope.PERSON

    first: str  # the person's first name, for telling apart two people of one surname
    bound: bool  # "former", "then-", "acting": not comparable with a current detail

    @property
    def time_bound(self) -> bool:
        return self.bound


M = TypeVar("M", bound=PersonMention)


def person_mention(
    kind: type[M], person: Person, text: SentenceText, start: int, end: int, **fields: Any
) -> M:
    """A mention of `person`'s detail at `[start, end)` of the sentence's article text."""
    base = text.sentence.start
    return kind(
        sentence=text.sentence,
        start=start,
        end=end,
        text=display_text(text.raw[start - base : end - base]),
        subject=person.surname,
        label=person.label,
        first=person.first,
        bound=person.time_bound,
        **fields,
    )


@lru_cache(maxsize=64)
def people_in(text: SentenceText) -> tuple[Person, ...]:
    return tuple(people(text.tokens))


def people(found: Sequence[Token]) -> list[Person]:
    """Runs of capitalised words that end in a name, split into title and name."""
    result: list[Person] = []
    i = 0
    while i < len(found):
        if not found[i].capital:
            i += 1
            continue
        j = i
        # Join "Secretary of State", "Minister for Foreign Affairs": lower-case links between capitals.
        while j + 1 < len(found) and (
            found[j + 1].capital
            or (
                found[j + 1].text in ("of", "for")
                and word(found[j].text) in OFFICES
                and j + 2 < len(found)
                and found[j + 2].capital
            )
        ):
            j += 1 + (not found[j + 1].capital)
        person = _split_run(found[i : j + 1], found[i - 1] if i else None)
        if person is not None:
            result.append(person)
        i = j + 1
    return result


def speaker(name: str, at: int) -> Person | None:
    """The person in "Mayor Ana Ruiz" or "Ruiz"; None for "the State Department" or "Reuters"."""
    found = tokens(name, at)
    named = people(found)
    if named:
        return named[-1]
    last = found[-1] if found else None
    if last is None or not name_like(last) or len(found) > 1:
        return None
    return Person("", word(last.text), last.text, last.start, last.start, last.end, (), False)


def same_person(a: str, b: str) -> bool:
    """First names that can name one person: "Jim" and "James", "J" and "John", or one unknown."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in _NICKNAME.get(a, frozenset())


def name_like(token: Token) -> bool:
    plain = word(token.text)
    return (
        token.text[0].isupper()
        and any(c.islower() for c in token.text)
        and not any(c.isdigit() for c in token.text)
        and not plain.endswith("-old")  # "Twenty-eight-year-old Geraldine Alcorn"
        and plain not in OFFICES
        and plain not in _NOT_NAMES
        and plain not in _HONORIFICS
    )


def nationality(token: str) -> bool:
    """ "US", "Chinese", "China’s", "PLA": who a title belongs to, not what the title is."""
    plain = word(token)
    return (
        plain in _COUNTRY_CODES
        or token.isupper()
        or bool(re.search(r"(?:an|ese|ish|ch|i)$", plain))
        or bool(re.search(r"['’]s$", token))
    )


def title_words(title: Sequence[Token]) -> frozenset[str]:
    """A title as compared: offices and the departments named with them, not whose they are."""
    found = set()
    for token in title:
        for part in re.split(r"-", token.text):
            plain = word(part)
            if not plain or plain in ("of", "for") or plain in _HONORIFICS or plain in _PARTIES:
                continue
            if plain not in OFFICES and (nationality(part) or plain in _US_STATES):
                continue
            found.add(plain)
    return frozenset(found)


def is_person(text: str) -> bool:
    """Whether a run of capitals names a person (a place does not)."""
    return bool(people(tokens(text, 0)))


def _split_run(run: Sequence[Token], before: Token | None) -> Person | None:
    name: list[Token] = []
    names = 0
    for token in reversed(run):
        initial = bool(name) and re.fullmatch(r"[A-Z]\.", token.text) is not None  # "Donald J. Trump"
        if not initial and (names == 2 or not name_like(token)):
            break
        name.insert(0, token)
        names += not initial
    if len(run) == 3 and len(name) == 2 and name_like(run[0]):
        name = list(run)  # "Kim Jong Un": three names and no title
    title = run[: len(run) - len(name)]
    if not name or (names == 1 and not any(word(t.text) in OFFICES for t in title)):
        return None  # a lone capitalised word is a name only after a title
    surname = word(name[-1].text)
    first = word(name[0].text) if len(name) > 1 else ""
    while title and word(title[0].text) in LEADING:
        title = title[1:]  # sentence-initial words: "On Tuesday Defense Secretary ..."
    time_bound = before is not None and (
        word(before.text) in TIME_BOUND or before.text.lower().startswith(("then-", "ex-", "former"))
    )
    time_bound |= any(word(t.text) in TIME_BOUND or "-elect" in t.text.lower() for t in title)
    label = " ".join(t.text for t in name)
    return Person(
        first=first,
        surname=surname,
        label=re.sub(r"['’]s$", "", label),
        start=(title[0] if title else name[0]).start,
        name_start=name[0].start,
        end=name[-1].end,
        title=tuple(title),
        time_bound=time_bound,
    )
