"""Select: the wordings of facts that cover the most reported content within the word budget.

One integer programme over concepts (Gillick and Favre 2009, solved by SciPy's HiGHS `milp`):
each concept (`summarizer.text.concepts`) counts once however many chosen sentences hold it,
weighted by how many outlets report it; at most one wording per fact; no two facts that say the
same thing; the best-ranked fact a brief can open with always in; the words within `max_words`. Choosing facts and
their wording together lets a shortened wording make room for another fact.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, OptimizeResult, milp
from scipy.sparse import coo_matrix

from summarizer.bundle import Bundle
from summarizer.limits import MAX_SENTENCE_CHARS
from summarizer.text.concepts import concepts
from summarizer.text.overlap import word_runs
from summarizer.text.pointing import may_hold_antecedent, points_back
from summarizer.tuning import Tuning
from summarizer.types import Fact, Wording


def select(
    bundle: Bundle, facts: Sequence[Fact], wordings: Sequence[Wording], max_words: int, tuning: Tuning
) -> list[Wording]:
    """The chosen wordings, best fact first then in descending fact score.

    `facts` are the candidates in descending score; `wordings` word them (each fact at least once).
    """
    fitting = [
        w
        for w in wordings
        if tuning.min_fact_words <= w.words <= max_words and len(w.text) <= MAX_SENTENCE_CHARS
    ]
    if not fitting:  # `max_words` is a hard cap: with no sentence that short, the brief is empty
        return []
    weight = _concept_weights(bundle, tuning)
    rank = {fact: i for i, fact in enumerate(facts)}
    held = [[c for c in concepts(w.text) if weight.get(c, 0.0) > 0] for w in fitting]
    names = sorted({c for cs in held for c in cs})
    column = {c: len(fitting) + i for i, c in enumerate(names)}
    n = len(fitting) + len(names)

    value = np.zeros(n)
    for i, w in enumerate(fitting):
        value[i] = tuning.fact_score_weight * w.fact.score + tuning.fluency_weight * w.fluency
    for c, j in column.items():
        value[j] = weight[c]

    rows: list[tuple[dict[int, float], float, float]] = []  # coefficients, lower, upper
    rows.append(({i: float(w.words) for i, w in enumerate(fitting)}, 0.0, float(max_words)))
    of_fact: dict[Fact, list[int]] = defaultdict(list)
    for i, w in enumerate(fitting):
        of_fact[w.fact].append(i)
    for indices in of_fact.values():
        rows.append(({i: 1.0 for i in indices}, 0.0, 1.0))
    # A concept counts only when a chosen wording holds it.
    by_concept: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, cs in enumerate(held):
        for c in cs:
            by_concept[c].append(i)
    for c, indices in by_concept.items():
        rows.append(({column[c]: 1.0, **{i: -1.0 for i in indices}}, -np.inf, 0.0))
    same = _same_thing(bundle, list(of_fact))
    for a, b in same:
        rows.append(({i: 1.0 for i in of_fact[a] + of_fact[b]}, 0.0, 1.0))
    # Wordings of two facts that tell one detail in the same words are not both in; a shorter
    # wording that drops the detail may still join the other.
    for i, j in _repeating(fitting, tuning):
        rows.append(({i: 1.0, j: 1.0}, 0.0, 1.0))
    # A sentence that opens with "He", "This" or "The tweet" needs an earlier sentence of its
    # article in the brief, where whoever it points at is named ("He": a sentence naming someone).
    for i, w in enumerate(fitting):
        if points_back(w.text):
            earlier = [
                j
                for j, other in enumerate(fitting)
                if other.fact is not w.fact
                and other.sentence.article_id == w.sentence.article_id
                and other.sentence.index < w.sentence.index
                and may_hold_antecedent(other.text, w.text)
            ]
            rows.append(({i: 1.0, **{j: -1.0 for j in earlier}}, -np.inf, 0.0))
    # The best fact a brief can open with is always in.
    best = min(of_fact, key=rank.__getitem__)
    standing = [f for f in of_fact if any(not points_back(fitting[i].text) for i in of_fact[f])]
    if standing:
        best = min(standing, key=rank.__getitem__)
        rows.append(({i: 1.0 for i in of_fact[best]}, 1.0, 1.0))
    # So is what later reports say became of a planned event, while the shortest wordings fit,
    # unless it says what a fact already in says (the brief carries one of the two).
    room = max_words - min(fitting[i].words for i in of_fact[best]) if standing else max_words
    forced = [best] if standing else []
    pairs = {frozenset(pair) for pair in same}
    news: list[tuple[dict[int, float], float, float]] = []
    for fact in sorted(of_fact, key=rank.__getitem__):
        shortest = min(fitting[i].words for i in of_fact[fact])
        repeats = any(frozenset((fact, other)) in pairs for other in forced)
        if fact.supersedes and fact is not best and shortest <= room and not repeats:
            room -= shortest
            forced.append(fact)
            news.append(({i: 1.0 for i in of_fact[fact]}, 1.0, 1.0))
    result = _solve(value, rows + news, len(fitting), tuning)
    if result.x is None and news:
        # Newest news that the other rules cannot take in (one that needs a sentence before it
        # that the brief cannot hold) yields, rather than leaving the best fact alone.
        result = _solve(value, rows, len(fitting), tuning)
    if result.x is None:  # no solution in time: the best fact's shortest wording stands alone
        return [min((fitting[i] for i in of_fact[best]), key=lambda w: w.words)]
    chosen = [w for i, w in enumerate(fitting) if result.x[i] > 0.5]
    return sorted(chosen, key=lambda w: rank[w.fact])


def _solve(
    value: np.ndarray, rows: list[tuple[dict[int, float], float, float]], wordings: int, tuning: Tuning
) -> OptimizeResult:
    """The programme that maximises `value` under `rows` (coefficients by column, lower and upper
    bound), its first `wordings` columns whole (a wording is in or out), the rest, concepts,
    covered as far as the wordings cover them."""
    n = len(value)
    coefficients = coo_matrix(
        (
            [v for r, _, _ in rows for v in r.values()],
            ([k for k, (r, _, _) in enumerate(rows) for _ in r], [j for r, _, _ in rows for j in r]),
        ),
        shape=(len(rows), n),
    )
    integrality = np.zeros(n)
    integrality[:wordings] = 1
    return milp(
        -value,
        constraints=LinearConstraint(coefficients, [lo for _, lo, _ in rows], [hi for _, _, hi in rows]),
        integrality=integrality,
        bounds=Bounds(0, 1),
        options={"time_limit": tuning.selection_seconds},
    )


def _concept_weights(bundle: Bundle, tuning: Tuning) -> dict[tuple[str, str], float]:
    """Each concept's weight: the number of outlets whose sentences hold it, when at least
    `concept_outlets` of them do (one outlet's phrasing is no shared fact), and with a bonus for
    the concepts of an outlet's lead sentences, where a story says what matters most."""
    outlets: dict[tuple[str, str], set[str]] = defaultdict(set)
    early: dict[tuple[str, str], float] = defaultdict(float)
    for sentence in bundle.sentences:
        lead = 0.5 ** (sentence.index / tuning.position_half_life)
        for c in concepts(sentence.text):
            outlets[c].add(sentence.article_id)
            early[c] = max(early[c], lead)
    least = min(tuning.concept_outlets, max(bundle.article_count, 1))
    return {
        c: len(ids) * (1.0 + tuning.concept_lead_bonus * early[c])
        for c, ids in outlets.items()
        if len(ids) >= least
    }


def _repeating(wordings: Sequence[Wording], tuning: Tuning) -> set[tuple[int, int]]:
    """Pairs of wordings, of different facts, that share a run of words (`word_runs`)."""
    holders: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, w in enumerate(wordings):
        for run in word_runs(w.text, tuning.repeated_run_words, tuning.repeated_run_content):
            holders[run].append(i)
    return {
        (i, j)
        for indices in holders.values()
        for k, i in enumerate(indices)
        for j in indices[k + 1 :]
        if wordings[i].fact is not wordings[j].fact
    }


def _same_thing(bundle: Bundle, facts: Sequence[Fact]) -> list[tuple[Fact, Fact]]:
    """Pairs of facts a brief carries only one of: the second close in meaning to the first's
    sentence, or a near-duplicate of any outlet's wording of it."""
    thresholds = bundle.thresholds
    pairs = []
    for i, a in enumerate(facts):
        va = bundle.vector(a.representative)
        for b in facts[i + 1 :]:
            vb = bundle.vector(b.representative)
            if (
                float(va @ vb) >= thresholds.redundant
                or any(float(vb @ bundle.vector(m)) >= thresholds.duplicate for m in a.members)
                or any(float(va @ bundle.vector(m)) >= thresholds.duplicate for m in b.members)
            ):
                pairs.append((a, b))
    return pairs
