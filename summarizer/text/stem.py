"""One stemmer for every stage: Porter's, from the Snowball project (pure Python, no data).

"tests" and "test", "reported" and "reports" stem alike, so a content word, a counted noun or a
quotation's words compare across outlets whatever their inflection; so do "Korea's", "Korea’s"
and "Korea", since Porter's rules know no apostrophe. Snowball's stemmer objects
are not thread-safe, so each thread has its own.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

_local = threading.local()
# A possessive ending, or the apostrophes around a word (either form of the mark).
_APOSTROPHES = re.compile(r"['’]s$|^['’]+|['’]+$")


def _stemmer() -> Any:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("porter")
    return stemmer


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The stem of a lower-case word; cached, since a draft being written is re-read at every step."""
    return str(_stemmer().stemWord(_APOSTROPHES.sub("", word)))
