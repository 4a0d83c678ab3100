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
