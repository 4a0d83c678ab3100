"""Verify: a generated sentence is untrusted until its sources bear out every detail.

A draft passes only if it is one plain sentence (no chatter, list or second sentence) no longer
than the source sentence it would replace, its
subject opens one of its sources (a cheap guard against swapped roles), every name, number,
date word and quoted passage in it appears in the fact's source sentences, it adds
almost no content words of its own, it keeps most of what one source sentence says (condensing,
not cutting the fact down), it keeps the sources' polarity (no negation they lack, none dropped
from the sentence it restates), keeps who said it when that sentence attributes its claim and
names no speaker when it does not, keeps a quotation's marks unless it says who spoke, does
not stop where that sentence's phrase goes on ("sold alcohol" from "sold alcohol to minors";
stopping before a trailing circumstance such as "amid rising tensions" is fine),
says no word more often than its sources do (a stutter), and it stays close in meaning to them.
The checks that no further words can undo also run while a draft is generated (`doomed`), so
a draft sure to be rejected stops there instead of setting the length of its batch.
A draft that fails is replaced by the fact's best source sentence; citations always come from
the fact, never from the model's text.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from summarizer.sentences import split_text
from summarizer.types import Sentence

MIN_WORDS = 6
NOVEL_WORD_SHARE = 0.15  # content words absent from the sources, as a share of the draft's
# Of the content words of the source sentence it restates best, the share a draft must keep. A
# draft that keeps less has cut the fact down, not condensed it: shorter, but it loses the fact's
# substance. 0.6 lets a condensed sentence drop titles and asides (see tests/test_fusion.py).
KEPT_CONTENT_SHARE = 0.6
MEANING_FLOOR = 0.75  # cosine to the closest source sentence (MiniLM)

_CHATTER = re.compile(
    r"^(?:sure|here\b|okay|ok\b|certainly|note\b|i\b|i'm|as an ai|the sources?\b|these sources|"
    r"this sentence|sentence\b|summary\b|in summary|according to the sources?)|\bsources? (?:say|report)",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NUMBER_WORDS = frozenset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "thousand million billion trillion dozen dozens half first second third fourth fifth sixth seventh "
    "eighth ninth tenth once twice".split()
)
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "yesterday today tomorrow tonight week month year".split()
)
_NEGATIONS = frozenset("not no never none nor n't without neither cannot".split())
_STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being has have had "
    "do does did will would shall should can could may might must that this these those it its their "
    "his her he she they them we us our you your i me my which who whom whose what when where why how "
    "than then there here also into over about after before during while since until amid against "
    "between through up down out off so such very more most other some any all both each few many much "
    "said says say told according".split()
)
# Words that open a trailing circumstance: what comes before them stands as a sentence.
_CIRCUMSTANCE = frozenset("amid while following despite".split())
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_ATTRIBUTION = frozenset(
    "said says say told tells according reported claimed claims alleged alleges added adds wrote writes "
    "stated announced insisted argued warned".split()
)


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reason: str = ""


def verify(
    draft: str, sources: Sequence[Sentence], draft_vector: np.ndarray, source_vectors: np.ndarray
) -> Verdict:
    """Whether `draft` may stand in the brief for these source sentences.

    `sources[0]` is the sentence the draft would replace: the fact's representative.
    """
    text = " ".join(draft.split())
    source_text = " ".join(s.text for s in sources)
    words = text.split()
    # Lasting faults first: a draft stopped early because of one (`doomed`) is rejected for it,
    # not for being short or unfinished, so the log says why its generation stopped.
    fault = _lasting_fault(text, sources)
    if fault:
        return Verdict(False, fault)
    checks = (
        (len(words) >= MIN_WORDS, "too short"),
        (
            "\n" not in draft.strip() and not re.match(r"^\s*(?:[-*•]|\d+[.)])\s", draft),
            "a list or several lines",
        ),
        (re.search(r"[.!”\"’]$", text) is not None, "unfinished (no final punctuation)"),
        (len(split_text(text)) == 1, "more than one sentence"),
    )
    for passed, reason in checks:
        if not passed:
            return Verdict(False, reason)
    if _quote_marks_unbalanced(text):
        return Verdict(False, "a quotation opened and not closed")
    novel = _novel_share(text, source_text)
    if novel > NOVEL_WORD_SHARE:
        return Verdict(False, f"{novel:.0%} of its content words are not in its sources")
    kept, restated = max((_kept_share(text, s.text), s.text) for s in sources)
    if kept < KEPT_CONTENT_SHARE:
        return Verdict(False, f"keeps only {kept:.0%} of what any source sentence says")
    # The bag-of-words checks above pass a sentence cut short in ways that change what it says.
    if _negated(restated) and not _negated(text):
        return Verdict(False, "drops a negation or hedge of the sentence it restates")
    says_who, restated_says_who = _attributed(text), _attributed(restated)
    if restated_says_who and not says_who:
        return Verdict(False, "drops who said it")
    if says_who and not restated_says_who:
        return Verdict(False, "adds a speaker the sentence it restates does not name")
    unquoted = None if says_who else _unquoted(text, restated)
    if unquoted:
        return Verdict(False, f"states a quotation as fact, without its quotation marks: {unquoted!r}")
    source_texts = [s.text for s in sources]
    if _cut_mid_phrase(text, source_texts):
        return Verdict(False, "stops where its source's phrase goes on")
    closeness = float(np.max(source_vectors @ draft_vector))
    if closeness < MEANING_FLOOR:
        return Verdict(False, f"meaning drifted (similarity {closeness:.2f})")
    return Verdict(True)


def doomed(partial: str, sources: Sequence[Sentence]) -> bool:
    """Whether a draft still being written has already failed a check that no further words undo.

    Its verdict is settled, so its generation can stop: a batch of drafts takes as long as its
    longest row, and a row heading for rejection need not set that length. Only finished words
    are judged, since the last one may still grow ("Chin" -> "China").
    """
    finished = re.sub(r"\S+$", "", partial)
    return _lasting_fault(finished, sources) is not None


def _lasting_fault(text: str, sources: Sequence[Sentence]) -> str | None:
    """The first failed check that holds for every continuation of `text` (None: none failed).

    Each of these can only start to fail as words are added, never stop failing: too many words,
    an opening that is chatter, a subject no source opens with, a name or number the sources
    lack, a negation they lack, a word said more often than any source sentence says it.
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


