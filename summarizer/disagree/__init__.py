"""Disagree: where outlets report the same detail differently, say so, with citations to each side.

A brief stands on what its sources share. When one outlet calls General Fang Fenghui "chief of
the Joint Staff Department" and another "vice-chairman of the Central Military Commission", the
brief must not silently pick one: the brief sentence drops (or attributes) the disputed detail
(`summarizer.settle`), and the response carries a note with every version and its outlets.

Details are read with rules, not a model, so every note points at the exact characters it
compares. One module a kind of detail, each behind the same interface (`find` mentions in a
sentence; a `Mention` says whether another is `comparable`, whether they `agree`, and `what`
it is): roles and titles, figures (counts and ages), days and dates, places, speakers. Titles,
roles and ages belong to a person and quotations carry their own words, so they are compared
across the whole bundle; counts, days, places and reported statements only between two outlets'
sentences about the same fact (one fact group, or as close as the embedder's duplicate
threshold). Precision comes first: a spelling or name variant, a detail one outlet adds and
another omits, a hedge that admits the other figure, a figure for another time frame, two
offices one person holds, a former title, or sentences that differ on both day and figure (two
occasions) are not disagreements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from summarizer.bundle import Bundle
from summarizer.disagree import dates, figures, places, roles, speakers
from summarizer.disagree.base import Aspect, Mention, Scope, SentenceText
from summarizer.disagree.notes import about_people, between_sentences
from summarizer.types import Disagreement, Fact, Sentence

Finder = Callable[[SentenceText], list[Mention]]

FINDERS: tuple[Finder, ...] = (roles.find, figures.find, dates.find, speakers.find, places.find)
# The aspects compared between sentences, in the order their notes are listed.
BETWEEN_SENTENCES = (Aspect.COUNT, Aspect.DAY, Aspect.DATE, Aspect.PLACE, Aspect.REPORTED, Aspect.QUOTE)


def mentions_of(text: SentenceText) -> list[Mention]:
    """Every comparable detail one sentence states."""
    return [mention for find in FINDERS for mention in find(text)]


def find_disagreements(bundle: Bundle, facts: Sequence[Fact]) -> tuple[Disagreement, ...]:
    """Every detail the bundle's outlets report differently, with each version's citations."""
    mentions = [
        m
        for s in bundle.sentences
        for m in mentions_of(SentenceText(s, bundle.article(s.article_id).text[s.start : s.end]))
    ]
    fact_of = {s: n for n, fact in enumerate(facts) for s in fact.members}

    def same_fact(a: Mention, b: Mention) -> bool:
        if a.sentence in fact_of and fact_of[a.sentence] == fact_of.get(b.sentence):
            return True
        return bool(
            bundle.similarity[bundle.row[a.sentence], bundle.row[b.sentence]] >= bundle.thresholds.duplicate
        )

    # Two outlets that differ on both the day and a figure report two occasions ("666 points on
    # Friday", "1,175 points on Monday"), not one they disagree on.
    days: dict[Sentence, set[str]] = defaultdict(set)
    counts: dict[Sentence, list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.aspect in (Aspect.DAY, Aspect.DATE):
            days[m.sentence] |= m.words
        elif m.aspect is Aspect.COUNT:
            counts[m.sentence].append(m)

    def same_occasion(a: Mention, b: Mention) -> bool:
        other_day = bool(days[a.sentence] and days[b.sentence] and days[a.sentence] != days[b.sentence])
        return same_fact(a, b) and not other_day

    def same_event_on_a_day(a: Mention, b: Mention) -> bool:
        other_count = any(
            x.subject == y.subject and not x.agrees(y) for x in counts[a.sentence] for y in counts[b.sentence]
        )
        return same_fact(a, b) and not other_count

    together: dict[Scope, Callable[[Mention, Mention], bool]] = {
        Scope.OCCASION: same_occasion,
        Scope.EVENT_ON_A_DAY: same_event_on_a_day,
        Scope.FACT: same_fact,
        Scope.ANYWHERE: lambda a, b: True,
    }
    notes = list(about_people(mentions))
    for aspect in BETWEEN_SENTENCES:
        of_aspect = [m for m in mentions if m.aspect is aspect]
        if of_aspect:
            notes += between_sentences(of_aspect, together[of_aspect[0].scope])
    return tuple(notes)


def describe(disagreement: Disagreement, outlet: Callable[[str], str] = str) -> str:
    """One line for a person: what differs, then each version with the outlets that give it
    (`outlet` names an article by its id)."""
    versions = "; ".join(
        f"“{v.text}” (" + ", ".join(dict.fromkeys(outlet(c.article_id) for c in v.citations)) + ")"
        for v in disagreement.versions
    )
    return f"{disagreement.what}: {versions}"


__all__ = ["describe", "find_disagreements", "mentions_of"]
