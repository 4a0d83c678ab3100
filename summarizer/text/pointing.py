"""Sentences that point back ("He", "They", "The tweet"), and what an earlier sentence must say for
a brief to hold them.

A brief sentence that points back needs an earlier sentence of its article ahead of it. One about
"he" or "she" (opening with the pronoun, or with it as the subject of its main clause after an
opening phrase: "In a written statement, he said ...", or of what the main clause reports:
"Police said she ...") needs more: an earlier sentence that names or describes one person ("Mica,
a former House Transportation chairman", "a Lauderhill man", "Nola"). "She said more research is
needed" after sentences about a study's babies, or "He is being held in the county jail" after
one about a video, leaves the reader asking who. So does a demonstrative anywhere in the
sentence's own words: "no ambulances were called to that pre-K center" leaves the reader asking
which.
"""

from __future__ import annotations

from typing import Any

from summarizer.text.lexicon import (
    BELIEF_VERBS,
    DATED_FROM_NOW,
    DEMONSTRATIVE_IDIOMS,
    DEMONSTRATIVES,
    LIST_MEMBERS,
    PERSON_NOUNS,
    PERSONAL_PRONOUNS,
    POINTING_NOUNS,
    PRONOUNS,
    REPORTING_VERBS,
)
from summarizer.text.overlap import WORD
from summarizer.text.parse import parse
from summarizer.text.report import outside_quotations

# A proper noun that is a verb's subject or something's owner ("Berlusconi's conservatives") names
# someone unless the tagger calls it a place, a date or the like: the small pipeline labels many a
# name as an organisation ("Nola, one of just four northern white rhinos, died"), or not at all.
_SOMEONE = frozenset({"", "PERSON", "ORG"})
_WHO_ACTS_OR_OWNS = frozenset({"nsubj", "nsubjpass", "poss"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_PERSON, _ANYTHING = "person", "anything"  # what a sentence points back at
_SINGULAR_NOUNS = frozenset({"NN", "NNP"})  # "a Lauderhill man", "the President of Poland"
_STANDS_ALONE = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "ROOT"})  # "the first" as a noun phrase
_REPORTS_OR_BELIEVES = REPORTING_VERBS | BELIEF_VERBS  # said, claimed, believe: a clause is theirs


def points_back(text: str) -> bool:
    """Whether a sentence opens by pointing back at someone or something named before it ("He",
    "They", "This", "The tweet", "The pair", "On the first,"), or says what "he" or "she" did
    after an opening phrase ("In a written statement, he said ...", "Police said she ..."), or
    names something with "that" or "these" ("called to that pre-K center"): in a brief, it needs
    the sentence that names them ahead of it."""
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
    clause or of what that clause reports, or "his" as such a subject's owner), anyone or
    anything ("They", "The tweet", "The latter"), or nothing (None)."""
    opening = [w.lower() for w in WORD.findall(text.lstrip(" \"“‘'"))][:3]
    first, second, *_ = [*opening, "", ""]
    if first in PERSONAL_PRONOUNS:
        return _PERSON
    dated = DEMONSTRATIVES.get(first) == "near" and second in DATED_FROM_NOW  # "This week, ..."
    if (first in PRONOUNS and not dated) or (first == "the" and second in POINTING_NOUNS):
        return _ANYTHING
    if "the" in opening[:2] and LIST_MEMBERS.intersection(opening[1:]) and _opens_with_a_member(parse(text)):
        return _ANYTHING
    said = set(WORD.findall(text.lower()))
    if not PERSONAL_PRONOUNS.intersection(said) and not DEMONSTRATIVES.keys() & said:
        return None  # no parse for a sentence without "he", "she" or "that"
    doc = parse(text)
    for subject in (t for t in doc if t.dep_ in _SUBJECTS and (t.head.dep_ == "ROOT" or _reported(t.head))):
        # "As Gov. Scott Walker opens his campaign, he will ..." names him first: no pointing back.
        if _personal(subject) and not _names_someone(doc[: subject.left_edge.i]):
            return _PERSON
    return _ANYTHING if _points_with_a_demonstrative(doc, text) else None


def _opens_with_a_member(doc: Any) -> bool:
    """Whether a sentence opens with "the first" or "the latter" standing alone, for one of
    several things named before ("On the first, ...", "The latter said"), not describing a noun
    of its own ("The first lady", "The former president") or naming its set ("The first of the
    two suspects")."""
    return any(
        token.lower_ in LIST_MEMBERS
        and token.i > 0
        and doc[token.i - 1].lower_ == "the"
        and token.dep_ in _STANDS_ALONE
        and not any(child.lower_ == "of" for child in token.children)
        for token in doc[:3]
    )


def _points_with_a_demonstrative(doc: Any, text: str) -> bool:
    """Whether a sentence names something by pointing at it in its own words: "no ambulances were
    called to that pre-K center", "According to these reports", "traveled to this hill town" (the
    outlet's own town). "This week" and "this morning" date from the day of writing instead, "in
    this case" means "here", and a quotation's "this" is its speaker's."""
    own_words = outside_quotations(text)
    return any(
        token.lower_ in DEMONSTRATIVES
        and token.dep_ == "det"
        and token.head.pos_ in ("NOUN", "PROPN")
        and own_words[token.idx : token.idx + 1].strip()
        and not (DEMONSTRATIVES[token.lower_] == "near" and token.head.lower_ in DATED_FROM_NOW)
        and not {doc[token.i - 1].lower_, doc[token.i + 1].lower_} & {"or", "and"}  # "this or that lever"
        and f"{doc[token.i - 1].lower_} {token.lower_} {doc[token.i + 1].lower_}" not in DEMONSTRATIVE_IDIOMS
        for token in doc[1:-1]
    )


def _reported(verb: Any) -> bool:
    """Whether a verb heads what the main clause reports or believes ("Police said [she was taken
    ...]", "Police believe [he fled]")."""
    main = verb.head
    return (
        verb.dep_ == "ccomp"
        and main.dep_ == "ROOT"
        and (main.lower_ in REPORTING_VERBS or main.lemma_ in _REPORTS_OR_BELIEVES)
    )


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
