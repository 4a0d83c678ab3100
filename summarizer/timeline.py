"""Timeline: the brief tells the story as of the newest reports.

Two outlets wrote before the talks ("will discuss", "is expected to push"), one after ("pressed
China to exert more pressure"). A planned event that a later report tells as done is stated as
done: the preview's sentence leaves its fact, the report's sentence words it, and the fact keeps
the salience the preview earned (several outlets reported the event, whenever they wrote).

Which report is later: with both articles dated (`published_at`), the dates say; without, the
source order says nothing, and the articles' own words do: an article that leads with a plan was
written before the event, so its past-tense sentences are background, not the outcome.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from summarizer.bundle import Bundle
from summarizer.text.tense import Tense, may_plan, tense, tenses
from summarizer.types import Fact, Sentence, published


def as_of_newest(bundle: Bundle, facts: list[Fact]) -> list[Fact]:
    """The facts with every planned event a later report tells as done taken out of them; the
    report's fact scores at least as the preview's did, and says which previews it `supersedes`
    (selection takes it: what happened is the newest news). Descending score."""
    # Only a sentence that names a plan's words, and that another outlet's sentence in a fact
    # matches closely, can be a preview a later report tells as done: only those are parsed for a
    # plan, and only their close matches for a report (a parse costs milliseconds; a bundle may
    # hold thousands of sentences). A sentence an outlet repeats is in no fact (`group` absorbs
    # it): neither preview nor report.
    fact_of = {s: f for f in facts for s in f.members}
    similarity, row = bundle.similarity, bundle.row
    close_to: dict[Sentence, list[Sentence]] = {}
    for sentence in fact_of:
        if not may_plan(sentence.text):
            continue
        close = np.flatnonzero(similarity[row[sentence]] >= bundle.thresholds.duplicate)
        matches = [
            bundle.sentences[j]
            for j in sorted(map(int, close), key=lambda j: -similarity[row[sentence], j])
            if bundle.sentences[j] in fact_of and bundle.sentences[j].article_id != sentence.article_id
        ]
        if matches:
            close_to[sentence] = matches
    previews = list(close_to)
    planned = [
        s for s, t in zip(previews, tenses([s.text for s in previews]), strict=True) if t is Tense.PLANNED
    ]
    if not planned:
        return facts
    later = _later_than(bundle, _preview_articles(bundle))
    outcome: dict[Sentence, Sentence] = {}  # a superseded preview -> the report that tells it done
    for preview in planned:
        reports = (r for r in close_to[preview] if later(r.article_id, preview.article_id))
        report = next((r for r in reports if tense(r.text) is Tense.DONE), None)
        if report is not None:
            outcome[preview] = report
    if not outcome:
        return facts

    score = {f: f.score for f in facts}
    superseded: dict[Fact, list[Sentence]] = {f: [] for f in facts}
    for preview, report in outcome.items():
        score[fact_of[report]] = max(score[fact_of[report]], fact_of[preview].score)
        superseded[fact_of[report]].append(preview)
    result = []
    for fact in facts:
        members = tuple(m for m in fact.members if m not in outcome)
        if not members:
            continue
        representative = fact.representative
        if representative in outcome:  # the report of the preview that led the fact words it now
            report = outcome[representative]
            representative = report if report in members else members[0]
        result.append(Fact(members, representative, score[fact], (*fact.supersedes, *superseded[fact])))
    return sorted(result, key=lambda f: -f.score)


def _preview_articles(bundle: Bundle) -> dict[str, bool]:
    """For each article, whether it previews its event: its first sentence tells it as planned."""
    first: dict[str, Sentence] = {}
    for sentence in bundle.sentences:
        first.setdefault(sentence.article_id, sentence)
    return {
        a: t is Tense.PLANNED for a, t in zip(first, tenses([s.text for s in first.values()]), strict=True)
    }


def _later_than(bundle: Bundle, preview_article: dict[str, bool]) -> Callable[[str, str], bool]:
    """`later(b, a)`: whether article `b` reports after article `a` wrote. Without dates, an
    article that previews its event was written before it."""
    dates = {a.id: published(a.published_at) if a.published_at else None for a in bundle.articles}

    def later(b: str, a: str) -> bool:
        if b == a:
            return False
        date_b, date_a = dates.get(b), dates.get(a)
        if date_b is not None and date_a is not None:
            return date_b > date_a
        return not preview_article.get(b, False)

    return later
