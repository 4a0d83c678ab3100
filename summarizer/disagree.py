"""Disagree: where outlets report the same detail differently, say so, with citations to each side.

A brief stands on what its sources share. When one outlet calls General Fang Fenghui "chief of
the Joint Staff Department" and another "vice-chairman of the Central Military Commission", the
brief must not silently pick one: the brief sentence drops (or attributes) the disputed detail,
and the response carries a note with every version and the outlets that give it.

Details are read with rules, not a model, so every note points at the exact characters it
compares:

- a person's title before the name ("Defense Secretary Jim Mattis") and role in apposition after
  it ("Fang Fenghui, chief of the Joint Staff Department of ..."), and an age ("Smith, 45,");
- a count with its noun ("five nuclear tests"), hedges included ("nearly 10", "more than 300");
- the weekday or date an event happened on, and the place ("held in Helsinki");
- who said a quotation, or the statement a sentence reports ("..., Tillerson said").

Titles and ages belong to a person and quotations carry their own words, so they are compared
across the whole bundle; counts, days, places and reported statements only between two outlets'
sentences about the same fact (one fact group, or as close as the embedder's duplicate
threshold), next to the same word ("killed 12" is not "injured 15"). Precision comes first: a
spelling variant (Defence/Defense), a name variant (Jim/James Mattis), a detail one outlet adds
and another omits, a hedge that admits the other figure, a figure for another time frame, two
offices one person holds, a former title, or sentences that differ on both day and figure (two
occasions) are not disagreements.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from summarizer.embed import Embedder
from summarizer.sentences import display_text
from summarizer.types import Article, Citation, Detail, Disagreement, Fact, Sentence, Span, Version

# --- Words -----------------------------------------------------------------------------------

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)

# British and American spellings, and the abbreviations and synonyms of titles, read as one word.
_SAME_WORD = {
    "defence": "defense",
    "councillor": "councilor",
    "councilman": "councilor",
    "councilwoman": "councilor",
    "programme": "program",
    "labour": "labor",
    "centre": "center",
    "organisation": "organization",
    "minister": "secretary",  # "Defence Minister" and "Defense Secretary" name one office
    "ministry": "department",
    "gen": "general",
    "lt": "lieutenant",
    "sen": "senator",
    "rep": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "gov": "governor",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "adm": "admiral",
    "col": "colonel",
    "capt": "captain",
    "maj": "major",
    "sgt": "sergeant",
    "prof": "professor",
    "supt": "superintendent",
    "det": "detective",
    "insp": "inspector",
    "cmdr": "commander",
    "pres": "president",
    "atty": "attorney",
    "advisor": "adviser",
    "people": "person",
    "men": "man",
    "women": "woman",
    "children": "child",
}

# Words that make a run of capitals before a name a title ("State Councilor Yang Jiechi").
_OFFICES = frozenset(
    """president secretary general senator representative governor mayor judge justice chair chief
    director commissioner councilor ambassador premier chancellor prime vice deputy assistant
    attorney admiral colonel lieutenant major captain sergeant officer detective inspector
    superintendent sheriff marshal commander speaker leader spokesperson envoy treasurer
    comptroller king queen prince princess pope cardinal bishop archbishop rabbi professor
    coach manager executive ceo founder""".split()
)
# Heads of a role in apposition ("..., vice-chairman of the Central Military Commission").
_ROLE_HEADS = _OFFICES | frozenset(
    """head member adviser editor counsel fellow researcher analyst economist correspondent
    co-founder""".split()
)
# A title that may be someone's past or future one: comparing it with today's says nothing.
_TIME_BOUND = frozenset(
    "former then ex late incoming outgoing elect retired onetime erstwhile acting".split()
)
_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady rev".split())
_PARTIES = frozenset("democratic democrat republican gop labor conservative liberal".split())
_COUNTRY_CODES = frozenset("us u.s. usa uk u.k. un u.n. eu".split())
# Whose a title is, not what it is: "Virginia Rep." is a "Rep.".
_US_STATES = frozenset(
    """alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york
    carolina dakota ohio oklahoma oregon pennsylvania rhode island tennessee texas utah vermont
    virginia washington wisconsin wyoming""".split()
)
# Capitalised words that are not part of a person's name.
_NOT_NAMES = frozenset(
    """the a an on in at of for and but after before when while as if by from with to this that
    these those it its his her their our we he she they i you monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december north south east west united states kingdom korea china house white
    department ministry council committee commission party university army navy force police
    court agency office government administration congress senate parliament news times post
    street journal press reuters associated bureau institute center centre company corp inc ltd
    group bank city county state national federal republic democratic republican""".split()
)
# Words capitalised only because they open the sentence: "On Tuesday Defense Secretary ...".
_LEADING = (
    frozenset(
        """the a an on in at of for and but after before when while as if by from with to this that
    last next early late""".split()
    )
    | frozenset(_WEEKDAYS)
    | frozenset(_MONTHS)
)
_REPORTING = frozenset(
    "said says told wrote added tweeted stated announced insisted noted explained argued according".split()
)
# Words that end a counted noun phrase: "five nuclear tests | and appears ...".
_PHRASE_STOP = frozenset(
    """and or but of in on at to for from since with by that which who whom whose were was is are
    be been being had has have will would could should may might can did do does than as into
    over under about after before during between through per each every a an the this last next
    so if while when""".split()
)
_TIME_UNITS = frozenset("second minute hour day week month year decade century".split())

_NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
        "fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = {
    w: 10 * n for n, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split(), 0)
}
_TENS.pop("_")
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}

# "Gen." and "U.S." are tokens; so are "Jong-un", "People’s", "22-year-old" and each punctuation mark.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|[\w’'][\w’'-]*|[^\w\s]")


def _word(token: str) -> str:
    """A token as compared: lower case, no accents, no possessive, no dots, one spelling."""
    plain = re.sub(r"['’]s$", "", token)
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode().lower()
    plain = plain.replace("'", "").replace(".", "")
    return _SAME_WORD.get(plain, plain)


def _stem(word: str) -> str:
    """A counted noun's singular: "tests" and "test" count the same thing."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(?:s|x|ch|sh)es$", word):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def _words(text: str) -> frozenset[str]:
    return frozenset(w for t in re.findall(r"[\w’'.]+", text) if (w := _word(t)) and w.isalnum())


