"""Informativeness: a sentence of report length with names or figures says something.

Fragments, questions, very long run-ons, and sentences with a page's own apparatus in them
("click", "subscribe", "@handle") score low.
"""

from __future__ import annotations

import re

import numpy as np

from summarizer.bundle import Bundle
from summarizer.text.boilerplate import BOILERPLATE_WORDS
from summarizer.tuning import Tuning

_SPECIFIC = re.compile(r"\b(?:[A-Z][a-z]+|\d[\d,.]*)\b")


def informativeness(bundle: Bundle, tuning: Tuning) -> np.ndarray:
    return np.array([_score(s.text) for s in bundle.sentences], dtype=np.float32)


def _score(text: str) -> float:
    words = len(text.split())
    if words < 5:
        return 0.05
    # Report-length sentences (12-32 words) read best in a brief; long ones crowd it out.
    length = min(1.0, words / 12) if words <= 32 else max(0.3, 1.0 - (words - 32) / 40)
    specific = min(1.0, len(_SPECIFIC.findall(text)) / 4)
    score = 0.7 * length + 0.3 * specific
    if text.rstrip().endswith("?"):
        score *= 0.3
    if BOILERPLATE_WORDS.search(text):
        score *= 0.2
    return score
