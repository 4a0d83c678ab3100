"""Verify: a rewritten sentence is untrusted until its sources bear out every detail.

`judge` holds the whole rule for accepting a draft in place of its fact's best sentence. A copy
of a source sentence is no rewrite, and a draft that saves too few words wins no room; anything
else must pass `verify`. A draft may only delete from the sentence it was written from, whole
constituents of the kinds that do not change a claim (`summarizer.text.constituents`): a
rewording, a dropped hedge, negation, condition, contrast or speaker, or a phrase cut in half is
rejected whatever else it gets right. On 474 labelled pairs (evaluation/benchmark) that rule
rejects every unfaithful one; word checks alone passed a quarter. It also must be one plain
sentence (no chatter, list or second sentence) no longer
than the sentence it would replace, whose subject opens one of its sources (a cheap guard
against swapped roles), every name, number, date word and quoted passage of which appears in
the fact's source sentences, that adds almost no content words of its own, keeps most of what
one source sentence says (condensing, not cutting the fact down), keeps the sources' polarity
(no negation they lack, none dropped from the sentence it restates), keeps who said it when
that sentence attributes its claim and names no speaker when it does not, keeps a quotation's
marks unless it says who spoke, does not stop where that sentence's phrase goes on ("sold
alcohol" from "sold alcohol to minors"; stopping before a trailing circumstance, time or place such as "amid
rising tensions" is fine), says no word more often than its sources do (a stutter), and stays
close in meaning to them. The checks that no further words can undo also run while a draft is
written (`doomed`), so a draft sure to be rejected stops there instead of setting the length of
its batch. A rejected draft is replaced by the fact's best source sentence; citations always
come from the fact, never from the model's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import numpy as np

from summarizer.text.constituents import ASIDE_PREPOSITIONS, forbidden, kept_tokens
from summarizer.text.lexicon import (
    CIRCUMSTANCE_OPENERS,
    CONNECTIVES,
    DATE_WORDS,
    NEGATIONS,
    NUMBER_WORDS,
    REPORTING_VERBS,
)
from summarizer.text.normalise import plain_quotes, word_count, wording
from summarizer.text.numbers import DIGITS
from summarizer.text.overlap import NOT_CONTENT, WORD, content_stems, coverage
from summarizer.text.split import split_text
from summarizer.text.stem import stem
from summarizer.tuning import Tuning
from summarizer.types import Fact, Sentence

_CHATTER = re.compile(
    r"^(?:sure|here\b|okay|ok\b|certainly|note\b|i\b|i'm|as an ai|the sources?\b|these sources|"
    r"this sentence|sentence\b|summary\b|in summary|according to the sources?)|\bsources? (?:say|report)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s")
_FINAL_STOP = re.compile(r"[.!”\"’]$")  # a statement ends so; a question or an open clause does not


class Outcome(StrEnum):
    ACCEPTED = "accepted"  # the draft replaces its fact's sentence
    COPY = "copy"  # one of its source sentences again: the sentence stands, extracted
    SAVES_TOO_LITTLE = "saves too little"  # true, but it wins no room: the sentence stands
    REJECTED = "rejected"  # it fails a check: the sentence stands, and the draft counts as rejected


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    reason: str = ""

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.ACCEPTED


def judge(
    draft: str,
    fact: Fact,
    draft_vector: np.ndarray,
    source_vectors: np.ndarray,
    *,
    tuning: Tuning,
    meaning_floor: float,
) -> Verdict:
    """Whether a draft replaces its fact's best sentence in the brief.

    `source_vectors` are the unit vectors of `fact.sources`, row for row.
    """
    text = " ".join(draft.split())
    if copies(text, fact.members):
        return Verdict(Outcome.COPY, "a copy of a source sentence")
    verdict = verify(
        text, fact.sources, draft_vector, source_vectors, tuning=tuning, meaning_floor=meaning_floor
    )
    if verdict.passed and fact.representative.words - word_count(text) < tuning.min_words_saved:
        return Verdict(Outcome.SAVES_TOO_LITTLE, f"saves fewer than {tuning.min_words_saved} words")
    return verdict


def verify(
    draft: str,
    sources: Sequence[Sentence],
    draft_vector: np.ndarray,
    source_vectors: np.ndarray,
    *,
    tuning: Tuning,
    meaning_floor: float,
) -> Verdict:
    """Whether `draft` says what these source sentences say and nothing more, in one plain sentence.

    `sources[0]` is the sentence the draft would replace: the fact's representative.
    """
    text = " ".join(draft.split())
    source_text = " ".join(s.text for s in sources)
    # Lasting faults first: a draft stopped early because of one (`doomed`) is rejected for it,
    # not for being short or unfinished, so the log says why its generation stopped.
    fault = _lasting_fault(text, sources)
    if fault:
        return _rejected(fault)
    checks = (
        (word_count(text) >= tuning.min_draft_words, "too short"),
        ("\n" not in draft.strip() and not _LIST_ITEM.match(draft), "a list or several lines"),
        (_FINAL_STOP.search(text) is not None, "unfinished (no final punctuation)"),
        (len(split_text(text)) == 1, "more than one sentence"),
        (not _quote_marks_unbalanced(text), "a quotation opened and not closed"),
    )
    for passed, reason in checks:
        if not passed:
            return _rejected(reason)
    novel = _novel_share(text, source_text)
    if novel > tuning.novel_word_share:
        return _rejected(f"{novel:.0%} of its content words are not in its sources")
    kept, restated = max((coverage(s.text, text), s.text) for s in sources)
    if kept < tuning.kept_content_share:
        return _rejected(f"keeps only {kept:.0%} of what any source sentence says")
    # The bag-of-words checks above pass a sentence cut short in ways that change what it says.
    if _negated(restated) and not _negated(text):
        return _rejected("drops a negation or hedge of the sentence it restates")
    says_who, restated_says_who = _attributed(text), _attributed(restated)
    if restated_says_who and not says_who:
        return _rejected("drops who said it")
    if says_who and not restated_says_who:
        return _rejected("adds a speaker the sentence it restates does not name")
    unquoted = None if says_who else _unquoted(text, restated)
    if unquoted:
        return _rejected(f"states a quotation as fact, without its quotation marks: {unquoted!r}")
    if _cut_mid_phrase(text, [s.text for s in sources]):
        return _rejected("stops where its source's phrase goes on")
    tokens_kept = kept_tokens(sources[0].text, text)
    if tokens_kept is None:
        return _rejected("rewords its sentence instead of deleting from it")
    deleted = forbidden(sources[0].text, tokens_kept)
    if deleted:
        return _rejected(deleted)
    closeness = float(np.max(source_vectors @ draft_vector))
    if closeness < meaning_floor:
        return _rejected(f"meaning drifted (similarity {closeness:.2f})")
    return Verdict(Outcome.ACCEPTED)


def doomed(partial: str, sources: Sequence[Sentence]) -> bool:
    """Whether a draft still being written has already failed a check that no further words undo.

    Its verdict is settled, so its generation can stop: a batch of drafts takes as long as its
    longest row, and a row heading for rejection need not set that length. Only finished words
    are judged, since the last one may still grow ("Chin" -> "China").
    """
    finished = re.sub(r"\S+$", "", partial)
    return _lasting_fault(finished, sources) is not None or not _deletes_only(finished, sources[0].text)


def copies(text: str, sources: Sequence[Sentence]) -> bool:
    """Whether a draft is one of its source sentences again, but for case, spacing and punctuation."""
    return any(wording(text) == wording(s.text) for s in sources)


def too_long(draft: str, replaced: Sentence) -> bool:
    """Longer than the sentence it would replace, in words or characters: a rewrite is there to
    condense, and a longer draft takes room from the brief's other facts for nothing its sources
    do not already say."""
    return word_count(draft) > replaced.words or len(" ".join(draft.split())) > len(replaced.text)


def unsupported_details(text: str, source_text: str) -> list[str]:
    """Names, numbers, date words and quotations of the draft that its sources do not contain."""
    source_lower, source_words, source_numbers = _vocabulary(source_text)
    missing: list[str] = []
    for index, word in enumerate(WORD.findall(text)):
        lower = word.lower().strip("'’")
        is_name = word[0].isupper() and not (index == 0 and lower in NOT_CONTENT)
        if (is_name or lower in NUMBER_WORDS or lower in DATE_WORDS) and lower not in source_words:
            missing.append(word)
    missing += [n for n in DIGITS.findall(text) if n.replace(",", "") not in source_numbers]
    missing += [
        f"“{q}”"
        for q in _QUOTED.findall(plain_quotes(text))
        if " ".join(q.lower().split()) not in source_lower
    ]
    return missing


def _rejected(reason: str) -> Verdict:
    return Verdict(Outcome.REJECTED, reason)


def _lasting_fault(text: str, sources: Sequence[Sentence]) -> str | None:
    """The first failed check that holds for every continuation of `text` (None: none failed).

    Each of these can only start to fail as words are added, never stop failing: too many words,
    a word its sentence does not have where it has it (a rewording), an opening that is chatter,
    a subject no source opens with, a name or number the sources lack, a negation they lack, a
    word said more often than any source sentence says it.
    """
    source_text = " ".join(s.text for s in sources)
    if too_long(text, sources[0]):
        return "longer than the source sentence it would replace"
    if _CHATTER.search(text):
        return "chatter instead of a sentence"
    subject = _opening_name(text)
    if subject and subject not in {_opening_name(s.text) for s in sources}:
        return f"its subject ({subject}) opens none of its sources"
    missing = unsupported_details(text, source_text)
    if missing:
        return f"not in its sources: {', '.join(missing[:5])}"
    if _negated(text) and not _negated(source_text):
        return "adds a negation its sources lack"
    repeated = _repeated_word(text, [s.text for s in sources])
    if repeated:
        return f"says {repeated!r} more often than any source sentence (a stutter)"
    return None


def _deletes_only(text: str, sentence: str) -> bool:
    """Whether the words of `text` appear in `sentence` in the same order (punctuation aside): a
    cheap test, run at every step of generation, that a draft is still a deletion."""
    remaining = iter(w.lower() for w in WORD.findall(sentence))
    return all(any(w.lower() == s for s in remaining) for w in WORD.findall(text))


def _quote_marks_unbalanced(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _opening_name(text: str) -> str | None:
    """The first name in a sentence, usually its subject ("The United States pressed China" -> united).

    Bag-of-words checks cannot see who did what to whom; a draft whose subject is not the subject
    of any source ("China pressed the United States") has swapped the roles.
    """
    for word in WORD.findall(text):
        if word[0].isupper() and word.lower() not in NOT_CONTENT and word.lower() not in CONNECTIVES:
            return word.lower().removesuffix("'s").removesuffix("’s")
    return None


@lru_cache(maxsize=256)
def _vocabulary(source_text: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """The sources' text for quotations, their words and their numbers; cached, since a draft
    being written is checked against the same sources at every step (`doomed`)."""
    return (
        " ".join(plain_quotes(source_text).lower().split()),
        frozenset(w.lower().strip("'’") for w in WORD.findall(source_text)),
        frozenset(n.replace(",", "") for n in DIGITS.findall(source_text)),
    )


def _negated(text: str) -> bool:
    return any(w.lower() in NEGATIONS or w.lower().endswith("n't") for w in WORD.findall(text))


def _attributed(text: str) -> bool:
    return any(w.lower() in REPORTING_VERBS for w in WORD.findall(text))


def _unquoted(text: str, restated: str) -> str | None:
    """A quotation of the restated sentence that the draft repeats outside quotation marks.

    Dropping the marks turns what someone said into what the brief asserts.
    """
    draft = plain_quotes(text).lower()
    quoted_in_draft = " ".join(_QUOTED.findall(draft))
    for quotation in _QUOTED.findall(plain_quotes(restated).lower()):
        words = " ".join(quotation.split()).strip(" .,")
        if words and words in draft and words not in quoted_in_draft:
            return words
    return None


def _cut_mid_phrase(text: str, sources: Sequence[str]) -> bool:
    """Whether the draft's last three words run on in its sources with no clause break after them.

    "charged with the sale of alcohol." from "... the sale of alcohol to minors." says something
    else. A draft whose ending appears nowhere in its sources is not judged here.
    """
    tail = [w.lower() for w in WORD.findall(text)][-3:]
    if len(tail) < 3:
        return False
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, tail)) + r"\b([^\w]*)(\w*)")
    endings = [m for source in sources for m in pattern.finditer(plain_quotes(source).lower())]
    return bool(endings) and all(
        m.group(2)
        and m.group(2) not in CIRCUMSTANCE_OPENERS
        and m.group(2) not in ASIDE_PREPOSITIONS
        and not re.search(r"[,;:.!?()—–]", m.group(1))
        for m in endings
    )


def _repeated_word(text: str, sources: Sequence[str]) -> str | None:
    """A content word the draft says more often than any one source sentence does.

    A small model stitching words together can say a phrase twice ("on Sunday late on Sunday
    evening"): every word is in its sources, so only counting catches it.
    """
    in_sources = [content_stems(source) for source in sources]
    for word, count in content_stems(text).items():
        if count > 1 and all(said[word] < count for said in in_sources):
            return word
    return None


def _novel_share(text: str, source_text: str) -> float:
    source = {stem(w.lower()) for w in WORD.findall(source_text)}
    content = [stem(w.lower()) for w in WORD.findall(text) if w.lower() not in NOT_CONTENT]
    return sum(w not in source for w in content) / len(content) if content else 1.0