@dataclass(frozen=True)
class _Token:
    text: str
    start: int  # absolute offset in Article.text
    end: int

    @property
    def capital(self) -> bool:
        return self.text[:1].isupper()


def _tokens(raw: str, base: int) -> list[_Token]:
    return [_Token(m.group(), base + m.start(), base + m.end()) for m in _TOKEN.finditer(raw)]


# --- Mentions: the details one sentence states ----------------------------------------------


@dataclass(frozen=True)
class _Mention:
    """One detail as one outlet states it, located by offsets into its article's text."""

    kind: Detail
    aspect: str  # what about the subject: "title", "role", "age", "count", "day", "date", "speaker"
    subject: str  # what the detail is about, as aligned: a surname, a counted noun, a quotation
    label: str  # the subject as a reader sees it: "Fang Fenghui", "nuclear tests"
    text: str  # the detail as the outlet writes it
    sentence: Sentence
    start: int
    end: int
    first: str = ""  # a person's first name, for telling apart two people of one surname
    before: str = ""  # the content word just before a figure, day or place: "killed" in "killed 12"
    words: frozenset[str] = frozenset()  # the detail's comparable words
    slots: tuple[tuple[str, frozenset[str]], ...] = ()  # a role's "of ..."/"at ..." objects, in order
    low: float = 0.0  # a figure's range: exact, or widened by its hedge ("nearly 10" is 0-10)
    high: float = 0.0
    frame: frozenset[str] = frozenset()  # the time frame a figure covers ("since", "this year")
    context: frozenset[str] = frozenset()  # words around a detail, to tell events or statements apart
    time_bound: bool = False  # "former", "then-", "acting": not comparable with a current title

    @property
    def article_id(self) -> str:
        return self.sentence.article_id

    @property
    def citation(self) -> Citation:
        return Citation(self.sentence.article_id, self.start, self.end)


@dataclass(frozen=True)
class _Person:
    first: str
    surname: str
    label: str
    start: int  # the title's first character when there is one, else the name's
    name_start: int
    end: int  # just past the name
    title: tuple[_Token, ...]
    time_bound: bool


def _people(tokens: list[_Token]) -> list[_Person]:
    """Runs of capitalised words that end in a name, split into title and name."""
    people: list[_Person] = []
    i = 0
    while i < len(tokens):
        if not tokens[i].capital:
            i += 1
            continue
        j = i
        # Join "Secretary of State", "Minister for Foreign Affairs": lower-case links between capitals.
        while j + 1 < len(tokens) and (
            tokens[j + 1].capital
            or (
                tokens[j + 1].text in ("of", "for")
                and _word(tokens[j].text) in _OFFICES
                and j + 2 < len(tokens)
                and tokens[j + 2].capital
            )
        ):
            j += 1 + (not tokens[j + 1].capital)
        run = tokens[i : j + 1]
        person = _split_run(run, tokens[i - 1] if i else None)
        if person is not None:
            people.append(person)
        i = j + 1
    return people


def _split_run(run: list[_Token], before: _Token | None) -> _Person | None:
    name: list[_Token] = []
    names = 0
    for token in reversed(run):
        initial = bool(name) and re.fullmatch(r"[A-Z]\.", token.text) is not None  # "Donald J. Trump"
        if not initial and (names == 2 or not _name_like(token)):
            break
        name.insert(0, token)
        names += not initial
    if len(run) == 3 and len(name) == 2 and _name_like(run[0]):
        name = run  # "Kim Jong Un": three names and no title
    title = run[: len(run) - len(name)]
    if not name or (names == 1 and not any(_word(t.text) in _OFFICES for t in title)):
        return None  # a lone capitalised word is a name only after a title
    surname = _word(name[-1].text)
    first = _word(name[0].text) if len(name) > 1 else ""
    while title and _word(title[0].text) in _LEADING:
        title = title[1:]  # sentence-initial words: "On Tuesday Defense Secretary ..."
    time_bound = before is not None and (
        _word(before.text) in _TIME_BOUND or before.text.lower().startswith(("then-", "ex-", "former"))
    )
    time_bound |= any(_word(t.text) in _TIME_BOUND or "-elect" in t.text.lower() for t in title)
    label = " ".join(t.text for t in name)
    return _Person(
        first=first,
        surname=surname,
        label=re.sub(r"['’]s$", "", label),
        start=(title[0] if title else name[0]).start,
        name_start=name[0].start,
        end=name[-1].end,
        title=tuple(title),
        time_bound=time_bound,
    )


def _name_like(token: _Token) -> bool:
    word = _word(token.text)
    return (
        token.text[0].isupper()
        and any(c.islower() for c in token.text)
        and not any(c.isdigit() for c in token.text)
        and not word.endswith("-old")  # "Twenty-eight-year-old Geraldine Alcorn"
        and word not in _OFFICES
        and word not in _NOT_NAMES
        and word not in _HONORIFICS
    )


def _nationality(token: str) -> bool:
    """ "US", "Chinese", "China’s", "PLA": who a title belongs to, not what the title is."""
    word = _word(token)
    return (
        word in _COUNTRY_CODES
        or token.isupper()
        or bool(re.search(r"(?:an|ese|ish|ch|i)$", word))
        or bool(re.search(r"['’]s$", token))
    )


