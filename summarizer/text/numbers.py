"""Numbers as news writes them: digits ("1,200", "7.5"), words ("twelve", "twenty-eight"), "a dozen"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.text.lexicon import CARDINALS, IRREGULAR_PLURALS, SCALES, STOP_WORDS, TENS

# A run of digits, with its thousands separators and decimal point: "1,200", "7.5", "2017".
DIGITS = re.compile(r"\d[\d,.]*\d|\d")
# A number in digits or words, as a pattern to build on ("(?P<number>" + NUMBER + ")").
NUMBER = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(TENS)})(?:-(?:{'|'.join(CARDINALS[1:10])}))?"
    rf"|{'|'.join(CARDINALS[2:])}|a\s+dozen|a\s+hundred"
)

_CARDINAL = {word: n for n, word in enumerate(CARDINALS)}
_TENS = {word: 10 * n for n, word in enumerate(TENS, start=2)}


def value(text: str) -> float:
    """The value of a number as `NUMBER` matches it: "1,200" is 1200, "twenty-eight" is 28."""
    text = " ".join(text.lower().replace(",", "").split())
    if text == "a dozen":
        return 12.0
    if text == "a hundred":
        return 100.0
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    tens, _, ones = text.partition("-")
    return float(_TENS.get(tens, _CARDINAL.get(tens, 0)) + _CARDINAL.get(ones, 0))


# A figure: an amount of money, a share, or a count ("$5 million", "10 percent", "five nuclear tests").
FIGURE = re.compile(
    rf"(?<![\w.,$-])(?P<dollar>\$\s?)?(?P<number>{NUMBER})"
    r"(?P<scale>\s+(?:hundred|thousand|million|billion|trillion))?"
    r"(?P<percent>\s*%|\s+percent|\s+per\s+cent)?"
    r"(?![\w:/-]*\d)(?!-year-old)",
    re.IGNORECASE,
)
# A hedge just before a figure: "nearly 10", "more than 300", "an estimated 40".
HEDGE_BEFORE = re.compile(
    r"(?P<hedge>about|around|approximately|roughly|some|nearly|almost|more\s+than|over|at\s+least|"
    r"fewer\s+than|less\s+than|under|up\s+to|as\s+many\s+as|close\s+to|an\s+estimated|upwards\s+of|"
    r"at\s+most|just\s+over|just\s+under)\s+$",
    re.IGNORECASE,
)
# An age beside a name: "Smith, 45," and "45-year-old Smith".
AGE_AFTER_NAME = re.compile(r",\s+(?P<age>\d{1,3})[,;]")
AGE_BEFORE_NAME = re.compile(rf"\b(?P<age>{NUMBER})-year-old\b", re.IGNORECASE)
CLOCK_TIME = re.compile(
    r"\b(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?\s*(?P<half>[ap]\.?m\.?)(?!\w)", re.IGNORECASE
)
_NAMED_NUMBER = re.compile(r"(?:\b[A-Z][\w’'.]*|#)\s*$")
_IN_RANGE_BEFORE = re.compile(
    r"(?:\b(?:between|from)|\d|\b(?:hundred|thousand|million|billion)(?:\s+and)?)\s*(?:and|to|or|-|–)?\s*$",
    re.IGNORECASE,
)
_IN_RANGE_AFTER = re.compile(r"\s*(?:and|to|or|-|–)\s*\$?\d", re.IGNORECASE)
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_NEXT_WORD = re.compile(r"[\s-]+([A-Za-z][\w’'-]*)")


@dataclass(frozen=True)
class Figure:
    """A count, amount or share in a text, with the noun phrase it counts."""

    value: float
    match: re.Match[str]  # FIGURE's match: its `dollar`, `number`, `scale` and `percent` groups
    hedge: re.Match[str] | None  # "nearly", "more than": the figure is a bound, not a count
    noun: tuple[str, ...]  # the counted noun phrase, up to its plural ("nuclear", "tests"); () if none
    noun_end: int  # just past the noun phrase (the number's end without one)


def figures(text: str) -> list[Figure]:
    """Each figure of `text` that is a count, amount or share: not part of a name ("Route 66"), a
    date ("June 21"), a range ("between 10 and 20") or a year."""
    found = []
    for match in FIGURE.finditer(text):
        before = text[: match.start()]
        if _NAMED_NUMBER.search(before) and not re.fullmatch(r"\s*\S*\s*", before):
            continue
        if _IN_RANGE_BEFORE.search(before) or _IN_RANGE_AFTER.match(text, match.end()):
            continue
        if _YEAR.fullmatch(match["number"]) and not match["dollar"]:
            continue
        amount = value(match["number"])
        if match["scale"]:
            amount *= SCALES[match["scale"].strip().lower()]
        noun, noun_end = _counted(text, match.end())
        found.append(Figure(amount, match, HEDGE_BEFORE.search(before), tuple(noun), noun_end))
    return found


def _counted(text: str, at: int) -> tuple[list[str], int]:
    """The noun phrase a figure counts: words up to its first plural noun, at most four.

    "five nuclear tests and ...", "two leaders met ...": the count is of the plural, and what
    follows it is the rest of the sentence.
    """
    words: list[str] = []
    end = at
    while len(words) < 4 and (match := _NEXT_WORD.match(text, end)) and match[1].lower() not in STOP_WORDS:
        words.append(match[1])
        end = match.end()
        lower = match[1].lower()
        if lower in IRREGULAR_PLURALS or (
            lower.endswith("s") and not lower.endswith(("ss", "us", "is", "’s", "'s")) and len(lower) > 3
        ):
            return words, end
    return [], at
