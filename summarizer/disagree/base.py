"""What every kind of detail shares: a sentence's tokens, words as compared, and the mention.

A mention is one detail as one outlet states it, located by offsets into its article's text.
Each kind of detail (roles and titles, figures, days and dates, places, speakers) subclasses
`Mention` and answers the same three questions: is another mention about the same thing
(`comparable`), can both be true (`agrees`), and what is it, for a reader (`what`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cached_property
from typing import ClassVar

from summarizer.text.lexicon import CARDINALS, MONTHS, STOP_WORDS, TENS, WEEKDAYS, lines, words
from summarizer.text.numbers import HEDGE_BEFORE
from summarizer.text.stem import stem
from summarizer.types import Citation, Detail, Sentence

# British and American spellings, and the abbreviations and synonyms of titles, read as one word.
_SAME_WORD = dict(line.split() for line in lines("same_words"))
_TIME_UNITS = frozenset(stem(unit) for unit in words("time_units"))
# Words capitalised only because they open the sentence: "On Tuesday Defense Secretary ...".
LEADING = STOP_WORDS | frozenset(WEEKDAYS) | frozenset(MONTHS) | {"early", "late"}
# "Gen." and "U.S." are tokens; so are "Jong-un", "People’s", "22-year-old" and each punctuation mark.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|[\w’'][\w’'-]*|[^\w\s]")


class Aspect(StrEnum):
    """What about its subject a mention states."""

    TITLE = "title"
    ROLE = "role"
    AGE = "age"
    COUNT = "count"
    DAY = "day"
    DATE = "date"
    QUOTE = "quote"
    REPORTED = "reported"
    PLACE = "place"


class Scope(Enum):
    """Which mentions of one aspect are compared with each other."""

    PERSON = "one person's, across the bundle"
    OCCASION = "two sentences about one fact, on the same day"
    EVENT_ON_A_DAY = "two sentences about one fact, agreeing on its figures"
    FACT = "two sentences about one fact"
    ANYWHERE = "anywhere in the bundle"


def word(token: str) -> str:
    """A token as compared: lower case, no accents, no possessive, no dots, one spelling."""
    plain = re.sub(r"['’]s$", "", token)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
    plain = plain.replace("'", "").replace(".", "")
    return _SAME_WORD.get(plain, plain)


def comparable_words(text: str) -> frozenset[str]:
    return frozenset(w for t in re.findall(r"[\w’'.]+", text) if (w := word(t)) and w.isalnum())


def content_words(text: str) -> frozenset[str]:
    """A text's content words, stemmed: what a quotation or a report says."""
    return frozenset(
        stem(w)
        for t in re.findall(r"[A-Za-z][\w’'-]*", text)
        if (w := word(t)) not in STOP_WORDS and len(w) > 2
    )


def excerpt(text: str, limit: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:limit]) + ("…" if len(parts) > limit else "")


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # absolute offset in Article.text
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def tokens(raw: str, base: int) -> list[Token]:
    return [Token(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(raw)]


@dataclass(frozen=True)
class SentenceText:
    """One sentence with its raw characters (offsets of `raw` start at `sentence.start`)."""

    sentence: Sentence
    raw: str

    @cached_property
    def tokens(self) -> list[Token]:
        return tokens(self.raw, self.sentence.start)


@dataclass(frozen=True)
class Mention:
    """One detail as one outlet states it, located by offsets into its article's text."""

    aspect: ClassVar[Aspect]
    detail: ClassVar[Detail]
    scope: ClassVar[Scope]

    sentence: Sentence
    start: int
    end: int
    text: str  # the detail as the outlet writes it
    subject: str  # what the detail is about, as aligned: a surname, a counted noun, "day"
    label: str  # the subject as a reader sees it: "Fang Fenghui", "nuclear tests"
    words: frozenset[str]  # the detail's comparable words

    @property
    def article_id(self) -> str:
        return self.sentence.article_id

    @property
    def citation(self) -> Citation:
        return Citation(self.sentence.article_id, self.start, self.end)

    @property
    def time_bound(self) -> bool:
        """A detail of another time ("former", "then-"): not comparable with today's."""
        return False

    @property
    def fullness(self) -> int:
        """How much the mention says: the fullest of agreeing mentions stands for its version."""
        return len(self.words)

    def comparable(self, other: Mention) -> bool:
        """Whether two outlets' mentions speak of the same thing, so a difference is a disagreement."""
        return (
            self.article_id != other.article_id
            and self.aspect is other.aspect
            and not self.time_bound
            and not other.time_bound
        )

    def agrees(self, other: Mention) -> bool:
        """Whether two mentions of one subject can both be true."""
        return self.words == other.words

    def what(self) -> str:
        """What differs, for a reader: "number of nuclear tests", "the day in “...”"."""
        return f"the {self.aspect} in “{excerpt(self.sentence.text)}”"


def anchors(raw: str, start: int, end: int, reach: int = 3) -> frozenset[str]:
    """The content words next to a detail, within `reach` words and not across a mark but a comma.

    They tell which event a figure or a day belongs to: "arrested on Sunday" and "the attack late
    Saturday" are two events, "injured ... three children" and "two children ... injured" one.
    """
    before = re.split(r"[^\w\s,’'$%-]", raw[:start])[-1].split()[-reach:]
    after = re.split(r"[^\w\s,’'$%-]", raw[end:])[0].split()[:reach]
    return frozenset(
        word(w.strip(","))[:5]
        for w in (*before, *after)
        if (plain := word(w.strip(","))).isalpha()
        and len(plain) > 2
        and plain not in STOP_WORDS
        and plain not in CARDINALS
        and plain not in TENS
        and stem(plain) not in _TIME_UNITS  # "a week" is a time frame, not an event
        and not HEDGE_BEFORE.fullmatch(plain + " ")
    )


def word_before(raw: str, at: int) -> str:
    """The content word a detail hangs on: "fell" in "fell 10 percent", "arrested" in "arrested
    on Sunday", "attack" in "the attack late Saturday"; none across a mark but a comma."""
    for token in reversed(re.split(r"[^\w\s,’'$%-]", raw[:at])[-1].split()[-4:]):
        plain = word(token.strip(","))
        if plain.isalpha() and plain not in LEADING and len(plain) > 2:
            return plain[:5]
    return ""


_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its", "my", "our", "your"})


def owner_before(raw: str, at: int) -> str:
    """Whose a detail is: "his" in "his bond was set at $200,000", "hale" in "set Hale's bond at";
    none across a mark but a comma. Two people's bonds are two figures, not a disagreement."""
    for token in reversed(re.split(r"[^\w\s,’'$%-]", raw[:at])[-1].split()[-6:]):
        plain = token.strip(",").lower()
        if plain in _POSSESSIVE_PRONOUNS:
            return plain
        if re.fullmatch(r"[A-Z][\w-]*['’]s", token.strip(",")):
            return word(token.strip(","))
    return ""
