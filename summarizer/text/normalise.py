"""Text as it is compared and shown: invisible characters, whitespace, case, look-alike forms."""

from __future__ import annotations

import re
import unicodedata

# Control, format (zero-width spaces and joiners, bidi marks), private-use and surrogate characters.
_INVISIBLE = frozenset({"Cc", "Cf", "Co", "Cs"})


def display_text(raw: str) -> str:
    """Text as a reader should see it: no invisible or control characters, single spaces. A format
    character (a zero-width space or joiner, a soft hyphen, a direction mark) shows as nothing, so
    it goes without a trace: a page's "A<ZWSP>rwa Damon" reads "Arwa Damon", not "A rwa Damon"."""
    visible = "".join(
        "" if (category := unicodedata.category(ch)) == "Cf" else " " if category in _INVISIBLE else ch
        for ch in raw
    )
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


# Four or more single letters in a row, each followed by a space, dot, dash or underscore:
# "I g n o r e", "I.g.n.o.r.e" ("a U.S. bill" has two, so stays).
_SPACED_OUT = re.compile(r"\b(?:[^\W\d_][ ._\-]){3,}[^\W\d_]\b")


def plain_letters(text: str, *, lower: bool = True) -> str:
    """`text` as a reader sees its words, however they are dressed: NFKC, invisible characters
    removed ("Ign<ZWSP>ore"), letters that only look Latin made Latin (a Greek capital iota in
    "Ιgnore", Cyrillic "о" and "е"), spaced-out letters joined ("I g n o r e"), whitespace
    collapsed; lower case unless `lower` is false.

    Look-alikes are mapped only in text that is mostly Latin letters, where a Greek or Cyrillic
    letter can only be a disguise; Unicode's confusables data says which Latin letter each
    looks like.
    """
    from confusable_homoglyphs import confusables

    nfkc = unicodedata.normalize("NFKC", text)
    joined = " ".join("".join("" if unicodedata.category(ch) in _INVISIBLE else ch for ch in nfkc).split())
    letters = [ch for ch in joined if ch.isalpha()]
    latin = sum(ch.isascii() for ch in letters)
    if letters and latin < len(letters) and latin * 2 > len(letters):
        joined = "".join(
            _latin_lookalike(ch, confusables) if ch.isalpha() and not ch.isascii() else ch for ch in joined
        )
    plain = _SPACED_OUT.sub(lambda m: re.sub(r"[ ._\-]", "", m.group()), joined)
    return plain.lower() if lower else plain


def _latin_lookalike(ch: str, confusables: object) -> str:
    """The Latin letter `ch` looks like, in its case ("Ι", Greek capital iota, is "I"); else `ch`."""
    # Looked up in lower case: Unicode maps the capital iota to "l", which it also resembles.
    found = confusables.is_confusable(ch.lower(), greedy=True, preferred_aliases=[])  # type: ignore[attr-defined]
    for entry in found or ():
        for glyph in entry["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalpha():
                latin = str(glyph["c"]).lower()
                return latin.upper() if ch.isupper() else latin
    return ch