def too_long(draft: str, replaced: Sentence) -> bool:
    """Longer than the sentence it would replace, in words or characters: fusion is there to
    condense, and a longer draft takes room from the brief's other facts for nothing its sources
    do not already say."""
    return len(draft.split()) > replaced.words or len(" ".join(draft.split())) > len(replaced.text)


def _quote_marks_unbalanced(text: str) -> bool:
    return text.count("“") != text.count("”") or text.count('"') % 2 == 1


def _opening_name(text: str) -> str | None:
    """The first name in a sentence, usually its subject ("The United States pressed China" -> united).

    Bag-of-words checks cannot see who did what to whom; a draft whose subject is not the subject
    of any source ("China pressed the United States") has swapped the roles.
    """
    for word in _WORD.findall(text):
        if word[0].isupper() and word.lower() not in _STOP:
            return word.lower().removesuffix("'s").removesuffix("’s")
    return None


def unsupported_details(text: str, source_text: str) -> list[str]:
    """Names, numbers, date words and quotations of the draft that its sources do not contain."""
    source_lower, source_words, source_numbers = _vocabulary(source_text)
    missing: list[str] = []
    for index, word in enumerate(_WORD.findall(text)):
        lower = word.lower().strip("'’")
        is_name = word[0].isupper() and not (index == 0 and lower in _STOP)
        if (is_name or lower in _NUMBER_WORDS or lower in _DATE_WORDS) and lower not in source_words:
            missing.append(word)
    missing += [n for n in _NUMBER.findall(text) if n.replace(",", "") not in source_numbers]
    missing += [
        f"“{q}”"
        for q in _QUOTED.findall(_normalise_quotes(text))
        if " ".join(q.lower().split()) not in source_lower
    ]
    return missing


