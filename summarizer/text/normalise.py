"""Text as it is compared and shown: invisible characters, whitespace, case, look-alike forms."""

from __future__ import annotations

import re
import unicodedata

# Control, format (zero-width spaces and joiners, bidi marks), private-use and surrogate characters.
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs"})


def display_text(raw: str) -> str:
    """Text as a reader should see it: no invisible or control characters, single spaces."""
    visible = "".join(" " if unicodedata.category(ch) in _INVISIBLE else ch for ch in raw)
    return " ".join(visible.split())


def folded(text: str, *, join_invisible: bool = False) -> str:
    """NFKC, invisible characters as spaces (or removed outright: "Ign<ZWSP>ore" reads "Ignore"),
    whitespace collapsed, lower case: text as a pattern should see it, however it is dressed."""
    nfkc = unicodedata.normalize("NFKC", text)
    gap = "" if join_invisible else " "
    visible = "".join(gap if unicodedata.category(ch) in _INVISIBLE else ch for ch in nfkc)
    return " ".join(visible.split()).lower()


def wording(text: str) -> str:
    """The words of a text and nothing else: two texts with one wording are copies of each other,
    whatever their case, spacing, punctuation or quotation marks."""
    return " ".join(re.findall(r"\w+", text.lower()))


def plain_quotes(text: str) -> str:
    """Curly quotation marks and apostrophes as straight ones."""
    return text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")


def word_count(text: str) -> int:
    """Words as a brief counts them: runs of characters between spaces."""
    return len(text.split())
