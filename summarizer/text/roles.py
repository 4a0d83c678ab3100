"""Who did what: the people (and bodies) a sentence names as doing an act, and those it names as receiving it.

Two sentences that put one person on opposite sides of the same act ("letters written by Alcorn"
and "letters written by the girl to Alcorn") do not report the same thing, however alike their
words. Read from the dependency parse.
"""

from __future__ import annotations

import re
from typing import Any

from summarizer.text.parse import parse

_DOER = {"nsubj", "csubj"}
_RECEIVER = {"dobj", "nsubjpass", "dative"}
_PREPOSITIONS = {"to", "for", "at", "against", "from", "with", "on", "by"}

_CAPITALISED = re.compile(r"\b[A-Z][\w’'-]+")

Role = tuple[str, str, str]  # (act's lemma, person's surname, "doer" | "receiver")


def roles(text: str) -> set[Role]:
    """(act, surname, side) for every named person or body the sentence puts next to an act.

    Proper nouns, not the parser's entity labels: the small pipeline often calls a person an
    organisation ("written by Alcorn"), and the sides of an act do not depend on which it is."""
    found: set[Role] = set()
    for token in parse(text):
        if token.pos_ != "PROPN" or token.dep_ == "compound":
            continue
        side, act = _side(token)
        if side and act.lemma_.lower() != "be":
            found.add((act.lemma_.lower(), token.text.lower(), side))
    return found


def opposed(first: str, second: str) -> str | None:
    """A person the two sentences put on opposite sides of the same act (None: none)."""
    if not _capitalised(first) & _capitalised(second):
        return None  # no name in common: nothing to parse for
    theirs = roles(second)
    for act, person, side in roles(first):
        other = "receiver" if side == "doer" else "doer"
        if (act, person, other) in theirs:
            return f"{person} on both sides of '{act}'"
    return None


def _side(token: Any) -> tuple[str, Any]:
    while token.dep_ in {"compound", "appos", "conj"} and token.head.i != token.i:
        token = token.head
    head = token.head
    if token.dep_ in _DOER and head.pos_ in {"VERB", "AUX"}:
        return "doer", head
    if token.dep_ in _RECEIVER and head.pos_ in {"VERB", "AUX"}:
        return "receiver", head
    if (
        token.dep_ in {"pobj", "pcomp"}
        and head.dep_ in {"prep", "agent", "dative"}
        and head.head.pos_ == "VERB"
    ):
        preposition = head.lower_
        if head.dep_ == "agent" or preposition == "by":
            return "doer", head.head
        if preposition in _PREPOSITIONS:
            return "receiver", head.head
    return "", None


def _capitalised(text: str) -> set[str]:
    return set(_CAPITALISED.findall(text))