def _title_words(title: Sequence[_Token]) -> frozenset[str]:
    """A title as compared: offices and the departments named with them, not whose they are."""
    words = set()
    for token in title:
        for part in re.split(r"-", token.text):
            word = _word(part)
            if not word or word in ("of", "for") or word in _HONORIFICS or word in _PARTIES:
                continue
            if word not in _OFFICES and (_nationality(part) or word in _US_STATES):
                continue
            words.add(word)
    return frozenset(words)


# A role in apposition: "chief of state of the People’s Liberation Army", "a member of China’s
# Central Military Commission". A lower-case object only after "of", and only one or two words
# ("of state", "of joint staff"), so the role ends before "... for the talks".
_CAPS = r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'.&-]*)*"
_OBJECT = rf"(?:\s+(?:of|for|at|with)\s+(?:the\s+)?{_CAPS}|\s+of\s+[a-z]+(?:\s+[a-z]+(?=\s+of\s))?)"
_ROLE = re.compile(
    rf",\s+(?P<role>(?:(?:a|an|the)\s+)?(?:(?!who\b|which\b|that\b|is\b|was\b|said\b|and\b)[\w’'.-]+\s+){{0,3}}?"
    rf"(?P<head>[\w-]+){_OBJECT}+)"
)
_AGE = re.compile(r",\s+(?P<age>\d{1,3}),")
_ROLE_OBJECT = re.compile(r"\b(of|for|at|with)\s+(?:the\s+)?([^\s].*?)(?=\s+(?:of|for|at|with)\s+|$)")


def _person_mentions(sentence: Sentence, raw: str, tokens: list[_Token]) -> list[_Mention]:
    """Each named person's title before the name, role in apposition after it, and age."""
    base = sentence.start
    mentions = []
    for person in _people(tokens):
        words = _title_words(person.title)
        if words & _OFFICES:
            start, end = person.title[0].start, person.title[-1].end
            mentions.append(_of_person(person, sentence, raw, "title", start, end, words=words))
        after = person.end - base
        age = _AGE.match(raw, after) or _YEAR_OLD.search(raw, 0, person.name_start - base)
        if role := _ROLE.match(raw, after):
            parts = _role(role)
            if parts is not None:
                text, head, slots = parts
                start = base + role.start("role")
                mention = _of_person(
                    person, sentence, raw, "role", start, start + len(text), words=head, slots=slots
                )
                if head & _TIME_BOUND:  # "the incoming chairman of ..."
                    mention = replace(mention, time_bound=True)
                mentions.append(mention)
        elif age is not None and 0 < (years := _number(age["age"])) < 120:
            start, end = base + age.start("age"), base + age.end("age")
            mentions.append(
                _of_person(
                    person, sentence, raw, "age", start, end, kind=Detail.NUMBER, low=years, high=years
                )
            )
    return mentions


def _of_person(
    person: _Person,
    sentence: Sentence,
    raw: str,
    aspect: str,
    start: int,
    end: int,
    kind: Detail = Detail.ROLE,
    **detail: Any,
) -> _Mention:
    return _Mention(
        kind=kind,
        aspect=aspect,
        subject=person.surname,
        label=person.label,
        text=display_text(raw[start - sentence.start : end - sentence.start]),
        sentence=sentence,
        start=start,
        end=end,
        first=person.first,
        time_bound=person.time_bound,
        **detail,
    )


def _role(match: re.Match[str]) -> tuple[str, frozenset[str], tuple[tuple[str, frozenset[str]], ...]] | None:
    """A role's text, the words of its head ("vice chair") and its objects ("of" Central Military
    Commission), or None when the apposition is no role."""
    role = match["role"]
    if role.endswith(".") and not re.search(r"(?:\b[A-Z]\.|\b(?:Inc|Corp|Co|Ltd|Bros)\.)$", role):
        role = role[:-1]  # the sentence's full stop, not an abbreviation's
    head_end = match.end("head") - match.start("role")
    head = _words(role[:head_end]) - {"a", "an", "the"}
    if not head & _ROLE_HEADS:
        return None
    if any(person.title for person in _people(_tokens(role[head_end:], 0))):
        return None  # "Yang Jiechi, Secretary of State Rex Tillerson and ...": a list of people
    slots = tuple(
        (prep, _words(obj) - {"the", "a", "an", "and", "of"})
        for prep, obj in _ROLE_OBJECT.findall(role[head_end:].strip())
    )
    return role, frozenset(w for w in head if w in _ROLE_HEADS or not _nationality(w)), slots


_HEDGE = re.compile(
    r"(?P<hedge>about|around|approximately|roughly|some|nearly|almost|more\s+than|over|at\s+least|"
    r"fewer\s+than|less\s+than|under|up\s+to|as\s+many\s+as|close\s+to|an\s+estimated|upwards\s+of|"
    r"at\s+most|just\s+over|just\s+under)\s+$",
    re.IGNORECASE,
)
_LOWER_BOUNDS = ("more", "over", "at least", "upwards", "just over")
_UPPER_BOUNDS = ("nearly", "almost", "fewer", "less", "under", "up to", "as many", "at most", "just under")
# What a figure covers: the same count "since last year" and "in total" are different figures.
_FRAME = re.compile(
    r"\b(?:since|so\s+far|to\s+date|this\s+(?:year|month|week|season|decade)|"
    r"last\s+(?:year|month|week|season|decade)|(?:in|over|during|within)\s+the\s+(?:past|last|first|next)\b|"
    r"in\s+(?:19|20)\d\d|(?:a|per|each|every)\s+(?:day|week|month|year)|annually|daily|weekly|monthly|"
    r"yearly|a\s+total|in\s+all|(?:19|20)\d\d|quarter|half|per\s+\w+)\b",
    re.IGNORECASE,
)
_NUMBER = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|a\s+dozen|a\s+hundred"
)
_FIGURE = re.compile(
    rf"(?<![\w.,$-])(?P<dollar>\$\s?)?(?P<number>{_NUMBER})"
    r"(?P<scale>\s+(?:hundred|thousand|million|billion|trillion))?"
    r"(?P<percent>\s*%|\s+percent|\s+per\s+cent)?"
    r"(?![\w:/-]*\d)(?!-year-old)",
    re.IGNORECASE,
)
_YEAR_OLD = re.compile(rf"\b(?P<age>{_NUMBER})-year-old\s+$", re.IGNORECASE)


