"""The word lists, read once from `words/*.txt`: one word (or one group) a line, `#` for comments.

Each list is written once; a list that combines others ("date words" are weekdays, months and a
few more) is composed here, so no word list is repeated in code.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def lines(name: str) -> tuple[str, ...]:
    """The non-comment lines of `words/<name>.txt`, in order."""
    text = files("summarizer.text").joinpath("words", f"{name}.txt").read_text(encoding="utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def words(name: str) -> frozenset[str]:
    return frozenset(lines(name))


STOP_WORDS = words("stop_words")
QUOTE_VERBS = words("quote_verbs")  # said, told, wrote: they introduce a quotation
REPORTING_VERBS = QUOTE_VERBS | words("claim_verbs")  # and claimed, alleged, warned: a claim is reported
BELIEF_VERBS = words("belief_verbs")  # believed that, found that: the clause is theirs, word for word
NEGATIONS = words("negations")
WEEKDAYS = lines("weekdays")
MONTHS = lines("months")
CARDINALS = lines("cardinals")  # zero to nineteen: a word's value is its place
TENS = lines("tens")  # twenty to ninety
ORDINALS = words("ordinals")
CIRCUMSTANCE_OPENERS = words("circumstance_openers")
CONNECTIVES = words("connectives")  # but, however, specifically: they point at a sentence before
SECOND_PERSON = words("second_person")  # you, your: the text speaks to its reader
DIRECTIVE_VERBS = words("directive_verbs")  # say, write, omit, ignore: what a writer is told to do
OBLIGATIONS = words("obligations")  # must, should, shall: what follows is what someone must do
PERSONAL_PRONOUNS = words("personal_pronouns")  # he, she, his: they point at one person named before
# And it, they, this: they point at someone or something named before.
PRONOUNS = PERSONAL_PRONOUNS | words("pronouns")
POINTING_NOUNS = words("pointing_nouns")  # "the tweet", "the pair": so do they, after "The"
LIST_MEMBERS = words("list_members")  # "the first", "the latter": one of several named before
IRREGULAR_PLURALS = words("irregular_plurals")  # people, police, troops: plurals without an -s
OFFICES = words("offices")  # president, mayor: a title ("State Councilor Yang Jiechi"), an office held
ROLE_HEADS = words("role_heads")  # member, adviser: a role in apposition ("..., a member of ...")
# Nouns for one person: offices, roles, and man, mother, teen, suspect.
PERSON_NOUNS = OFFICES | ROLE_HEADS | words("people")
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# The names of days and months, and the months' abbreviations.
CALENDAR_NAMES = frozenset(WEEKDAYS) | frozenset(MONTHS) | words("month_abbreviations")
# Words that date an event: calendar names, and "yesterday", "week", ...
DATE_WORDS = CALENDAR_NAMES | words("date_words")
# Demonstratives and how far they point: "this" and "these" may date from the day of writing,
# "that" and "those" point back at something named before.
DEMONSTRATIVES = dict(line.split() for line in lines("demonstratives"))
DEMONSTRATIVE_IDIOMS = words("demonstrative_idioms")  # "in this case", "at this point": no pointing back
_TIMES = words("time_units") | words("times_of_day")
# What a near demonstrative dates rather than points at: "this week", "this morning", "this June".
DATED_FROM_NOW = DATE_WORDS | _TIMES | {f"{t}s" for t in _TIMES}
# Words that go on a sentence after a clock time: "1 p.m. Monday", "10 a.m. June 3", "8 p.m. ET".
CLOCK_TIME_FOLLOWERS = CALENDAR_NAMES | words("time_zones")
# Words that state a number: "twelve", "forty", "million", "third", "dozen", "twice".
NUMBER_WORDS = frozenset(CARDINALS) | frozenset(TENS) | frozenset(SCALES) | ORDINALS | words("quantity_words")
