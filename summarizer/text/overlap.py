"""How much of one text's content another has: the words that carry a claim, stemmed, counted."""

from __future__ import annotations

import re
from collections import Counter

from summarizer.text.lexicon import REPORTING_VERBS, STOP_WORDS
from summarizer.text.stem import stem

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# Not content: the function words, and the verbs that say who said it.
NOT_CONTENT = STOP_WORDS | REPORTING_VERBS


def content_stems(text: str) -> Counter[str]:
    """The stems of a text's content words, with how often each occurs."""
    return Counter(stem(w.lower()) for w in WORD.findall(text) if w.lower() not in NOT_CONTENT)


def coverage(of: str, within: str) -> float:
    """The share of `of`'s content words that `within` has (1.0 when `of` has none)."""
    ours = set(content_stems(of))
    return len(ours & set(content_stems(within))) / len(ours) if ours else 1.0


def words_of(text: str) -> list[str]:
    """The text's words as written, apostrophes and hyphens trimmed from their ends; a lone letter
    ("U.S." reads as "U", "S") is no word, except "a" and "I"."""
    trimmed = (w.strip("'’-") for w in WORD.findall(text))
    return [w for w in trimmed if len(w) > 1 or w.lower() in ("a", "i")]


def word_runs(text: str, length: int, content: int) -> frozenset[tuple[str, ...]]:
    """The text's runs of `length` consecutive words (lower-cased) holding at least `content`
    content words: a run two sentences share is the same detail told twice. Capitalised words are
    not counted as content: a name or a title ("former Senate Majority Leader Bob Dole says")
    says who or what, and two claims may share it."""
    words = words_of(text)
    telling = [w.lower() not in NOT_CONTENT and not w[:1].isupper() for w in words]
    lowered = [w.lower() for w in words]
    return frozenset(
        tuple(lowered[i : i + length])
        for i in range(len(words) - length + 1)
        if sum(telling[i : i + length]) >= content
    )