_NAMED_NUMBER = re.compile(r"(?:\b[A-Z][\w’'.]*|#)\s*$")
_IN_RANGE_BEFORE = re.compile(
    r"(?:\b(?:between|from)|\d|\b(?:hundred|thousand|million|billion)(?:\s+and)?)\s*(?:and|to|or|-|–)?\s*$",
    re.IGNORECASE,
)
_IN_RANGE_AFTER = re.compile(r"\s*(?:and|to|or|-|–)\s*\$?\d", re.IGNORECASE)


def _number(text: str) -> float:
    text = " ".join(text.lower().replace(",", "").split())
    if text == "a dozen":
        return 12.0
    if text == "a hundred":
        return 100.0
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    tens, _, ones = text.partition("-")
    return float(_TENS.get(tens, _NUMBER_WORDS.get(tens, 0)) + _NUMBER_WORDS.get(ones, 0))


def _figure_mentions(sentence: Sentence, raw: str) -> list[_Mention]:
    base = sentence.start
    frame = frozenset(re.sub(r"\s+", " ", f.lower()) for f in _FRAME.findall(raw))
    mentions = []
    for match in _FIGURE.finditer(raw):
        before = raw[: match.start()]
        if _NAMED_NUMBER.search(before) and not re.fullmatch(r"\s*\S*\s*", before):
            continue  # "Route 66", "June 21", "No. 10": part of a name or a date, not a count
        if _IN_RANGE_BEFORE.search(before) or _IN_RANGE_AFTER.match(raw, match.end()):
            continue  # "between 1,500 and 3,000 years", "20 or 30 beats", "one hundred and three"
        value = _number(match["number"])
        if match["scale"]:
            value *= _SCALES[match["scale"].strip().lower()]
        if re.fullmatch(r"(?:1[89]|20)\d\d", match["number"]) and not match["dollar"]:
            continue  # a year
        noun, noun_end = _counted(raw, match.end())
        if match["dollar"]:
            head, phrase = "dollar", []
        elif match["percent"]:
            head, phrase = "percent", noun
        elif noun:
            head, phrase = _stem(_word(noun[-1])), noun[:-1]
        else:
            continue
        hedge = _HEDGE.search(before)
        low, high = _range(value, hedge["hedge"].lower() if hedge else "")
        start = base + (hedge.start() if hedge else match.start())
        end = base + (noun_end if noun and not match["dollar"] else match.end())
        mentions.append(
            _Mention(
                kind=Detail.NUMBER,
                aspect="count",
                subject=head,
                label=" ".join(noun) or head,
                text=display_text(raw[start - base : end - base]),
                sentence=sentence,
                start=start,
                end=end,
                words=frozenset(_word(w) for w in phrase),
                low=low,
                high=high,
                frame=frame,
                context=_anchors(raw, (hedge or match).start(), noun_end if noun else match.end()),
                before=_word_before(raw, (hedge or match).start()),
            )
        )
    return mentions


def _counted(raw: str, at: int) -> tuple[list[str], int]:
    """The noun phrase a figure counts: words up to its first plural noun, at most four.

    "five nuclear tests and ...", "two leaders met ...": the count is of the plural, and what
    follows it is the rest of the sentence.
    """
    words: list[str] = []
    word = re.compile(r"[\s-]+([A-Za-z][\w’'-]*)")
    end = at
    while len(words) < 4 and (match := word.match(raw, end)) and match[1].lower() not in _PHRASE_STOP:
        words.append(match[1])
        end = match.end()
        if _plural(match[1].lower()):
            return words, end
    return [], at


_IRREGULAR_PLURALS = frozenset(
    "people men women children police staff personnel troops cattle sheep fish deer aircraft feet teeth mice".split()
)


def _plural(word: str) -> bool:
    return word in _IRREGULAR_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "’s", "'s")) and len(word) > 3
    )


def _range(value: float, hedge: str) -> tuple[float, float]:
    """The figures a hedged one admits: "nearly 10" admits 9, "more than 10" admits 11."""
    hedge = " ".join(hedge.split())
    if hedge.startswith(_LOWER_BOUNDS):
        return value, float("inf")
    if hedge.startswith(_UPPER_BOUNDS):
        return 0.0, value
    if hedge:  # about, around, roughly, some, an estimated
        return value * 0.8, value * 1.25
    return value, value


_DAY = re.compile(r"\b(?P<day>" + "|".join(_WEEKDAYS) + r")\b(?!s)", re.IGNORECASE)
_DATE = re.compile(
    r"\b(?:(?P<month>" + "|".join(m.capitalize() for m in _MONTHS) + r")\.?\s+(?P<day>\d{1,2})(?!\d)"
    r"|(?P<day2>\d{1,2})\s+(?P<month2>" + "|".join(m.capitalize() for m in _MONTHS) + r"))\b"
)


def _when_mentions(sentence: Sentence, raw: str) -> list[_Mention]:
    base = sentence.start
    mentions = []
    for aspect, matches in (("day", list(_DAY.finditer(raw))), ("date", list(_DATE.finditer(raw)))):
        if len(matches) != 1:
            continue  # two days in one sentence: which one is the event's is anyone's guess
        match = matches[0]
        value = (
            match["day"].lower()
            if aspect == "day"
            else f"{(match['month'] or match['month2']).lower()} {int(match['day'] or match['day2'])}"
        )
        before = raw[max(0, match.start() - 30) : match.start()]
        said = bool(re.search(r"\b(?:" + "|".join(_REPORTING) + r")\b", before, re.IGNORECASE))
        mentions.append(
            _Mention(
                kind=Detail.DATE,
                aspect=aspect,
                subject=aspect,
                label=aspect,
                text=match.group(),
                sentence=sentence,
                start=base + match.start(),
                end=base + match.end(),
                words=frozenset({value}),
                before=_word_before(raw, match.start()),
                context=frozenset({"said" if said else "event"}),
            )
        )
    return mentions


