"""Concepts: the units of content a brief is chosen to cover, as in Gillick and Favre's
concept-coverage summariser: pairs of adjacent stemmed words, not both function words.

"north korea", "press china", "nuclear test" are concepts; "of the" is not. A concept that many
outlets report is worth more, and covering it twice is worth nothing more, so a brief chosen to
cover the most concept weight carries the most reported content with the least repetition.
"""

from __future__ import annotations

from summarizer.text.lexicon import STOP_WORDS
from summarizer.text.overlap import WORD
from summarizer.text.stem import stem


def concepts(text: str) -> frozenset[tuple[str, str]]:
    words = [w.lower().strip("'’-") for w in WORD.findall(text)]
    # A lone letter ("U.S." reads as "U", "S") carries no concept of its own.
    words = [w for w in words if len(w) > 1 or w in ("a", "i")]
    stems = [stem(w) for w in words]
    return frozenset(
        (stems[i], stems[i + 1])
        for i in range(len(words) - 1)
        if not (words[i] in STOP_WORDS and words[i + 1] in STOP_WORDS)
    )
