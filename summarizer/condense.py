"""Condense: every way the brief may word a candidate fact, each one checkably true.

Each outlet's sentence of a fact is one wording, and so is each shorter version of it that
deletes whole constituents the verifier allows (asides, parentheticals, non-restrictive
clauses, opening connectives, time and place phrases; `summarizer.text.constituents`). The
small language model judges how each shorter wording reads beside its whole sentence, in
batched forward passes, without writing a word: a wording that reads much worse than its
sentence is no candidate. Selection then chooses facts and wordings together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from summarizer.bundle import Bundle
from summarizer.generate import FluencyJudge
from summarizer.request import Deadline
from summarizer.text.constituents import opens_with_connective, shorter_wordings, without_opening_connective
from summarizer.tuning import Tuning
from summarizer.types import Fact, Method, Wording
from summarizer.verify import verify

Encode = Callable[[list[str]], np.ndarray]
_MOST_DELETIONS = 16  # shorter wordings of one sentence put to verification


def shortlist(facts: Sequence[Fact], max_words: int, tuning: Tuning) -> list[Fact]:
    """The best facts, in descending score, until their sentences hold `shortlist_factor` times
    the brief's words: the candidates selection chooses among."""
    chosen: list[Fact] = []
    words = 0
    for fact in facts:
        chosen.append(fact)
        words += fact.representative.words
        if words >= tuning.shortlist_factor * max_words:
            break
    return chosen


def condense(
    bundle: Bundle,
    facts: Sequence[Fact],
    tuning: Tuning,
    encode: Encode,
    judge: FluencyJudge | None,
    deadline: Deadline,
) -> list[Wording]:
    """Every wording of every fact: its outlets' sentences whole, and (with a judge) shorter.

    Without a judge, or when the deadline passes before it has read them, the only shorter
    wording offered is a sentence without its opening connective, which reads as well as the
    sentence does.
    """
    whole = [Wording(f, s, s.text, Method.EXTRACTED) for f in facts for s in f.sources]
    shorter = [
        Wording(fact, sentence, text, Method.CONDENSED)
        for fact in facts
        for sentence in fact.sources[: tuning.shortened_sentences]
        for text in _shorter(sentence.text, judged=judge is not None)
    ]
    shorter = _shortest(_verified(bundle, shorter, tuning, encode), tuning.wordings_per_sentence)
    if judge is not None and shorter:
        shorter = _fluent(whole, shorter, tuning, judge, deadline)
    return [w for w in whole + shorter if not opens_with_connective(w.text)]


def _shorter(sentence: str, judged: bool) -> list[str]:
    """The sentence's shorter wordings; unjudged, only the one without its opening connective."""
    if judged:
        return shorter_wordings(sentence, _MOST_DELETIONS)
    return [text] if (text := without_opening_connective(sentence)) else []


def _shortest(wordings: list[Wording], most: int) -> list[Wording]:
    """Of each sentence's wordings, the `most` shortest."""
    kept: list[Wording] = []
    for sentence in dict.fromkeys(w.sentence for w in wordings):
        kept += sorted((w for w in wordings if w.sentence is sentence), key=lambda w: w.words)[:most]
    return kept


def _verified(bundle: Bundle, wordings: list[Wording], tuning: Tuning, encode: Encode) -> list[Wording]:
    """The shorter wordings verification accepts against their fact's sentences, the one they
    shorten first."""
    if not wordings:
        return []
    vectors = encode([w.text for w in wordings])
    kept = []
    for wording, vector in zip(wordings, vectors, strict=True):
        sources = (wording.sentence, *(s for s in wording.fact.sources if s is not wording.sentence))
        verdict = verify(
            wording.text,
            sources,
            vector,
            np.stack([bundle.vector(s) for s in sources]),
            tuning=tuning,
            meaning_floor=bundle.thresholds.meaning_floor,
        )
        if verdict.passed:
            kept.append(wording)
    return kept


def _fluent(
    whole: list[Wording], shorter: list[Wording], tuning: Tuning, judge: FluencyJudge, deadline: Deadline
) -> list[Wording]:
    """The shorter wordings that read at most `fluency_drop` worse per token than their sentence
    (mean log-probability), each carrying that change; none if the judge had no time."""
    sentences = list(dict.fromkeys(w.sentence for w in shorter))
    scores = judge.fluency([s.text for s in sentences] + [w.text for w in shorter], deadline)
    if scores is None:
        return []
    of_sentence = dict(zip(sentences, scores, strict=False))
    fluent = []
    for wording, score in zip(shorter, scores[len(sentences) :], strict=True):
        change = score - of_sentence[wording.sentence]
        if change >= -tuning.fluency_drop:
            fluent.append(Wording(wording.fact, wording.sentence, wording.text, Method.CONDENSED, change))
    return fluent