_QUOTE = re.compile(r"“(?P<curly>[^”]{12,})”|\"(?P<straight>[^\"]{12,})\"")
_NAME = r"(?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'-]*"
_DESCRIBED = r"(?:[a-z][\w-]*\s+){0,3}"  # "council member Tom Heller"
_SAID = r"(?:said|says|told\s+\w+|wrote|added|tweeted)"
_SAID_AFTER = re.compile(
    rf"[,.!?]?\s*(?:{_SAID}\s+{_DESCRIBED}(?P<name>{_NAME})|{_DESCRIBED}(?P<name2>{_NAME})\s+{_SAID})\b"
)
_SAID_BEFORE = re.compile(rf"(?P<name>{_NAME})\s+{_SAID}[:,]?\s*$")
# Reported speech: "..., Tillerson said." or "Tillerson said ...".
_REPORTED = re.compile(
    rf"^(?P<name>{_NAME})\s+(?:said|says)\b|,\s+{_DESCRIBED}(?P<name2>{_NAME})\s+(?:said|says|added)\W*$"
)


def _speaker_mentions(sentence: Sentence, raw: str) -> list[_Mention]:
    """Who is named as saying a quotation (next to its marks), or a sentence in reported speech."""
    base = sentence.start
    found: list[tuple[str, re.Match[str], int, str, frozenset[str]]] = []
    for quote in _QUOTE.finditer(raw):
        words = _content_words(quote["curly"] or quote["straight"])
        said = _SAID_AFTER.match(raw, quote.end())
        if said is None:
            said = _SAID_BEFORE.search(raw[: quote.start()])
        if said is not None and len(words) >= 3:
            found.append(("quote", said, 0, display_text(quote.group()), words))
    if not found and (said := _REPORTED.search(raw)):
        claim = raw[: said.start()] if said["name2"] else raw[said.end() :]
        found.append(("reported", said, 0, _excerpt(display_text(claim)), _content_words(claim)))
    mentions = []
    for aspect, said, _, label, words in found:
        group = "name" if said["name"] else "name2"
        speaker = _speaker(said[group], base + said.start(group))
        if speaker is not None:
            mentions.append(
                _Mention(
                    kind=Detail.SPEAKER,
                    aspect=aspect,
                    subject=aspect,
                    label=label,
                    text=display_text(raw[speaker.name_start - base : speaker.end - base]),
                    sentence=sentence,
                    start=speaker.name_start,
                    end=speaker.end,
                    first=speaker.first,
                    words=frozenset({speaker.surname}),
                    context=words,
                )
            )
    return mentions


def _speaker(name: str, at: int) -> _Person | None:
    """The person in "Mayor Ana Ruiz" or "Ruiz"; None for "the State Department" or "Reuters"."""
    tokens = _tokens(name, at)
    people = _people(tokens)
    if people:
        return people[-1]
    last = tokens[-1] if tokens else None
    if last is None or not _name_like(last) or len(tokens) > 1:
        return None
    return _Person("", _word(last.text), last.text, last.start, last.start, last.end, (), False)


_PLACE = re.compile(r"\bin\s+(?P<place>(?:the\s+)?[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,3})(?![\w’'])")


def _place_mentions(sentence: Sentence, raw: str) -> list[_Mention]:
    """Where an event happened: "held in Helsinki". One place a sentence, or which is the event's?"""
    places = [
        m
        for m in _PLACE.finditer(raw)
        if _word(m["place"].split()[-1]) not in _LEADING
        and not re.search(r"['’]s$", m["place"])  # "in Trump’s view"
        and not _modifies(raw, m.end())  # "in the Finnish capital": a description, not a name
        and not _people(_tokens(m["place"], 0))
    ]
    if len(places) != 1:
        return []
    match = places[0]
    return [
        _Mention(
            kind=Detail.PLACE,
            aspect="place",
            subject="place",
            label="place",
            text=display_text(match["place"]),
            sentence=sentence,
            start=sentence.start + match.start("place"),
            end=sentence.start + match.end("place"),
            words=_words(match["place"]) - {"the"},
            before=_word_before(raw, match.start()),
        )
    ]


def _modifies(raw: str, end: int) -> bool:
    """Whether the capitalised words ending at `end` qualify a noun that follows them."""
    following = re.match(r"\s+([a-z]+)\b", raw[end:])
    return following is not None and following[1] not in _PHRASE_STOP


def _anchors(raw: str, start: int, end: int, reach: int = 3) -> frozenset[str]:
    """The content words next to a detail, within `reach` words and not across a mark but a comma.

    They tell which event a figure or a day belongs to: "arrested on Sunday" and "the attack late
    Saturday" are two events, "injured ... three children" and "two children ... injured" one.
    """
    before = re.split(r"[^\w\s,’'$%-]", raw[:start])[-1].split()[-reach:]
    after = re.split(r"[^\w\s,’'$%-]", raw[end:])[0].split()[:reach]
    return frozenset(
        _word(w.strip(","))[:5]
        for w in (*before, *after)
        if (word := _word(w.strip(","))).isalpha()
        and len(word) > 2
        and word not in _PHRASE_STOP
        and word not in _NUMBER_WORDS
        and word not in _TENS
        and _stem(word) not in _TIME_UNITS  # "a week" is a time frame, not an event
        and not _HEDGE.fullmatch(word + " ")
    )


