"""Numbers as news writes them: digits ("1,200", "7.5"), words ("twelve", "twenty-eight"), "a dozen"."""

from __future__ import annotations

import re

from summarizer.text.lexicon import CARDINALS, TENS

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
