"""Deletions a sentence can take and still say what it said: whole constituents of allowed kinds.

A shorter wording of a sentence is checked in two steps. `kept_tokens` aligns it with the
sentence's tokens: it must keep them in order and add nothing but a full stop. `forbidden` then
looks at what it deletes, in the sentence's dependency parse: every kept word's head must be
kept too (whole subtrees go, so no phrase is cut in half and no word loses what it modifies),
and each deleted subtree must be one of the kinds a newsroom drops without changing the claim:
an appositive, a parenthetical, a non-restrictive relative clause, a time or place phrase, a
sentence adverb or connective, a descriptive adjective, a second clause joined by "and". Never
a subject, object or complement, a negation, a hedge or modal, a quantifier, who said it, a
condition, a contrast, a reason, or one quotation mark of words it keeps.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import Any

from summarizer.text.lexicon import NEGATIONS, REPORTING_VERBS, words
from summarizer.text.parse import parse, tokens

HEDGES = words("hedges")  # reportedly, about, may: how sure the sentence is
QUANTIFIERS = words("quantifiers")  # each, only, including: how much of something it claims
# Words that open a clause or phrase the rest of a sentence depends on.
CONDITIONS_AND_CONTRASTS = words("clause_links")
SENTENCE_ADVERBS = words("sentence_adverbs")  # also, even, then, however: droppable on their own
PROTECTED_ADJECTIVES = words("protected_adjectives")  # former, alleged, first: they change who or what
# Prepositions that open a time, place or circumstance phrase, which a sentence can do without.
ASIDE_PREPOSITIONS = words("aside_prepositions")

# Dependencies a deleted subtree may hang by; anything else is part of the claim's core.
_DROPPABLE = frozenset(
    {
        "appos",
        "relcl",
        "acl",
        "advcl",
        "prep",
        "npadvmod",
        "advmod",
        "amod",
        "conj",
        "cc",
        "punct",
        "parataxis",
    }
)
_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})
_FULL_STOP = "."


def kept_tokens(source: str, shorter: str) -> list[int] | None:
    """The indices of `source`'s tokens that `shorter` keeps, when it keeps them in order and adds
    nothing but a final full stop; None when it rewords."""
    doc = parse(source)
    source_tokens = [token.text.lower() for token in doc]
    shorter_tokens = [token.lower() for token in tokens(shorter)]
    matcher = difflib.SequenceMatcher(a=source_tokens, b=shorter_tokens, autojunk=False)
    kept: list[int] = []
    matched: set[int] = set()
    for block in matcher.get_matching_blocks():
        kept.extend(range(block.a, block.a + block.size))
        matched.update(range(block.b, block.b + block.size))
    added = [i for i in range(len(shorter_tokens)) if i not in matched]
    if not added or (added == [len(shorter_tokens) - 1] and shorter_tokens[-1] == _FULL_STOP):
        return kept
    return None


def forbidden(source: str, kept: Sequence[int]) -> str | None:
    """Why deleting every token of `source` but `kept` changes what it says (None: it does not)."""
    doc = parse(source)
    keep = set(kept)
    for token in doc:
        if (
            token.i in keep
            and token.head.i not in keep
            and not token.is_punct
            and not _reattaches(token, keep)
        ):
            return f"keeps “{token.text}” but deletes the “{token.head.text}” it belongs to"
    if not any(token.i in keep for token in doc if token.dep_ == "ROOT"):
        return "deletes the main verb"
    attributed = any(token.i in keep and token.text.lower() in REPORTING_VERBS for token in doc)
    quoted = None if attributed else _quotation_fault(doc, keep)
    if quoted:
        return quoted
    for top in doc:
        if top.i in keep or top.head.i not in keep or top.is_punct:
            continue  # only the top of each deleted subtree
        reason = _why_not_droppable(doc, top, keep)
        if reason:
            return reason
    return None


def _reattaches(token: Any, keep: set[int]) -> bool:
    """A time or place phrase whose parse hangs it on a deleted word can belong to a kept one above
    it ("said in a post on Tuesday": the parse's hardest call is where such a phrase attaches)."""
    if token.dep_ not in ("prep", "npadvmod") or (
        token.dep_ == "prep" and token.text.lower() not in ASIDE_PREPOSITIONS
    ):
        return False
    return any(ancestor.i in keep for ancestor in token.ancestors)


def _why_not_droppable(doc: Any, top: Any, keep: set[int]) -> str | None:
    subtree = [t for t in top.subtree if t.i not in keep]
    lowered = [t.text.lower() for t in subtree]
    shown = " ".join(t.text for t in subtree)
    if top.dep_ not in _DROPPABLE:
        return f"deletes a {top.dep_} (“{shown}”)"
    if any(
        t.dep_ == "neg" or w in NEGATIONS or w.endswith("n't") for t, w in zip(subtree, lowered, strict=True)
    ):
        return f"deletes a negation (“{shown}”)"
    if any(w in REPORTING_VERBS for w in lowered):
        return f"deletes who said it (“{shown}”)"
    if any(w in HEDGES for w in lowered):
        return f"deletes a hedge (“{shown}”)"
    if any(w in QUANTIFIERS for w in lowered):
        return f"deletes a quantifier (“{shown}”)"
    if any(_is_figure(t) for t in subtree):
        return f"deletes a figure (“{shown}”)"
    if _states_a_figure(top.head):
        return f"deletes what a figure is measured against (“{shown}”)"
    if top.dep_ == "cc":
        partner = next((t for t in top.head.children if t.dep_ == "conj" and t.i > top.i), None)
        return None if partner is not None and partner.i not in keep else f"deletes a conjunction (“{shown}”)"
    first = subtree[0].text.lower()
    links = [
        t.text.lower() for t in subtree if (t.dep_ in ("mark", "cc", "prep") and t.head is top) or t is top
    ]
    if first in CONDITIONS_AND_CONTRASTS or any(w in CONDITIONS_AND_CONTRASTS for w in links):
        return f"deletes a condition, contrast or reason (“{shown}”)"
    if top.dep_ == "conj":
        return _conjunct_fault(top, shown)
    if top.dep_ in ("relcl", "acl") and not _after_comma(doc, subtree[0]):
        return f"deletes a restrictive clause (“{shown}”)"
    if top.dep_ == "prep" and first not in ASIDE_PREPOSITIONS:
        return f"deletes a phrase the claim needs (“{shown}”)"
    if top.dep_ == "advmod" and (len(subtree) > 1 or first not in SENTENCE_ADVERBS):
        return f"deletes an adverb the claim needs (“{shown}”)"
    if top.dep_ == "amod" and (
        first in PROTECTED_ADJECTIVES or top.tag_ in ("JJS", "JJR") or len(subtree) > 1
    ):
        return f"deletes a modifier that changes who or what (“{shown}”)"
    return None


def _conjunct_fault(conj: Any, shown: str) -> str | None:
    """A second clause joined by "and" goes whole; a conjunct of a noun phrase or list does not."""
    if conj.pos_ not in ("VERB", "AUX") or conj.head.pos_ not in ("VERB", "AUX"):
        return f"deletes part of a list or noun phrase (“{shown}”)"
    joined_by = [t.text.lower() for t in conj.head.children if t.dep_ == "cc" and t.i < conj.i]
    if joined_by and joined_by[-1] != "and":
        return f"deletes an alternative or contrast (“{shown}”)"
    return None


def _states_a_figure(token: Any) -> bool:
    """Whether a kept word carries a figure ("down 50 percent", "$5 million"): what qualifies it
    (since when, compared with what) is part of the figure."""
    return token.like_num or any(
        child.like_num or child.dep_ == "nummod"
        for child in token.subtree
        if (child is not token and child.head is token) or child.head.head is token
    )


def _is_figure(token: Any) -> bool:
    """A count, amount or share ("300", "$5", "10 percent"); not a day, a date or a year."""
    if token.text.lower() in ("percent", "%"):
        return True
    return (
        bool(token.like_num)
        and token.ent_type_ not in ("DATE", "TIME", "ORDINAL")
        and not (token.text.isdigit() and len(token.text) == 4 and 1800 <= int(token.text) <= 2100)
    )


def _after_comma(doc: Any, first: Any) -> bool:
    return first.i > 0 and doc[first.i - 1].text in (",", "—", "–", "-", "(")


def _quotation_fault(doc: Any, keep: set[int]) -> str | None:
    """Quotation marks go only with all the words between them: dropping them from kept words turns
    what someone said into what the brief asserts."""
    marks = [
        t.i
        for t in doc
        if t.text in _QUOTES
        and not (
            t.text == "’"
            and t.i > 0
            and not doc[t.i - 1].is_space
            and t.i + 1 < len(doc)
            and doc[t.i + 1].is_alpha
        )
    ]
    for opening, closing in zip(marks[::2], marks[1::2], strict=False):
        inside = range(opening + 1, closing)
        kept_inside = any(i in keep for i in inside)
        if kept_inside and (opening not in keep or closing not in keep):
            return "drops the quotation marks of words it keeps"
    return None
