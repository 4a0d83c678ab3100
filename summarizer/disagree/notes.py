"""From mentions to notes: versions grouped by agreement, one note per disputed detail."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from summarizer.disagree.base import Aspect, Mention
from summarizer.disagree.people import PersonMention, same_person
from summarizer.types import Detail, Disagreement, Version


def about_people(mentions: Sequence[Mention]) -> Iterable[Disagreement]:
    """Titles, roles and ages: one person's across the bundle, versions grouped by agreement."""
    by_subject: dict[tuple[str, Aspect], list[PersonMention]] = defaultdict(list)
    for m in mentions:
        if isinstance(m, PersonMention):
            by_subject[(m.subject, m.aspect)].append(m)
    for (_, aspect), group in by_subject.items():
        for person in _by_first_name(group):
            versions = _versions([m for m in person if not m.time_bound])
            if _between_outlets(versions):
                label = max((m.label for m in person), key=len)
                yield _note(f"{label}'s {aspect}", person[0].detail, versions)


def between_sentences(
    mentions: Sequence[Mention], same_fact: Callable[[Mention, Mention], bool]
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
                and a.comparable(b)
                and same_fact(a, b)
                and not a.agrees(b)
                and _unique(a, mentions)
                and _unique(b, mentions)
            ):
                parent[root(j)] = root(i)
                disputed |= {i, j}
    components: dict[int, list[Mention]] = defaultdict(list)
    for i in sorted(disputed):
        components[root(i)].append(mentions[i])
    for component in components.values():
        versions = _versions(component)
        if _between_outlets(versions):
            yield _note(component[0].what(), component[0].detail, versions)


def _by_first_name(group: list[PersonMention]) -> list[list[PersonMention]]:
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


def _versions(mentions: Sequence[Mention]) -> list[list[Mention]]:
    """Mentions grouped into versions: each joins the version it agrees with, fullest first.

    A mention that agrees with two versions ("General" with "PLA General" and "Lieutenant
    General") takes neither side, so it is left out.
    """
    versions: list[list[Mention]] = []
    for m in sorted(mentions, key=lambda m: (-m.fullness, m.start)):
        agreeing = [v for v in versions if m.agrees(v[0])]
        if not agreeing:
            versions.append([m])
        elif len(agreeing) == 1:
            agreeing[0].append(m)
    return versions


def _unique(m: Mention, mentions: Sequence[Mention]) -> bool:
    """The sentence states this subject once: with two figures for one noun, which is which?"""
    return sum(o.sentence == m.sentence and o.subject == m.subject for o in mentions) == 1


def _between_outlets(versions: Sequence[Sequence[Mention]]) -> bool:
    """At least two versions, given by different outlets."""
    outlets = [{m.article_id for m in v} for v in versions]
    return any(x != y for i, a in enumerate(outlets) for b in outlets[i + 1 :] for x in a for y in b)


def _note(what: str, kind: Detail, versions: Sequence[Sequence[Mention]]) -> Disagreement:
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