def _word_before(raw: str, at: int) -> str:
    """The content word a detail hangs on: "fell" in "fell 10 percent", "arrested" in "arrested
    on Sunday", "attack" in "the attack late Saturday"; none across a mark but a comma."""
    for word in reversed(re.split(r"[^\w\s,’'$%-]", raw[:at])[-1].split()[-4:]):
        plain = _word(word.strip(","))
        if plain.isalpha() and plain not in _PHRASE_STOP and plain not in _LEADING and len(plain) > 2:
            return plain[:5]
    return ""


def _content_words(text: str) -> frozenset[str]:
    return frozenset(
        _stem(w)
        for t in re.findall(r"[A-Za-z][\w’'-]*", text)
        if (w := _word(t)) not in _PHRASE_STOP and len(w) > 2
    )


def mentions_of(sentence: Sentence, article_text: str) -> list[_Mention]:
    """Every comparable detail one sentence states."""
    raw = article_text[sentence.start : sentence.end]
    tokens = _tokens(raw, sentence.start)
    return [
        *_person_mentions(sentence, raw, tokens),
        *_figure_mentions(sentence, raw),
        *_when_mentions(sentence, raw),
        *_speaker_mentions(sentence, raw),
        *_place_mentions(sentence, raw),
    ]


# --- Comparing -------------------------------------------------------------------------------

_NICKNAMES = [
    {"james", "jim", "jimmy", "jamie"},
    {"william", "bill", "billy", "will", "willie"},
    {"robert", "bob", "bobby", "rob", "robbie"},
    {"michael", "mike", "mick"},
    {"joseph", "joe", "joey"},
    {"thomas", "tom", "tommy"},
    {"richard", "dick", "rick", "rich", "ricky"},
    {"edward", "ed", "ted", "eddie", "ned"},
    {"anthony", "tony"},
    {"christopher", "chris"},
    {"daniel", "dan", "danny"},
    {"david", "dave"},
    {"steven", "stephen", "steve"},
    {"benjamin", "ben"},
    {"alexander", "alex"},
    {"samuel", "sam"},
    {"matthew", "matt"},
    {"nicholas", "nick"},
    {"patrick", "pat"},
    {"andrew", "andy", "drew"},
    {"elizabeth", "liz", "beth", "betty", "eliza"},
    {"katherine", "catherine", "kate", "kathy", "cathy", "katie"},
    {"jennifer", "jen", "jenny"},
    {"charles", "charlie", "chuck"},
    {"gregory", "greg"},
    {"jeffrey", "jeff"},
    {"kenneth", "ken"},
    {"lawrence", "larry"},
    {"ronald", "ron"},
    {"donald", "don"},
    {"timothy", "tim"},
    {"frederick", "fred"},
    {"douglas", "doug"},
    {"margaret", "maggie", "peggy", "meg"},
    {"susan", "sue"},
    {"deborah", "debbie", "deb"},
]
_NICKNAME = {name: frozenset(group) for group in _NICKNAMES for name in group}


def same_person(a: str, b: str) -> bool:
    """First names that can name one person: "Jim" and "James", "J" and "John", or one unknown."""
    if not a or not b or a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return b in _NICKNAME.get(a, frozenset())


def _same_title(a: _Mention, b: _Mention) -> bool:
    """Titles that do not contradict: one adds to the other ("PLA General" and "General"), or
    they name different offices one person may hold at once ("Chairman" and "Rep.", "Premier"
    and "Prime Minister"). "Defense Secretary" and "Treasury Secretary" contradict each other.
    """
    return a.words <= b.words or b.words <= a.words or not a.words & b.words & _OFFICES


def _same_role(a: _Mention, b: _Mention) -> bool:
    """Same head ("chief") and, for each preposition both use, objects one of which extends the other.

    "chief of joint staff of the PLA" is "chief of the Joint Staff Department of the PLA" shortened;
    "chief of state of the PLA" is another office. "professor of economics" and "professor at
    Harvard" each add a detail the other omits.
    """
    if not (a.words <= b.words or b.words <= a.words):
        return False
    for prep in {p for p, _ in a.slots} & {p for p, _ in b.slots}:
        left = [w for p, w in a.slots if p == prep]
        right = [w for p, w in b.slots if p == prep]
        if not (_extends(left, right) or _extends(right, left)):
            return False
    return True


def _extends(short: list[frozenset[str]], long: list[frozenset[str]]) -> bool:
    """Each of `short`'s objects is within one of `long`'s, in order."""
    position = 0
    for words in short:
        while position < len(long) and not (words <= long[position] or long[position] <= words):
            position += 1
        if position == len(long):
            return False
        position += 1
    return True


def _agree(a: _Mention, b: _Mention) -> bool:
    """Whether two mentions of one subject can both be true."""
    if a.aspect == "title":
        return _same_title(a, b)
    if a.aspect == "role":
        return _same_role(a, b)
    if a.aspect in ("count", "age"):
        return a.high >= b.low and b.high >= a.low
    if a.aspect in ("quote", "reported"):
        return a.words == b.words and same_person(a.first, b.first)
    if a.aspect == "place":  # "in Helsinki" and "in the Finnish capital, Helsinki"
        return (
            bool(a.words & b.words)
            or a.words <= _words(b.sentence.text)
            or b.words <= _words(a.sentence.text)
        )
    return a.words == b.words


