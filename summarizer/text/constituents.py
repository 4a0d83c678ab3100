"""Deletions a sentence can take and still say what it said: whole constituents of allowed kinds.

A shorter wording of a sentence is checked in two steps. `kept_tokens` aligns it with the
sentence's tokens: it must keep them in order and add nothing but a full stop. `forbidden` then
looks at what it deletes, in the sentence's dependency parse: every kept word's head must be
kept too (whole subtrees go, so no phrase is cut in half and no word loses what it modifies),
and each deleted subtree must be one of the kinds a newsroom drops without changing the claim:
an appositive, a parenthetical, a non-restrictive relative clause, a time or place phrase of the
verb, a sentence adverb or connective, a second clause joined by "and" (with its "and"). Never
a subject, object or complement, an adjective or a phrase that narrows a noun, a negation, a
hedge or modal, a quantifier or measure, who said it, a condition, a contrast, a reason, a word
from a quotation, or one quotation mark of words it keeps.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from typing import Any

from summarizer.text.lexicon import (
    BELIEF_VERBS,
    CONNECTIVES,
    DATE_WORDS,
    MONTHS,
    NEGATIONS,
    OBLIGATIONS,
    OFFICES,
    REPORTING_VERBS,
    WEEKDAYS,
    words,
)
from summarizer.text.parse import parse, tokens

HEDGES = words("hedges")  # reportedly, about, may: how sure the sentence is
QUANTIFIERS = words("quantifiers")  # each, only, including: how much of something it claims
# Words that open a clause or phrase the rest of a sentence depends on.
CONDITIONS_AND_CONTRASTS = words("clause_links")
SENTENCE_ADVERBS = words("sentence_adverbs")  # also, even, then, however: droppable on their own
# Prepositions that open a time, place or circumstance phrase, which a sentence can do without.
ASIDE_PREPOSITIONS = words("aside_prepositions")
EVENT_PREPOSITIONS = words("event_prepositions")  # during, amid: whatever they name, an aside
EVIDENCE_VERBS = words("evidence_verbs")  # records show, data suggest: where a claim comes from
INSTRUCTION_VERBS = words("instruction_verbs")  # told to, urged to: what follows is an instruction
EVENT_NOUNS = words("event_nouns")  # talks, summit: a noun whose place may go
_NOT_COMPARATIVES = words("not_comparatives")  # other, former: -er adjectives that compare nothing
FIXED_PHRASES = words("fixed_phrases")  # "after the fact", "in part": no aside

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
_CONNECTIVE_PHRASES = sorted((tuple(c.split()) for c in CONNECTIVES), key=len, reverse=True)
_PLACES = frozenset({"GPE", "LOC", "FAC", "ORG"})
_TIMES = frozenset({"DATE", "TIME"})
_PLACE_PREPOSITIONS = words("place_prepositions")
_PLACE_VERBS = words("place_verbs")  # live, stay, return: their place is their complement
_WHEN = frozenset({"when", "whenever", "once", "if"})
_RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which"})
_CONTRASTS = frozenset({"but", "yet", "although", "though", "whereas", "while"})
_HYPOTHETICAL = frozenset({"would", "could", "might"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_DAYS = frozenset(WEEKDAYS) | {"today", "yesterday", "tomorrow", "tonight"}
_MESSAGE_WORDS = 3  # capital words in a row that read as a message or heading, not an acronym
# A share or a change ("one in 20 homes", "6 points", "10 percent"): true of some whole, some time.
_SHARE = re.compile(
    r"\d\s*%|\b(?:percent|per cent|percentage|points?)\b"
    r"|\b(?:one|two|three|\d+)\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|two|three|four|five|ten|hundred)\b",
    re.IGNORECASE,
)
_TIME_WORDS = DATE_WORDS | words("time_units") | {f"{unit}s" for unit in words("time_units")}
# Punctuation that ends a word; anything else written against a word (a hyphen, a slash) joins it.
_SEPARATORS = frozenset({",", ".", ";", ":", ")", "(", "!", "?", "”", "“", '"', "’", "'", "—", "–"})
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
    # "the Manus x Machina theme" is not "the Manus Machina theme": a name goes whole or stays.
    for entity in doc.ents:
        kept_here = [t.i in keep for t in entity]
        if any(kept_here) and not all(kept_here):
            return f"deletes part of a name (“{entity.text}”)"
    for token in doc:  # "started at X and [reached Y], has now reached Z": the "and" joins nothing
        partner = _joined_by(token)
        if token.i in keep and partner is not None and partner.i not in keep:
            return f"keeps “{token.text}” but deletes what it joins"
    kept_tokens_in_order = [t for t in doc if t.i in keep]
    for token, following in zip(kept_tokens_in_order, [*kept_tokens_in_order[1:], None], strict=True):
        # "Co-counsel, and, Robert Klonoff added": an "and" left with nothing after it.
        if token.tag_ == "CC" and (following is None or following.is_punct):
            return f"leaves “{token.text}” joining nothing"
        # "Speaking, the senator said": a participle that opened a phrase, left with none of it.
        if (
            token.tag_ in ("VBG", "VBN")
            and token.dep_ == "advcl"
            and any(not c.is_punct for c in token.children)
            and all(c.i not in keep for c in token.children if not c.is_punct)
        ):
            return f"leaves “{token.text}” without what it says"
    attributed = any(token.i in keep and token.text.lower() in REPORTING_VERBS for token in doc)
    quoted = _quotation_fault(doc, keep, marks_may_go=attributed) or _message_cut(doc, keep)
    if quoted:
        return quoted
    for top in doc:
        if top.i in keep or top.head.i not in keep or top.is_punct:
            continue  # only the top of each deleted subtree
        reason = _why_not_droppable(doc, top, keep)
        if reason:
            return reason
    return None


def _completes_a_denial(top: Any, keep: set[int]) -> bool:
    """Whether a kept negation before `top` denies the clause it belongs to: on a word above it, up
    through the phrases and the clauses that complete a verb ("did not return [to harass her]
    [later on the trail]"), never out of a relative clause, an appositive or a second clause. An
    opening connective ("However, ... did not") is before the negation and outside what it denies."""
    node = top
    while node.dep_ not in _OUT_OF_A_DENIAL and node.head is not node:
        node = node.head
        if any(
            (c.dep_ == "neg" or c.lower_ in NEGATIONS) and c.i in keep and c.i < top.i for c in node.children
        ):
            return True
    return False


_OUT_OF_A_DENIAL = frozenset({"relcl", "acl", "appos", "conj", "parataxis", "ROOT"})


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
    # "An instant [later], he was ...": an adverb on a noun is what the noun measures; without
    # it the noun is left saying nothing.
    if top.dep_ == "advmod" and top.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return f"deletes what a measure of time says (“{shown}”)"
    # "fans can exchange [Saturday night's] for the new one": a possessive stands for a thing.
    if any(t.tag_ == "POS" for t in subtree):
        return f"deletes a possessive (“{shown}”)"
    if any(
        t.dep_ == "neg" or w in NEGATIONS or w.endswith("n't") for t, w in zip(subtree, lowered, strict=True)
    ):
        return f"deletes a negation (“{shown}”)"
    # "the famous song [Blue River Road]": an appositive no comma sets off says which one is meant.
    if top.dep_ == "appos" and subtree[0].i > 0 and not doc[subtree[0].i - 1].is_punct:
        return f"deletes which one a noun means (“{shown}”)"
    # "records show" as often parses as a noun phrase: the word is enough.
    if any(w in REPORTING_VERBS for w in lowered) or any(t.lemma_ in EVIDENCE_VERBS for t in subtree):
        return f"deletes who said it (“{shown}”)"
    # "researchers believed the soldiers had died [after the tunnel collapsed]": what someone
    # believed or found is claimed as they put it.
    if any(a.dep_ == "ccomp" and a.head.lemma_ in BELIEF_VERBS for a in top.ancestors):
        return f"deletes part of what someone believed or found (“{shown}”)"
    # "forced the president and chancellor [at the University of Missouri] to resign": a place
    # right after an office says whose it is, whatever word the parse hangs it on.
    if top.dep_ == "prep" and top.i > 0 and doc[top.i - 1].lower_ in OFFICES:
        return f"deletes whose office it is (“{shown}”)"
    # "at an increased risk [during hotter years]": a phrase that compares says when the claim holds.
    if top.dep_ in ("prep", "npadvmod", "advcl") and any(_compares(t) for t in subtree):
        return f"deletes the comparison a claim holds under (“{shown}”)"
    # "May 5" is a date, not the hedge "may".
    if any(w in HEDGES and t.ent_type_ not in _TIMES for t, w in zip(subtree, lowered, strict=True)):
        return f"deletes a hedge (“{shown}”)"
    if any(w in QUANTIFIERS for w in lowered):
        return f"deletes a quantifier (“{shown}”)"
    if any(_is_figure(t) for t in subtree):
        return f"deletes a figure (“{shown}”)"
    # A count's period is part of it ("sold 300 cars [in March]"); the day of an event is not
    # ("stranded 300 commuters [on Tuesday]").
    if _states_a_figure(top.head, keep) and not _names_a_day(subtree):
        return f"deletes what a figure is measured against (“{shown}”)"
    # "There was no call during the emergency": the time or circumstance of a negative claim is
    # its scope; without it, "no call" at all.
    if top.dep_ in ("prep", "npadvmod", "advcl") and any(
        t.text.lower() in NEGATIONS or t.dep_ == "neg"
        for t in top.head.subtree
        if t.i in keep and t not in subtree
    ):
        return f"deletes the scope of a negative claim (“{shown}”)"
    # "never tried to contact the family [during the trial]": a negation denies the clauses that
    # complete its verb too, and their time or circumstance is its scope.
    if top.dep_ in ("prep", "npadvmod", "advcl", "advmod") and _completes_a_denial(top, keep):
        return f"deletes the scope of a negative claim (“{shown}”)"
    # "told to keep them locked up [after business hours]": when an instruction applies is part of it.
    # The day it was told on may go ("urged ... during a meeting on Tuesday").
    if (
        top.dep_ in ("prep", "npadvmod", "advcl")
        and _instructed(top.head)
        and not (_names_a_day(subtree) and lowered[0] in EVENT_PREPOSITIONS | {"on"})
    ):
        return f"deletes when or where an instruction applies (“{shown}”)"
    # "isn't really the time" is not "isn't the time": what follows a negation is what it denies.
    if top.dep_ == "advmod" and any(
        c.dep_ == "neg" and c.i < top.i and c.i in keep for c in top.head.children
    ):
        return f"deletes what a negation bears on (“{shown}”)"
    # "fill one in 20 homes in California": where or when a figure holds is part of the figure.
    if top.dep_ == "prep" and _SHARE.search(
        " ".join(t.text for t in top.head.subtree if t.i in keep and t not in subtree)
    ):
        return f"deletes where or when a figure holds (“{shown}”)"
    end = subtree[-1].i + 1
    following = [t for t in doc[end:] if t.i in keep]
    # An aside ends at punctuation ("a virgin who had been in Vietnam three months": deleting up
    # to "Vietnam" leaves "three months" to the sentence around it).
    if (
        top.dep_ in ("appos", "relcl", "acl")
        and not subtree[-1].is_punct
        and end < len(doc)
        and not doc[end].is_punct
    ):
        return f"deletes an aside that runs on (“{shown}”)"
    # "drove to California [armed with used paint], paint stripper, Super Glue and acid": a phrase
    # ending in a noun that the words after it carry on as a list is the list's first item.
    if top.dep_ != "appos" and _list_goes_on(doc, subtree[-1].i):
        return f"deletes what may be the first item of a list (“{shown}”)"
    # A place's state or country is part of its name ("Madison, Wisconsin").
    if top.dep_ == "appos" and top.ent_type_ == "GPE" and top.head.ent_type_ == "GPE":
        return f"deletes part of a place's name (“{shown}”)"
    # "memories, of the light, the figures and a feeling of peace": an appositive listing things
    # is as often the rest of a list, misread.
    if top.dep_ == "appos" and any(c.dep_ == "conj" for c in top.children):
        return f"deletes what may be the rest of a list (“{shown}”)"
    # "with lawyer N and lobbyist A, who is a former officer": without "A", the clause about A
    # would be about the lawyer.
    if following and (
        following[0].lower_ in _RELATIVE_PRONOUNS
        or (len(following) > 1 and following[0].text == "," and following[1].lower_ in _RELATIVE_PRONOUNS)
    ):
        return f"deletes what the next clause is about (“{shown}”)"
    if top.dep_ == "cc":
        partner = _joined_by(top)
        return None if partner is not None and partner.i not in keep else f"deletes a conjunction (“{shown}”)"
    first = subtree[0].text.lower()
    links = [
        t.text.lower()
        for t in subtree
        if (t.dep_ in ("mark", "cc", "prep") and t.head.i == top.i) or t.i == top.i
    ]
    opening_pair = " ".join(lowered[:2])  # "now that Lehmkuhl resigned": a reason
    # "[now] that Lehmkuhl resigned": the parse may hang a link's first word on the verb alone.
    closing_pair = f"{lowered[-1]} {following[0].lower_}" if following else ""
    if (
        first in CONDITIONS_AND_CONTRASTS
        or opening_pair in CONDITIONS_AND_CONTRASTS
        or closing_pair in CONDITIONS_AND_CONTRASTS
        or any(w in CONDITIONS_AND_CONTRASTS for w in links)
    ):
        return f"deletes a condition, contrast or reason (“{shown}”)"
    # "charged with violating the law, operating a corrupt firm and other crimes": a participle
    # after a gerund is as often the next item of a list, misread.
    if (
        top.dep_ == "advcl"
        and top.tag_ == "VBG"
        and any(t.dep_ == "pcomp" and t.tag_ == "VBG" and t.i < top.i for t in top.head.subtree)
    ):
        return f"deletes what may be the rest of a list (“{shown}”)"
    # "when they freeze" in the present tense is a condition ("Things contract when they
    # freeze"); "When he left" in the past is a time.
    # Under "would" or "could" a "when" clause is a condition too ("would break less when they fell").
    conditional = top.tag_ in ("VBP", "VBZ") or any(
        c.dep_ == "aux" and c.lower_ in _HYPOTHETICAL for c in top.head.children
    )
    if top.dep_ == "advcl" and conditional and any(w in _WHEN for w in links + lowered[:1]):
        return f"deletes a condition (“{shown}”)"
    # "met Xi [to press China]", "contorted down [to be worked on horizontally]": what the action
    # is for, or what it comes to, is part of the claim.
    if top.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in top.children):
        return f"deletes what the action is for (“{shown}”)"
    if top.dep_ == "conj":
        return _conjunct_fault(top, shown)
    if top.dep_ in ("relcl", "acl") and not _after_comma(doc, subtree[0]):
        return f"deletes a restrictive clause (“{shown}”)"
    # A time, place or circumstance phrase of the verb may go, and a named time of a noun or the
    # named place of an event ("the talks at the State Department"); a phrase that narrows a noun
    # or an adjective ("songs on the dance chart", "invaluable as bait"), or says in what role,
    # may not; nor the place of any other noun ("the chancellor at the university": which one) or
    # of an event that has a phrase of its own ("the counting of ballots in South Florida").
    # "were [in Portugal] at the time": a place is all that "be" says of its subject.
    if (
        top.dep_ == "prep"
        and top.head.lemma_ == "be"
        and not _names_a_place_or_time(top, places=False)
        and not any(_predicate(c) and c.i in keep for c in top.head.children)
    ):
        return f"deletes what the sentence says of its subject (“{shown}”)"
    verb = next((t for t in top.ancestors if t.pos_ in ("VERB", "AUX")), None)  # "served from 2011 [in X]"
    if (
        top.dep_ == "prep"
        and verb is not None
        and verb.lemma_ in _PLACE_VERBS
        and _names_a_place_or_time(top)
    ):
        return f"deletes the place the verb is about (“{shown}”)"
    if top.dep_ == "prep" and (
        _bare_object(top)
        or first not in ASIDE_PREPOSITIONS
        or first == "as"
        or " ".join(lowered) in FIXED_PHRASES
        or (top.head.pos_ not in ("VERB", "AUX") and not _names_a_place_or_time(top))
        or (_narrowed(top.head, top) and not _names_a_place_or_time(top, places=False))
        or (
            top.head.pos_ in ("NOUN", "PROPN")
            and top.head.lemma_ not in EVENT_NOUNS
            and top.head.lower_ not in EVENT_NOUNS
            and not _names_a_place_or_time(top, places=False)
        )
        or (first not in EVENT_PREPOSITIONS and not _names_a_place_or_time(top))
    ):
        return f"deletes a phrase the claim needs (“{shown}”)"
    # An opening phrase frames all that follows ("In the narrow confines of the trial", "Under
    # early common law"): only a time may go.
    if top.dep_ == "prep" and top.i < top.head.i and not _names_a_place_or_time(top, places=False):
        return f"deletes the frame the claim holds in (“{shown}”)"
    # A bare time phrase of the verb ("Tuesday") may go; a measure ("just two months into their
    # marriage", "less than an hour after") or a misread subject ("a night just like this one
    # changed his life") may not.
    if top.dep_ == "npadvmod" and (
        any(t.like_num for t in subtree)
        or top.head.pos_ not in ("VERB", "AUX")
        or top.ent_type_ not in _TIMES
    ):
        return f"deletes a measure (“{shown}”)"
    if top.dep_ == "advmod" and (len(subtree) > 1 or first not in SENTENCE_ADVERBS):
        return f"deletes an adverb the claim needs (“{shown}”)"
    # A contrast can be one of times or degrees ("defeated at that time, but [then] supported";
    # "denied it, but [later] admitted it"): in a clause a contrast joins, no adverb goes.
    if top.dep_ == "advmod" and _contrasted(top.head):
        return f"deletes an adverb a contrast rests on (“{shown}”)"
    # An adjective narrows what it names: "adjacent stations", "intellectual progress", "early
    # common law", "Chinese firms" are not any stations, progress, law or firms.
    if top.dep_ == "amod":
        return f"deletes a modifier that changes who or what (“{shown}”)"
    return None


def _compares(token: Any) -> bool:
    """A comparative adjective ("busier", "colder"; the parser tags some as plain adjectives)."""
    return token.tag_ == "JJR" or (
        token.pos_ == "ADJ" and token.lower_.endswith("er") and token.lower_ not in _NOT_COMPARATIVES
    )


def _list_goes_on(doc: Any, last: int) -> bool:
    """Whether the words after `last`, a noun, read as the rest of a list it began: a comma, then
    a noun phrase that has its own conjuncts (", paint stripper, Super Glue and acid")."""
    if doc[last].pos_ not in ("NOUN", "PROPN") or last + 2 >= len(doc) or doc[last + 1].text != ",":
        return False
    item = doc[last + 2]
    while item.dep_ in ("compound", "amod", "det", "nummod", "poss") and item.head.i > item.i:
        item = item.head
    return item.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "conj" for c in item.children)


def _narrowed(noun: Any, phrase: Any) -> bool:
    """Whether a noun (not a verb) is already narrowed by a phrase or clause besides `phrase`
    ("the counting of ballots", "officials who run it"; a time or place is none) or narrows
    another noun itself ("the hiring of drivers"): a place beside it says which ones."""
    if noun.pos_ in ("VERB", "AUX"):
        return False
    of_a_noun = noun.dep_ == "pobj" and noun.head.head.pos_ in ("NOUN", "PROPN", "PRON")
    return of_a_noun or any(
        c.i != phrase.i
        and (c.dep_ in ("acl", "relcl") or (c.dep_ == "prep" and not _names_a_place_or_time(c)))
        for c in noun.children
    )


def _predicate(token: Any) -> bool:
    """What a form of "be" can say of its subject: a noun, an adjective, or a phrase other than a time."""
    if token.dep_ in ("attr", "acomp", "oprd", "xcomp"):
        return True
    return (
        token.dep_ == "prep"
        and not _names_a_place_or_time(token, places=False)
        and not any(c.dep_ == "pobj" and c.lemma_ in ("time", "moment") for c in token.children)
    )


def _names_a_day(phrase: Sequence[Any]) -> bool:
    """Whether a phrase names a day or a time of day ("on Tuesday", "on May 5", "at 3 p.m."), not a
    span ("in March", "this year", "so far")."""
    return any(
        t.lower_ in _DAYS
        or t.ent_type_ == "TIME"
        or (t.lower_ in MONTHS and any(n.like_num and n.i in (t.i - 1, t.i + 1) for n in phrase))
        for t in phrase
    )


def _instructed(verb: Any) -> bool:
    """Whether `verb` is what someone is told to do: under must or should, an imperative, or inside
    the clause of an instruction verb ("told to keep them locked", "urged to stay"), but not that
    verb itself."""
    for token in [verb, *verb.ancestors]:
        if token.i != verb.i and token.lemma_ in INSTRUCTION_VERBS:
            return True
        if any(c.dep_ == "aux" and c.lower_ in OBLIGATIONS for c in token.children):
            return True
        if (
            token.dep_ == "ROOT"
            and token.tag_ == "VB"
            and not any(c.dep_ in _SUBJECTS for c in token.children)
        ):
            return True
        if token.dep_ in ("relcl", "advcl", "parataxis"):  # another clause's verb is no instruction
            return False
    return False


def _message_cut(doc: Any, keep: set[int]) -> str | None:
    """A run of capital words ("WHEN YOU CAME TO THE SHOW IN S.D.") is a message or heading quoted
    as written: it goes whole or stays."""
    run: list[Any] = []
    for token in [*doc, None]:
        if token is not None and token.text.isupper() and any(ch.isalpha() for ch in token.text):
            run.append(token)
            continue
        kept = [t.i in keep for t in run]
        if len(run) >= _MESSAGE_WORDS and any(kept) and not all(kept):
            return f"deletes part of a message in capitals (“{' '.join(t.text for t in run)}”)"
        run = []
    return None


def _bare_object(preposition: Any) -> bool:
    """A lone noun after the preposition, no article, no modifier, no time ("after taxes", "before
    use"): a qualifier of the claim, not an event or a place beside it."""
    objects = [t for t in preposition.children if t.dep_ == "pobj"]
    return (
        len(objects) == 1
        and objects[0].pos_ == "NOUN"
        and not any(True for _ in objects[0].children)
        and objects[0].lower_ not in _TIME_WORDS
        and objects[0].ent_type_ not in _TIMES
    )


def _names_a_place_or_time(preposition: Any, places: bool = True) -> bool:
    """A time ("the talks on Wednesday", "in the past week"), or, unless not `places`, where
    ("the talks at the State Department"; `place_prepositions.txt`)."""
    objects = [t for t in preposition.children if t.dep_ == "pobj"]
    if not objects:
        return False
    if all(t.ent_type_ in _TIMES or t.lower_ in _TIME_WORDS for t in objects):
        return True
    named = all(t.ent_type_ in _PLACES for t in objects)
    return places and named and preposition.lower_ in _PLACE_PREPOSITIONS


def _contrasted(verb: Any) -> bool:
    """Whether `verb`'s clause is one side of a contrast: "but" or "yet" joins it to another, or
    "although", "though", "whereas" or "while" opens it."""
    joins = [c for c in (*verb.children, *verb.head.children) if c.dep_ == "cc" and c.lower_ in _CONTRASTS]
    return any(getattr(_joined_by(c), "i", None) == verb.i or c.head.i == verb.i for c in joins) or any(
        c.dep_ == "mark" and c.lower_ in _CONTRASTS for c in verb.children
    )


def _joined_by(cc: Any) -> Any:
    """The conjunct a coordinating conjunction joins to its head (None: `cc` is none)."""
    if cc.dep_ != "cc":
        return None
    return next((t for t in cc.head.children if t.dep_ == "conj" and t.i > cc.i), None)


def _conjunct_fault(conj: Any, shown: str) -> str | None:
    """A second clause joined by "and" goes whole; a conjunct of a noun phrase or list does not."""
    if conj.pos_ not in ("VERB", "AUX") or conj.head.pos_ not in ("VERB", "AUX"):
        return f"deletes part of a list or noun phrase (“{shown}”)"
    # "when she isn't sitting [and staring]": a negation denies both together.
    if any(c.dep_ == "neg" for c in conj.head.children):
        return f"deletes part of what a negation denies (“{shown}”)"
    # "borrowing a page [and staking out stores] pays off": the claim is about both.
    if conj.head.dep_ in _SUBJECTS:
        return f"deletes part of the subject (“{shown}”)"
    joined_by = [t.text.lower() for t in conj.head.children if t.dep_ == "cc" and t.i < conj.i]
    if not joined_by:  # a clause after a bare comma is as often the sentence's own verb, misread
        return f"deletes a clause no “and” joins (“{shown}”)"
    if joined_by[-1] != "and":
        return f"deletes an alternative or contrast (“{shown}”)"
    # "was given antibiotics [and eventually recovered], but his case ...": a contrast after it
    # weighs both clauses.
    if any(
        c.dep_ == "cc" and c.i > conj.i and c.lower_ in CONDITIONS_AND_CONTRASTS for c in conj.head.children
    ):
        return f"deletes what a contrast after it weighs (“{shown}”)"
    return None


def _states_a_figure(token: Any, keep: set[int]) -> bool:
    """Whether a kept word carries a figure ("down 50 percent", "$5 million", "sold 300 cars"):
    what qualifies it (since when, compared with what, over which period) is part of the figure.
    A count in its subject ("two leaders met") says who, not how much."""
    if token.i in keep and _is_figure(token):
        return True
    return any(
        _is_figure(child) or any(g.i in keep and _is_figure(g) for g in child.children)
        for child in token.children
        if child.i in keep and child.dep_ not in _SUBJECTS
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


def _quotation_fault(doc: Any, keep: set[int], marks_may_go: bool) -> str | None:
    """Quoted words are someone's exact words: they go all together or not at all. Their marks go
    only with them (unless the sentence keeps who said it): dropping the marks from kept words
    turns what someone said into what the brief asserts."""
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
        if (opening in keep) != (closing in keep):
            return "keeps one quotation mark of a pair"
        inside = range(opening + 1, closing)
        kept_inside = sum(i in keep for i in inside)
        if 0 < kept_inside < len(inside):
            return "deletes words from a quotation"
        if kept_inside and not marks_may_go and (opening not in keep or closing not in keep):
            return "drops the quotation marks of words it keeps"
    return None


def shorter_wordings(source: str, most: int) -> list[str]:
    """Up to `most` shorter wordings of `source`, each deleting whole constituents `forbidden`
    allows (with the commas, brackets or dashes that set them off), shortest first.

    Each allowed constituent alone, every pair of them, and all of them together: the pairs and
    the whole set are checked again, since two deletions that each stand alone can leave a
    sentence that does not ("keeps X but deletes the Y it belongs to"). A connective that opens
    the sentence ("But", "Specifically,") points at a sentence the brief does not have, so it
    may always go.
    """
    doc = parse(source)
    everything = frozenset(range(len(doc)))
    opener = _opening_connective([t.lower_ for t in doc])

    def allowed(deleted: frozenset[int]) -> bool:
        return forbidden(source, sorted((everything - deleted) | opener)) is None

    def glued(aside: frozenset[int]) -> bool:
        """Part of a word ("high" of "high-level"), or after "a"/"an", whose form agrees with it."""
        first, last = min(aside), max(aside)
        return (
            (first > 0 and not doc[first - 1].whitespace_ and doc[first].text not in _SEPARATORS)
            or (last + 1 < len(doc) and not doc[last].whitespace_ and doc[last + 1].text not in _SEPARATORS)
            or (first > 0 and doc[first - 1].lower_ in ("a", "an"))
        )

    asides = [opener] if opener else []
    owned: frozenset[int] = frozenset()  # commas after an aside that are its own
    for top in doc:
        if top.dep_ not in _DROPPABLE or top.is_punct or top.head.i == top.i or top.i in opener:
            continue
        aside = _set_off(doc, top)
        if (comma := _comma_it_owns(doc, top)) is not None:
            owned |= {comma}
        if aside and aside not in asides and not glued(aside) and allowed(aside):
            asides.append(aside)
    # Each alone (one inside another too: "during the talks" of "to help ... during the talks"),
    # and the outermost in pairs and all together (every pair of all of them costs too many parses
    # in a long sentence).
    outermost = [a for a in asides if not any(a < b for b in asides)]
    combinations = [
        *({a} for a in asides),
        *({a, b} for i, a in enumerate(outermost) for b in outermost[i + 1 :]),
    ]
    if len(outermost) > 2:
        combinations.append(set(outermost))
    wordings: dict[str, int] = {}
    for combination in combinations:
        deleted = frozenset().union(*combination)
        if len(combination) > 1 and not allowed(deleted):
            continue
        text = _render(doc, sorted(everything - deleted), owned & deleted)
        if text and text not in wordings:
            wordings[text] = len(everything - deleted)
    return sorted(wordings, key=wordings.__getitem__)[:most]


def without_opening_connective(sentence: str) -> str | None:
    """The sentence without the connective it opens with (None: it opens with none)."""
    doc = parse(sentence)
    opener = _opening_connective([t.lower_ for t in doc])
    return _render(doc, [i for i in range(len(doc)) if i not in opener]) if opener else None


def opens_with_connective(text: str) -> bool:
    """Whether a sentence opens with words that point at a sentence before it ("But", "However,",
    "By contrast,")."""
    return bool(_opening_connective([t.lower() for t in tokens(text.lstrip(" \"“‘'"))]))


def _opening_connective(words: Sequence[str]) -> frozenset[int]:
    """The indices of the opening connective and the comma after it, if `words` (a sentence's
    lower-case tokens) open with one; a phrase counts only when a comma follows it."""
    for phrase in _CONNECTIVE_PHRASES:
        n = len(phrase)
        if len(words) > n + 1 and tuple(words[:n]) == phrase and (n == 1 or words[n] == ","):
            return frozenset(range(n + 1 if words[n] == "," else n))
    return frozenset()


def _set_off(doc: Any, top: Any) -> frozenset[int]:
    """The token indices of `top`'s subtree, with the punctuation that sets it off: a comma or
    dash before it, a comma after it when one came before or it opens the sentence, and the
    brackets around it."""
    first, last = top.left_edge.i, top.right_edge.i
    joining = [
        t.i for t in top.head.children if t.dep_ == "cc" and getattr(_joined_by(t), "i", None) == top.i
    ]
    if top.dep_ == "conj" and joining:  # a second clause goes with its "and"
        first = min(first, joining[-1])
    before = doc[first - 1].text if first > 0 else None
    after = doc[last + 1].text if last + 1 < len(doc) else None
    if before == "(" and after == ")":
        return frozenset(range(first - 1, last + 2))
    start, end = first, last
    # ", even before the votes were tallied": a comma before the clause "even" opens is the
    # clause's, and stays with it.
    opens_its_head = top.head.i != top.i and top.head.left_edge.i == first and top.head.i > last
    # "Okafor, the head of the fire service,[ earlier] said": that comma closes the aside before.
    closes_an_aside = before == "," and _closes_an_aside(doc, first - 1)
    if before in (",", "—", "–", "--", ";") and not opens_its_head and not closes_an_aside:
        start = first - 1
    if after in (",", "—", "–", "--") and (
        start < first or first == 0 or closes_an_aside or _comma_it_owns(doc, top) == last + 1
    ):
        end = last + 1
    if end == len(doc) - 1 and doc[end].is_punct:  # never the final full stop
        end -= 1
    return frozenset(range(start, end + 1))


def _closes_an_aside(doc: Any, comma: int) -> bool:
    """Whether the comma at `comma` ends an appositive or a relative clause that a comma opened."""
    return any(
        t.dep_ in ("appos", "relcl") and t.right_edge.i == comma - 1 and doc[t.left_edge.i - 1].text == ","
        for t in [doc[comma - 1], *doc[comma - 1].ancestors]
        if t.left_edge.i > 0
    )


def _comma_it_owns(doc: Any, top: Any) -> int | None:
    """The comma ending `top`'s subtree, or just after it, that is its own though none came before
    it: it closes a clause the subtree opens ("said that[ when they met last summer,] she was 22")
    or a clause inside it ("that started in Missouri[ and reached Yale, where deans resigned,]
    has reached")."""
    first, last = top.left_edge.i, top.right_edge.i
    comma = last if doc[last].text == "," else last + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    opens_a_clause = first > 0 and doc[first - 1].dep_ == "mark" and doc[first - 1].head.i == top.head.i
    closes_one_inside = any(
        t.dep_ in ("relcl", "advcl")
        and t.right_edge.i == comma - 1
        and t.left_edge.i > first
        and doc[t.left_edge.i - 1].text == ","
        for t in top.subtree
    )
    return comma if opens_a_clause or closes_one_inside else None


def _render(doc: Any, keep: Sequence[int], owned: frozenset[int] = frozenset()) -> str:
    """The kept tokens as a sentence: the source's own spacing, the first letter capitalised and
    a full stop where the sentence's own end was deleted.

    A comma that closed a deleted run it did not open still separates what it separated: "died
    at his home in Charlottesville, Virginia, a statement said" keeps the comma before "a
    statement said" without the place; unless it was the run's own (`owned`).
    """
    kept = set(keep)
    for i in range(1, len(doc) - 1):
        if (
            doc[i].text == ","
            and i not in kept
            and i not in owned
            and i + 1 in kept
            and not doc[i + 1].is_punct
            and (previous := max((k for k in kept if k < i), default=None)) is not None
            and previous != i - 1
            and not doc[previous].is_punct
            and doc[previous + 1].text != ","
        ):
            kept.add(i)
    parts: list[str] = []
    for i in sorted(kept):
        if parts and i - 1 not in kept and not parts[-1].endswith(" ") and not doc[i].is_punct:
            parts.append(" ")
        parts.append(doc[i].text + doc[i].whitespace_)
    text = re.sub(r"\s+", " ", "".join(parts)).strip()
    text = re.sub(r"\s+([,.;:!?)])", r"\1", text)
    text = re.sub(r"^[\s,;:—–-]+", "", text)
    if not text:
        return ""
    if not re.search(r"[.!?][\"”’)]*$", text):
        text = text.rstrip(",;:—– ") + "."
    return text[0].upper() + text[1:]
