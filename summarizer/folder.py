"""A bundle from a folder of `.txt` files, one article each, as a client would send it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from summarizer.text.split import ends_like_sentence

# A headline is a line of a few words that opens with a capital or a digit and does not end like a
# sentence; a one- or two-word first line is page furniture ("Advertisement", a section label),
# and one in lower case is a list of tags ("kim jong un north korea").
_HEADLINE_START = re.compile(r"""^[“"‘']?[A-Z0-9]""")
_MIN_HEADLINE_WORDS, _MAX_HEADLINE_CHARS = 3, 200


def read_folder(folder: Path) -> dict[str, Any]:
    """The bundle JSON for a folder: each `.txt` file an article (id = file stem, text = the file,
    title = its first line when that looks like a headline).

    The whole file is the article text, so citation offsets point into the file as it is.
    """
    articles = []
    for path in sorted(folder.glob("*.txt")):
        # Decoded from bytes: text mode would turn "\r\n" into "\n" and shift every offset.
        text = path.read_bytes().decode("utf-8")
        article = {"id": path.stem, "text": text}
        title = _headline(text)
        if title is not None:
            article["title"] = title
        articles.append(article)
    return {"articles": articles}


def _headline(text: str) -> str | None:
    """The first non-empty line when it looks like a headline, else None."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first.split()) < _MIN_HEADLINE_WORDS or len(first) > _MAX_HEADLINE_CHARS:
        return None
    if ends_like_sentence(first) or not _HEADLINE_START.match(first):
        return None
    return first