def _comparable(a: _Mention, b: _Mention) -> bool:
    """Whether two outlets' mentions speak of the same thing, so a difference is a disagreement."""
    if a.article_id == b.article_id or a.aspect != b.aspect or a.time_bound or b.time_bound:
        return False
    if a.aspect == "count":
        if a.subject != b.subject or a.frame != b.frame:
            return False  # another noun, or another time frame ("since last year", "this month")
        if a.words and b.words and not a.words & b.words:
            return False  # "Chinese companies" and "American companies" are two counts
        if a.before and b.before:  # "killed 12 people" is not "injured 15 people"
            return a.before == b.before
        # No noun to align "$5 million" or "10 percent" by: the verb before must be the same.
        return a.subject not in ("dollar", "percent") and bool(a.context & b.context)
    if a.aspect in ("day", "date", "place"):
        # A day is an event's only next to the same words ("arrested on Sunday" is not "the attack
        # late Saturday"), and the day something was said is not the day it happened.
        return bool(a.before) and a.before == b.before and a.context == b.context
    if a.aspect in ("quote", "reported"):  # the same words, near enough, said by someone else
        shorter, longer = sorted((a.context, b.context), key=len)
        return len(shorter & longer) >= 0.8 * len(shorter)
    return True


# --- The stage -------------------------------------------------------------------------------