@lru_cache(maxsize=256)
def _vocabulary(source_text: str) -> tuple[str, frozenset[str], frozenset[str]]:
    """The sources' text for quotations, their words and their numbers; cached, since a draft
    being generated is checked against the same sources at every step (`doomed`)."""
    return (
        _normalise_quotes(source_text).lower(),
        frozenset(w.lower().strip("'’") for w in _WORD.findall(source_text)),
        frozenset(n.replace(",", "") for n in _NUMBER.findall(source_text)),
    )


def _negated(text: str) -> bool:
    return any(w.lower() in _NEGATIONS or w.lower().endswith("n't") for w in _WORD.findall(text))


def _attributed(text: str) -> bool:
    return any(w.lower() in _ATTRIBUTION for w in _WORD.findall(text))


def _unquoted(text: str, restated: str) -> str | None:
    """A quotation of the restated sentence that the draft repeats outside quotation marks.

    Dropping the marks turns what someone said into what the brief asserts.
    """
    draft = _normalise_quotes(text).lower()
    quoted_in_draft = " ".join(_QUOTED.findall(draft))
    for quotation in _QUOTED.findall(_normalise_quotes(restated).lower()):
        words = " ".join(quotation.split()).strip(" .,")
        if words and words in draft and words not in quoted_in_draft:
            return words
    return None


def copies(text: str, sources: Sequence[Sentence]) -> bool:
    """Whether a draft is one of its source sentences again, but for case, spacing and punctuation."""
    return any(_word_sequence(text) == _word_sequence(s.text) for s in sources)


def _word_sequence(text: str) -> list[str]:
    return [w.lower().strip("'’") for w in re.findall(r"\w[\w'’.-]*\w|\w", text)]


def _cut_mid_phrase(text: str, sources: Sequence[str]) -> bool:
    """Whether the draft's last three words run on in its sources with no clause break after them.

    "charged with the sale of alcohol." from "... the sale of alcohol to minors." says something
    else. A draft whose ending appears nowhere in its sources is not judged here.
    """
    tail = [w.lower() for w in _WORD.findall(text)][-3:]
    if len(tail) < 3:
        return False
    pattern = re.compile(r"\b" + r"\W+".join(map(re.escape, tail)) + r"\b([^\w]*)(\w*)")
    endings = [m for source in sources for m in pattern.finditer(_normalise_quotes(source).lower())]
    return bool(endings) and all(
        m.group(2) and m.group(2) not in _CIRCUMSTANCE and not re.search(r"[,;:.!?()—–]", m.group(1))
        for m in endings
    )


def _repeated_word(text: str, sources: Sequence[str]) -> str | None:
    """A content word the draft says more often than any one source sentence does.

    A small model stitching two sentences together can say a phrase twice ("on Sunday late on
    Sunday evening"): every word is in its sources, so only counting catches it.
    """
    in_sources = [_content_stem_counts(source) for source in sources]
    for word, count in _content_stem_counts(text).items():
        if count > 1 and all(said[word] < count for said in in_sources):
            return word
    return None


def _novel_share(text: str, source_text: str) -> float:
    source = {_stem(w.lower()) for w in _WORD.findall(source_text)}
    content = [_stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP]
    return sum(w not in source for w in content) / len(content) if content else 1.0


def _kept_share(text: str, source: str) -> float:
    kept = _content_stems(text)
    said = _content_stems(source)
    return len(said & kept) / len(said) if said else 1.0


def _content_stems(text: str) -> set[str]:
    return set(_content_stem_counts(text))


def _content_stem_counts(text: str) -> Counter[str]:
    return Counter(_stem(w.lower()) for w in _WORD.findall(text) if w.lower() not in _STOP)


def _normalise_quotes(text: str) -> str:
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    """Porter stem of a lower-case word; cached, since `doomed` re-reads a draft at every step."""
    return str(_stemmer().stem(word))


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    # Imported on first use: `import nltk` takes ~1.5 s (it pulls in scipy), and a service
    # without a generation model never verifies a draft.
    from nltk.stem import PorterStemmer

    return PorterStemmer()
