"""Whether a sentence reports news, or is the page, the writer or a fragment talking.

A brief says, in the third person, what outlets report. A sentence that speaks to the reader
("Just fill in your contact details", "You can unsubscribe at any time"), in the writer's own
voice ("I spent 5 hours with Alan as our guide", "We used Heritrix crawler software"), asks the
reader a question, only leads in to a list ("First reactions to the speech:"), is a heading set in
capitals ("1. THE MAJORITY OF THE LONDON UNDERGROUND IS NOT UNDERGROUND.") or is a piece of one
cut by a page or a PDF ("cation of certain information Via Executive Order).") cannot stand in a
brief whoever reports it. Quoted words are someone's statement and are not judged here.
"""

from __future__ import annotations

import re

from summarizer.text.lexicon import SECOND_PERSON, words

_FIRST_PERSON = words("first_person")
# A sentence that opens with one of these verbs tells the reader to do something: "Look at the
# replay", "Watch it here", "Read Hockley's letter".
_IMPERATIVES_CAPITALISED = {word.capitalize() for word in words("imperatives")}
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|‘(?:[^’]|’(?=\w))*’(?!\w)")  # ’ inside a word is an apostrophe
_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# "I" in a party label, an initialism or a Roman numeral is no writer: "(I-Vt.)", "G.I.", "World War I".
_NOT_A_PRONOUN_I = re.compile(
    r"\bI(?=-)|(?<=\.)I\b|\bI(?=\.\w)|\b(?:War|Henry|Elizabeth|Phase|Part|Class|Level|Title) I\b"
)
# A sentence's first word starts with a capital or a digit, or is a camel-case name ("iPhone").
_FIRST_WORD = re.compile(r"\w+")
_BRACKETS = (("(", ")"), ("[", "]"))
# A sentence whose letters are nearly all capitals is a heading (a list's items, a subhead), however
# it ends; an initialism or two ("NASA", "U.S.") does not make one.
_HEADING_LETTERS = 12


def not_a_report(text: str) -> str | None:
    """Why the sentence is no report a brief can carry (None: it is one)."""
    first = _FIRST_WORD.search(text)
    if first and first[0][0].islower() and first[0].islower():
        return "a fragment"
    if any(text.count(a) != text.count(b) for a, b in _BRACKETS):
        return "a fragment"
    if re.search(r"(?:\.\.\.|…)\s*$", text):  # a teaser cut off: "... more collusion, economists ..."
        return "a fragment"
    unquoted = outside_quotations(_NOT_A_PRONOUN_I.sub(" ", text))
    # Mid-sentence, only a lower-case pronoun counts: "How to Train Your Dragon" is a title.
    said = {
        plain.lower()
        for i, w in enumerate(_WORD.findall(unquoted))
        if (plain := re.split("['’]", w)[0]) == "I" or i == 0 or plain.islower()
    }
    if said & (_FIRST_PERSON - {"us"}) or re.search(r"\bus\b", unquoted):  # "US" is a country
        return "the writer's own voice"
    opener = _WORD.match(text.lstrip())
    if said & SECOND_PERSON or (opener and opener[0] in _IMPERATIVES_CAPITALISED):
        return "addressed to the reader"
    if unquoted.rstrip().endswith("?"):
        return "a question to the reader"
    if text.rstrip().endswith(":"):
        return "a lead-in"
    letters = [c for c in unquoted if c.isalpha()]
    if len(letters) >= _HEADING_LETTERS and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return "a heading"
    return None


def outside_quotations(text: str) -> str:
    """The text with its quotations blanked out, each character by a space (so offsets still
    point into `text`); none when a quotation opens or closes outside the sentence (it may all
    be quoted)."""
    rest = _QUOTED.sub(lambda quotation: " " * len(quotation[0]), text)
    return "" if any(mark in rest for mark in '"“”') else rest