def find_disagreements(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    embeddings: np.ndarray,
    facts: Sequence[Fact],
    duplicate: float,
) -> tuple[Disagreement, ...]:
    """Every detail the bundle's outlets report differently, with each version's citations.

    `embeddings` are the sentences' unit vectors, row for row. Figures and days are compared
    between two sentences that speak of the same fact: one fact group, or as close as the
    embedder's `duplicate` threshold.
    """
    text_of = {a.id: a.text for a in articles}
    mentions = [m for s in sentences for m in mentions_of(s, text_of[s.article_id])]
    row = {s: i for i, s in enumerate(sentences)}
    fact_of = {s: n for n, fact in enumerate(facts) for s in fact.members}
    similarity = embeddings @ embeddings.T if len(sentences) else np.zeros((0, 0))

    def same_fact(a: _Mention, b: _Mention) -> bool:
        if a.sentence in fact_of and fact_of[a.sentence] == fact_of.get(b.sentence):
            return True
        return bool(similarity[row[a.sentence], row[b.sentence]] >= duplicate)

    # Two outlets that differ on both the day and a figure report two occasions ("666 points on
    # Friday", "1,175 points on Monday"), not one they disagree on.
    days: dict[Sentence, set[str]] = defaultdict(set)
    counts: dict[Sentence, list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.aspect in ("day", "date"):
            days[m.sentence] |= m.words
        elif m.aspect == "count":
            counts[m.sentence].append(m)

    def same_occasion(a: _Mention, b: _Mention) -> bool:
        other_day = bool(days[a.sentence] and days[b.sentence] and days[a.sentence] != days[b.sentence])
        return same_fact(a, b) and not other_day

    def same_day_event(a: _Mention, b: _Mention) -> bool:
        other_count = any(
            x.subject == y.subject and not _agree(x, y)
            for x in counts[a.sentence]
            for y in counts[b.sentence]
        )
        return same_fact(a, b) and not other_count

    notes = [*_about_people(mentions)]
    for aspects, together in (
        (("count",), same_occasion),
        (("day", "date"), same_day_event),
        (("place", "reported"), same_fact),
        # A quotation is its own evidence of being the same statement, wherever the sentences sit.
        (("quote",), lambda a, b: True),
    ):
        for aspect in aspects:
            notes += _between_sentences([m for m in mentions if m.aspect == aspect], together)
    return tuple(notes)


def _about_people(mentions: Sequence[_Mention]) -> Iterable[Disagreement]:
    """Titles, roles and ages: one person's across the bundle, versions grouped by agreement."""
    by_subject: dict[tuple[str, str], list[_Mention]] = defaultdict(list)
    for m in mentions:
        if m.aspect in ("title", "role", "age"):
            by_subject[(m.subject, m.aspect)].append(m)
    for (_, aspect), group in by_subject.items():
        for person in _by_first_name(group):
            current = [m for m in person if not m.time_bound]
            versions = _versions(current)
            if _between_outlets(versions):
                label = max((m.label for m in person), key=len)
                what = f"{label}'s {'age' if aspect == 'age' else aspect}"
                yield _note(what, person[0].kind, versions)


def _by_first_name(group: list[_Mention]) -> list[list[_Mention]]:
    """Mentions of one surname split by person; a bare surname goes with a person only if one."""
    firsts = sorted({m.first for m in group if m.first}, key=len, reverse=True)
    people: list[list[str]] = []
    for first in firsts:
        for names in people:
            if all(same_person(first, other) for other in names):
                names.append(first)
                break
        else:
            people.append([first])
    if not people:
        return [group]
    split = [[m for m in group if m.first in names] for names in people]
    if len(people) == 1:
        split[0] += [m for m in group if not m.first]
    return split


def _versions(mentions: Sequence[_Mention]) -> list[list[_Mention]]:
    """Mentions grouped into versions: each joins the version it agrees with, fullest first.

    A mention that agrees with two versions ("General" with "PLA General" and "Lieutenant
    General") takes neither side, so it is left out.
    """
    fullest = sorted(mentions, key=lambda m: (-len(m.words) - sum(len(w) for _, w in m.slots), m.start))
    versions: list[list[_Mention]] = []
    for m in fullest:
        agreeing = [v for v in versions if _agree(m, v[0])]
        if not agreeing:
            versions.append([m])
        elif len(agreeing) == 1:
            agreeing[0].append(m)
    return versions


def _between_sentences(
    mentions: Sequence[_Mention], same_fact: Callable[[_Mention, _Mention], bool]
) -> Iterable[Disagreement]:
    """Pairs of outlets' mentions about one fact that cannot both be true, joined into notes."""
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    disputed = set()
    for i, a in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            b = mentions[j]
            if (
                a.subject == b.subject
                and _comparable(a, b)
                and same_fact(a, b)
                and not _agree(a, b)
                and _unique(a, mentions)
                and _unique(b, mentions)
            ):
                parent[root(j)] = root(i)
                disputed |= {i, j}
    components: dict[int, list[_Mention]] = defaultdict(list)
    for i in sorted(disputed):
        components[root(i)].append(mentions[i])
    for component in components.values():
        versions = _versions(component)
        if _between_outlets(versions):
            yield _note(_what(component[0]), component[0].kind, versions)


def _unique(m: _Mention, mentions: Sequence[_Mention]) -> bool:
    """The sentence states this subject once: with two figures for one noun, which is which?"""
    return sum(o.sentence == m.sentence and o.subject == m.subject for o in mentions) == 1


def _what(m: _Mention) -> str:
    if m.aspect == "count" and m.subject in ("dollar", "percent"):
        amount = "amount" if m.subject == "dollar" else "percentage"
        return f"the {amount} in “{_excerpt(m.sentence.text)}”"
    if m.aspect == "count":
        return f"number of {m.label}"
    if m.aspect in ("quote", "reported"):
        return f"who said {m.label}" if m.aspect == "quote" else f"who said “{m.label}”"
    if m.aspect == "place":
        return f"the place in “{_excerpt(m.sentence.text)}”"
    return f"the {m.aspect} in “{_excerpt(m.sentence.text)}”"


def _excerpt(text: str, words: int = 10) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _between_outlets(versions: list[list[_Mention]]) -> bool:
    """At least two versions, given by different outlets."""
    outlets = [{m.article_id for m in v} for v in versions]
    return any(x != y for i, a in enumerate(outlets) for b in outlets[i + 1 :] for x in a for y in b)


def _note(what: str, kind: Detail, versions: list[list[_Mention]]) -> Disagreement:
    ordered = sorted(versions, key=lambda v: min((m.article_id, m.start) for m in v))
    return Disagreement(
        what=what,
        kind=kind,
        versions=tuple(
            Version(
                text=v[0].text,
                citations=tuple(
                    sorted(dict.fromkeys(m.citation for m in v), key=lambda c: (c.article_id, c.start))
                ),
            )
            for v in ordered
        ),
    )


# --- In the brief ----------------------------------------------------------------------------


def bearing_on(disagreements: Iterable[Disagreement], cited: Iterable[Citation]) -> tuple[Disagreement, ...]:
    """The disagreements with a version inside one of the cited sentences: those a brief sentence faces."""
    spans = [(c.article_id, c.start, c.end) for c in cited]
    return tuple(
        d
        for d in disagreements
        if any(
            c.article_id == a and s <= c.start and c.end <= e
            for v in d.versions
            for c in v.citations
            for a, s, e in spans
        )
    )


def settle(text: str, disagreements: Iterable[Disagreement], articles: Mapping[str, Article]) -> str:
    """A brief sentence that takes no side: a disputed title or role dropped, a disputed figure,
    day or speaker attributed to the outlets that give it.

    The versions are looked for in `text` as their outlets wrote them (each citation's characters),
    so it works on an extracted sentence and on a fused one that kept a version's wording.
    """
    edits: list[tuple[Span, str]] = []
    for disagreement in disagreements:
        for version in disagreement.versions:
            for phrase in {
                display_text(articles[c.article_id].text[c.start : c.end]) for c in version.citations
            }:
                for found in re.finditer(re.escape(phrase), text):
                    edits.append(_settling(text, found, disagreement.kind, version, articles))
    settled = text
    last = len(text) + 1
    for span, replacement in sorted(set(edits), key=lambda e: e[0].start, reverse=True):
        if span.end <= last:  # overlapping edits: the later one wins
            settled = settled[: span.start] + replacement + settled[span.end :]
            last = span.start
    return " ".join(settled.split())


def _settling(
    text: str, found: re.Match[str], kind: Detail, version: Version, articles: Mapping[str, Article]
) -> tuple[Span, str]:
    start, end = found.start(), found.end()
    if kind is Detail.ROLE:
        # An appositive goes with its commas when the sentence's verb follows ("Fang Fenghui, chief
        # of ..., will take part" -> "Fang Fenghui will take part"); before another clause ("...,
        # officials said") the comma stays.
        if text[:start].endswith(", "):
            start -= 2
            after = re.match(r",\s+(\w+)", text[end:])
            if after and (after[1] in _VERB_AFTER_SUBJECT or after[1].endswith("ed")):
                end += 1
        return Span(start, end), ""
    outlets = ", ".join(dict.fromkeys(_outlet(articles[c.article_id]) for c in version.citations))
    return Span(end, end), f" (according to {outlets})"


_ATTRIBUTION = re.compile(r" \(according to [^)]*\)")


def without_attributions(text: str) -> str:
    """The sentence without the outlet labels `settle` added: they name sources, they claim nothing."""
    return _ATTRIBUTION.sub("", text)


_VERB_AFTER_SUBJECT = frozenset(
    "will would is was has had have are were can could may might must should said says told also did does".split()
)


def _outlet(article: Article) -> str:
    return article.source or article.id


def describe(disagreement: Disagreement, articles: Mapping[str, Article] | None = None) -> str:
    """One line for a person: what differs, then each version with the outlets that give it."""
    versions = "; ".join(
        f"“{v.text}” ("
        + ", ".join(
            dict.fromkeys(_outlet(articles[c.article_id]) if articles else c.article_id for c in v.citations)
        )
        + ")"
        for v in disagreement.versions
    )
    return f"{disagreement.what}: {versions}"


# --- One pair, as the labelled set is scored --------------------------------------------------


def disputes(a: str, b: str, embedder: Embedder) -> tuple[Disagreement, ...]:
    """The disagreements between two outlets' sentences, found as the stage finds them in a bundle."""
    articles = [Article(id=i, text=t, body=(Span(0, len(t)),)) for i, t in (("a", a), ("b", b))]
    sentences = [Sentence(x.id, 0, 0, len(x.text), display_text(x.text)) for x in articles]
    embeddings = embedder.encode([s.text for s in sentences])
    facts = [Fact(members=(s,), representative=s, score=0.0) for s in sentences]
    return find_disagreements(articles, sentences, embeddings, facts, embedder.thresholds.duplicate)
