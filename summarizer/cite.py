"""Cite: each brief sentence cites the articles that report its fact.

An article is cited by its sentence closest to the claim, when that sentence is close enough in
meaning and in words: its cosine to the claim plus a share of the claim's content words it holds
(the tuning's `citation_word_weight`) must reach the embedder's citation threshold. Meaning alone
cites articles that only share a topic; words alone miss paraphrase. The fact's own member
sentences are always candidates. Citations carry the offsets of the supporting sentence in that
article's text; how much each supports the sentence is judged next (`summarizer.support`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.bundle import Bundle
from summarizer.text.overlap import coverage
from summarizer.tuning import Tuning
from summarizer.types import Citation, Sentence


def cite(
    bundle: Bundle, claim: np.ndarray, claim_text: str, tuning: Tuning, anchors: Sequence[Sentence] = ()
) -> tuple[Citation, ...]:
    """Citations for a claim (its unit vector and its text), one per article, in the bundle's order.

    With no anchors and nothing above the threshold, the single closest sentence is cited:
    every claim put to this stage names where it most likely came from.
    """
    sentences = bundle.sentences
    if not sentences:
        return ()
    cosine = bundle.vectors @ claim
    score = [
        float(c) + tuning.citation_word_weight * coverage(claim_text, s.text)
        for s, c in zip(sentences, cosine, strict=True)
    ]
    chosen: dict[str, Sentence] = {s.article_id: s for s in anchors}
    best: dict[str, tuple[float, Sentence]] = {}
    for sentence, value in zip(sentences, score, strict=True):
        if sentence.article_id in chosen or value < bundle.thresholds.cite:
            continue
        if sentence.article_id not in best or value > best[sentence.article_id][0]:
            best[sentence.article_id] = (value, sentence)
    chosen.update({article_id: sentence for article_id, (_, sentence) in best.items()})
    if not chosen:
        closest = sentences[int(np.argmax(score))]
        chosen[closest.article_id] = closest
    order = {article_id: i for i, article_id in enumerate(dict.fromkeys(s.article_id for s in sentences))}
    return tuple(
        Citation(article_id=s.article_id, start=s.start, end=s.end)
        for s in sorted(chosen.values(), key=lambda s: order.get(s.article_id, len(order)))
    )
