"""The condensed brief: how much of it is condensed, by how much, how it reads, and whether any
detail in it lacks a source."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.generate import FluencyJudge
from summarizer.request import Deadline
from summarizer.settle import without_attributions
from summarizer.text.constituents import opens_with_connective
from summarizer.text.normalise import display_text
from summarizer.text.overlap import word_runs
from summarizer.text.pointing import may_hold_antecedent, points_back
from summarizer.tuning import Tuning
from summarizer.types import Brief, Method
from summarizer.verify import unsupported_details


@dataclass(frozen=True)
class Condensing:
    words: int  # the brief length these briefs were asked for
    sentences: int
    condensed: int
    words_saved: list[int]  # per condensed sentence: its source sentence's words less its own
    fluency: list[float]  # per condensed sentence: mean log-probability per token, less its source's
    unsupported: dict[str, int]  # system -> brief sentences with a detail absent from their citations
    dangling: dict[str, int]  # system -> brief sentences that open pointing outside the brief
    repeated: dict[str, int]  # system -> pairs of brief sentences that tell one detail in the same words


def condensing(
    words: int, briefs: Sequence[Brief], extractive: Sequence[Brief], judge: object, tuning: Tuning
) -> Condensing:
    pairs = [
        (s.text, _source(brief, s.citations[0].article_id, s.citations[0].start, s.citations[0].end))
        for brief in briefs
        for s in brief.sentences
        if s.method is Method.CONDENSED
    ]
    fluency: list[float] = []
    if pairs and isinstance(judge, FluencyJudge):
        scores = judge.fluency([t for t, _ in pairs] + [s for _, s in pairs], Deadline.after(600.0)) or []
        fluency = [a - b for a, b in zip(scores[: len(pairs)], scores[len(pairs) :], strict=False)]
    return Condensing(
        words=words,
        sentences=sum(len(b.sentences) for b in briefs),
        condensed=len(pairs),
        words_saved=[len(source.split()) - len(text.split()) for text, source in pairs],
        fluency=fluency,
        unsupported={
            "extractive": sum(unsupported_sentences(b) for b in extractive),
            "condensed": sum(unsupported_sentences(b) for b in briefs),
        },
        dangling={
            "extractive": sum(dangling_openers(b) for b in extractive),
            "condensed": sum(dangling_openers(b) for b in briefs),
        },
        repeated={
            "extractive": sum(repeated_details(b, tuning) for b in extractive),
            "condensed": sum(repeated_details(b, tuning) for b in briefs),
        },
    )


def repeated_details(brief: Brief, tuning: Tuning) -> int:
    """Pairs of brief sentences that share a run of words (`word_runs`): one detail told twice."""
    runs = [
        word_runs(s.text, tuning.repeated_run_words, tuning.repeated_run_content) for s in brief.sentences
    ]
    return sum(bool(a & b) for i, a in enumerate(runs) for b in runs[i + 1 :])


def dangling_openers(brief: Brief) -> int:
    """Brief sentences that open pointing at something the brief has not said: with a connective
    ("But", "However,"), or with a pronoun or "The tweet" and no earlier sentence of their article
    before them that can name whom they point at ("She" needs one that names someone)."""
    count = 0
    for position, (sentence, fact) in enumerate(zip(brief.sentences, brief.facts, strict=True)):
        own = fact.representative
        named = any(
            f.representative.article_id == own.article_id
            and f.representative.index < own.index
            and may_hold_antecedent(earlier.text, sentence.text)
            for earlier, f in zip(brief.sentences[:position], brief.facts[:position], strict=True)
        )
        count += opens_with_connective(sentence.text) or (points_back(sentence.text) and not named)
    return count


def unsupported_sentences(brief: Brief) -> int:
    """Brief sentences carrying a name, number, date word or quote that none of their citations has.

    The outlet labels that settling adds ("(according to Reuters)") name sources, not facts; a
    cited span is read as it shows ("A<ZWSP>rwa" is "Arwa").
    """
    by_id = {a.id: a for a in brief.articles}
    return sum(
        bool(
            unsupported_details(
                without_attributions(s.text),
                " ".join(display_text(by_id[c.article_id].text[c.start : c.end]) for c in s.citations),
            )
        )
        for s in brief.sentences
    )


def condensing_lines(result: Condensing) -> list[str]:
    share = 100 / max(result.sentences, 1)
    saved = statistics.fmean(result.words_saved) if result.words_saved else 0.0
    fluency = statistics.fmean(result.fluency) if result.fluency else 0.0
    return [
        f"- {result.words} words: brief sentences {result.sentences}; condensed {result.condensed} "
        f"({share * result.condensed:.1f}%), saving {saved:.1f} words each on average; fluency of a "
        f"condensed sentence against its source sentence (mean log-probability per token under the "
        f"language model): {fluency:+.3f}; sentences with a name, number, date word or quotation absent "
        f"from their cited sources: condensed brief {result.unsupported['condensed']}, extractive "
        f"{result.unsupported['extractive']}; sentences that open with a connective, or a pronoun or "
        f'"The tweet" whose article\'s earlier sentence is not before them: condensed brief '
        f"{result.dangling['condensed']}, extractive {result.dangling['extractive']}; pairs of sentences "
        f"that tell one detail in the same words (a shared run of words): condensed brief "
        f"{result.repeated['condensed']}, extractive {result.repeated['extractive']}.",
    ]


def _source(brief: Brief, article_id: str, start: int, end: int) -> str:
    article = next(a for a in brief.articles if a.id == article_id)
    return " ".join(article.text[start:end].split())
