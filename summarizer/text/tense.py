"""Whether a sentence tells of an event as planned or as done.

A preview says what "will" happen ("will meet", "is expected to push", "plans to discuss"); a
report says what happened ("met", "pressed", "has agreed"). The event is the main verb, or,
when the main verb reports it ("officials said", "Tillerson has said"), the verb of what is
reported. Read from spaCy's parse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Any

from summarizer.text import parse
from summarizer.text.lexicon import words

_PLAN_VERBS = words("plan_verbs")
_FUTURE = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's token of "won't"
_WORD = re.compile(r"[a-z]+", re.I)
_PLAN_WORDS = _FUTURE | _PLAN_VERBS | {"won", "ll"}  # as the cheap test reads "won't" and "'ll"


class Tense(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    OTHER = "other"  # present, conditional, or no verb read


def tense(text: str) -> Tense:
    """How the sentence tells of its event."""
    return _tense(parse.parse(text))


def tenses(texts: Sequence[str]) -> list[Tense]:
    """`tense` of each text, parsed together."""
    return [_tense(doc) for doc in parse.parse_all(texts)]


def _tense(doc: Any) -> Tense:
    roots = [token for token in doc if token.dep_ == "ROOT"]
    if not roots:
        return Tense.OTHER
    verb = _event(roots[0])
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE for a in auxiliaries):
        return Tense.PLANNED
    if verb.lower_ in _PLAN_VERBS and any(child.dep_ == "xcomp" for child in verb.children):
        return Tense.PLANNED
    if any(a.lower_ in ("would", "could", "might", "may", "should") for a in auxiliaries):
        return Tense.OTHER
    if verb.tag_ == "VBD":
        return Tense.DONE
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" or a.tag_ == "VBD" for a in auxiliaries):
        return Tense.DONE  # "has agreed", "was held"
    return Tense.OTHER


def may_plan(text: str) -> bool:
    """Whether the sentence has a word a plan is told with: the cheap test before a parse."""
    return any(word.lower() in _PLAN_WORDS for word in _WORD.findall(text))


def _event(root: Any) -> Any:
    """The verb of the event: the root, or the clause with its own subject that the root reports
    ("officials said", "a senior diplomat confirmed", "Tillerson has said")."""
    verb = root
    for _ in range(2):  # "X said Y told them Z": two levels at most
        reported = [
            child
            for child in verb.children
            if child.dep_ == "ccomp" and any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children)
        ]
        if not reported:
            break
        verb = reported[0]
    return verb
