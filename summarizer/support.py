"""Support: how much each cited span backs its brief sentence: all of it, part of it, or not enough
to be cited.

A span backs a sentence fully when it is close in meaning, states every name and number of it and
most of its content words; partly when it reports the same event with fewer details (close in
meaning and words together, as citing scores them); otherwise it is not cited. A span that
gives another figure, age, time, count or ordinal for the same thing, or puts a person on the other
side of the same act, contradicts the sentence: it is never a citation (where the outlets disagree, the notes carry each version).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from summarizer.bundle import Bundle
from summarizer.text.lexicon import STOP_WORDS
from summarizer.text.numbers import AGE_AFTER_NAME, AGE_BEFORE_NAME, CLOCK_TIME, DIGITS, figures, value
from summarizer.text.overlap import coverage
from summarizer.text.roles import opposed
from summarizer.text.stem import stem
from summarizer.tuning import Thresholds, Tuning
from summarizer.types import Citation, Sentence, Support

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*\d|\d")
_NAME_AFTER = re.compile(r"\s+(?P<name>(?:[A-Z][\w.’'-]*\s*)+)")
_FREQUENCY = re.compile(r"\b(once|twice|thrice|(?:three|four|five) times)\b", re.IGNORECASE)
_MAGNITUDE = re.compile(r"\b(dozens|hundreds|thousands|millions|billions)\s+of\b", re.IGNORECASE)
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th))\s+([a-z]+)",
    re.IGNORECASE,
)


def supported(
    bundle: Bundle, claim: str, own: Sentence, citations: Sequence[Citation], tuning: Tuning
) -> tuple[Citation, ...]:
    """The citations that back `claim` (the brief text of the fact whose best sentence is `own`),
    each marked with how much; `own` backs it fully, being its source."""
    kept = []
    for citation in citations:
        span = bundle.sentence_at(citation.article_id, citation.start)
        if span == own:
            kept.append(replace(citation, support=Support.FULL))
            continue
        similarity = float(bundle.similarity[bundle.row[own], bundle.row[span]])
        level = support(claim, span.text, similarity, bundle.thresholds, tuning)
        if level is not None:
            kept.append(replace(citation, support=level))
    return tuple(kept)


def support(
    claim: str, span: str, similarity: float, thresholds: Thresholds, tuning: Tuning
) -> Support | None:
    """How much `span` backs `claim` (`similarity`: their vectors' cosine); None: not a citation."""
    if conflict(claim, span) is not None:
        return None
    covered = coverage(claim, span)
    if (
        similarity >= thresholds.full_support
        and covered >= tuning.full_support_coverage
        and _names(claim) <= _names(span) | _words(span)
        and _numbers(claim) <= _numbers(span)
    ):
        return Support.FULL
    if similarity + tuning.citation_word_weight * covered >= thresholds.partial_support:
        return Support.PARTIAL
    return None


def conflict(claim: str, span: str) -> str | None:
    """A detail the span gives differently from the claim (None: none found)."""
    their_figures = _figures(span)
    for unit, values in _figures(claim).items():
        if their_figures.get(unit) and not values & their_figures[unit]:
            return f"another figure for {unit}"
    ours_ages, their_ages = _ages(claim), _ages(span)
    for person in ours_ages.keys() & their_ages.keys():
        if not ours_ages[person] & their_ages[person]:
            return f"another age for {person or 'someone'}"
    for name, read in (
        ("time", lambda t: {_clock(m) for m in CLOCK_TIME.finditer(t)}),
        ("count of times", lambda t: {m.lower() for m in _FREQUENCY.findall(t)}),
        ("magnitude", lambda t: {m.lower() for m in _MAGNITUDE.findall(t)}),
    ):
        ours, theirs = read(claim), read(span)
        if ours and theirs and not ours & theirs:
            return f"another {name}"
    ours_ordinal = {noun.lower(): n.lower() for n, noun in _ORDINAL.findall(claim)}
    for number, noun in _ORDINAL.findall(span):
        if ours_ordinal.get(noun.lower(), number.lower()) != number.lower():
            return f"another ordinal for {noun.lower()}"
    return opposed(claim, span)


def _figures(text: str) -> dict[str, set[float]]:
    """Figures by what they count ("test", "dollar", "percent")."""
    found: dict[str, set[float]] = {}
    for figure in figures(text):
        if figure.hedge:
            continue  # "at least 10" admits 20: a bound is no conflicting figure
        match = figure.match
        unit = (
            "dollar"
            if match["dollar"]
            else "percent"
            if match["percent"]
            else stem(figure.noun[-1].lower())
            if figure.noun
            else ""
        )
        if unit:
            found.setdefault(unit, set()).add(figure.value)
    return found


def _ages(text: str) -> dict[str, set[float]]:
    """Ages by the surname they go with ("Johnson, 25,", "66-year-old Frank Macomber"); "" where
    no name is next to them ("a 25-year-old man")."""
    found: dict[str, set[float]] = {}
    for match in AGE_AFTER_NAME.finditer(text):
        before = _WORD.findall(text[: match.start()])
        person = before[-1].lower() if before and before[-1][0].isupper() else ""
        found.setdefault(person, set()).add(value(match["age"]))
    for match in AGE_BEFORE_NAME.finditer(text):
        after = _NAME_AFTER.match(text, match.end())
        person = after["name"].split()[-1].rstrip(".").lower() if after else ""
        found.setdefault(person, set()).add(value(match["age"]))
    return found


def _clock(match: re.Match[str]) -> str:
    return f"{int(match['hour'])}:{match['minute'] or '00'}{match['half'].lower().replace('.', '')}"


def _names(text: str) -> set[str]:
    words = _WORD.findall(text)
    return {
        w.lower() for i, w in enumerate(words) if i > 0 and w[0].isupper() and w.lower() not in STOP_WORDS
    }


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in DIGITS.findall(text)}
