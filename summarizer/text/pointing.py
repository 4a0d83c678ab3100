"""Sentences that point back ("He", "They", "The tweet"), and what an earlier sentence must say for
a brief to hold them.

A brief sentence that points back needs an earlier sentence of its article ahead of it. One about
"he" or "she" (opening with the pronoun, or with it as the subject of its main clause after an
opening phrase: "In a written statement, he said ...") needs more: an earlier sentence that names
or describes one person ("Mica, a former House Transportation chairman", "a Lauderhill man",
"Nola"). "She said more research is needed" after sentences about a study's babies, or "He is
being held in the county jail" after one about a video, leaves the reader asking who.
"""

from __future__ import annotations

from typing import Any

from summarizer.text.lexicon import PERSON_NOUNS, PERSONAL_PRONOUNS, POINTING_NOUNS, PRONOUNS
from summarizer.text.overlap import WORD
from summarizer.text.parse import parse

# A proper noun that is a verb's subject or something's owner ("Berlusconi's conservatives") names
# someone unless the tagger calls it a place, a date or the like: the small pipeline labels many a
# name as an organisation ("Nola, one of just four northern white rhinos, died"), or not at all.
_SOMEONE = frozenset({"", "PERSON", "ORG"})
_WHO_ACTS_OR_OWNS = frozenset({"nsubj", "nsubjpass", "poss"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSON, _ANYTHING = "person", "anything"  # what a sentence points back at
_SINGULAR_NOUNS = frozenset({"NN", "NNP"})  # "a Lauderhill man", "the President of Poland"


def points_back(text: str) -> bool:
    """Whether a sentence opens by pointing back at someone or something named before it ("He",
    "They", "This", "The tweet", "The pair"), or says what "he" or "she" did after an opening
    phrase ("In a written statement, he said ..."): in a brief, it needs the sentence that names
    them ahead of it."""
    return _points_at(text) is not None


def may_hold_antecedent(earlier: str, pointing: str) -> bool:
    """Whether `earlier`, a sentence before `pointing` in its article, can name whom `pointing`
    points at: any sentence can hold what "They" or "The tweet" means (the article's earlier
    sentences are all the brief can check), but "he" or "she" needs one that names a person (a
    person's name, or a name as a verb's subject or an owner), or describes one in the singular
    ("a Lauderhill man", "the president's")."""
    return _points_at(pointing) is not _PERSON or _names_someone(parse(earlier))


def _points_at(text: str) -> str | None:
    """What a sentence points back at: one person ("He", "Her", or "he" as the subject of its main
    clause, or "his" as that subject's owner), anyone or anything ("They", "The tweet"), or
    nothing (None)."""
    first, second, *_ = [w.lower() for w in WORD.findall(text.lstrip(" \"“‘'"))] + ["", ""]
    if first in PERSONAL_PRONOUNS:
        return _PERSON
    if first in PRONOUNS or (first == "the" and second in POINTING_NOUNS):
        return _ANYTHING
    if not PERSONAL_PRONOUNS.intersection(WORD.findall(text.lower())):
        return None  # no parse for a sentence without "he" or "she"
    doc = parse(text)
    for subject in (t for t in doc if t.dep_ in _SUBJECTS and t.head.dep_ == "ROOT"):
        # "As Gov. Scott Walker opens his campaign, he will ..." names him first: no pointing back.
        if _personal(subject) and not _names_someone(doc[: subject.left_edge.i]):
            return _PERSON
    return None


def _personal(subject: Any) -> bool:
    """Whether a subject is "he" or "she", or is "his" or "her" something."""
    return subject.lower_ in PERSONAL_PRONOUNS or any(
        child.dep_ == "poss" and child.lower_ in PERSONAL_PRONOUNS for child in subject.children
    )


def _names_someone(tokens: Any) -> bool:
    """Whether spaCy tokens name a person, or describe one in the singular."""
    return any(
        token.ent_type_ == "PERSON"
        or (token.tag_ == "NNP" and token.dep_ in _WHO_ACTS_OR_OWNS and token.ent_type_ in _SOMEONE)
        or (token.tag_ in _SINGULAR_NOUNS and token.lower_ in PERSON_NOUNS)
        for token in tokens
    )
