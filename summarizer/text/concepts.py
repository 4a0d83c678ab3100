"""Concepts: the units of content a brief is chosen to cover, as in Gillick and Favre's
concept-coverage summariser: pairs of adjacent stemmed words, not both function words.

"north korea", "press china", "nuclear test" are concepts; "of the" is not. A concept that many
outlets report is worth more, and covering it twice is worth nothing more, so a brief chosen to
cover the most concept weight carries the most reported content with the least repetition.
"""

from __future__ import annotations

from summarizer.text.lexicon import STOP_WORDS
from summarizer.text.overlap import words_of
from summarizer.text.stem import stem


def concepts(text: str) -> frozenset[tuple[str, str]]:
    words = [w.lower() for w in words_of(text)]
    stems = [stem(w) for w in words]
    return frozenset(
        (stems[i], stems[i + 1])
        for i in range(len(words) - 1)
        if not (words[i] in STOP_WORDS and words[i + 1] in STOP_WORDS)
    )
