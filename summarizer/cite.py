"""Cite: each brief sentence cites every article that reports its fact.

An article is cited by its sentence closest to the claim when that sentence clears the
embedder's support threshold; the fact's own member sentences are always cited. Citations
carry the offsets of the supporting sentence in that article's text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from summarizer.bundle import Bundle
from summarizer.types import Citation, Sentence


def cite(bundle: Bundle, claim: np.ndarray, anchors: Sequence[Sentence] = ()) -> tuple[Citation, ...]:
    """Citations for a claim (its unit vector), one per supporting article, in the bundle's order.

    With no anchors and nothing above the threshold, the single closest sentence is cited:
    every claim put to this stage names where it most likely came from.
    """
    sentences = bundle.sentences
    similarity = bundle.vectors @ claim if len(sentences) else np.zeros(0)
    chosen: dict[str, Sentence] = {s.article_id: s for s in anchors}
    best: dict[str, tuple[float, Sentence]] = {}
    for sentence, score in zip(sentences, similarity, strict=True):
        if sentence.article_id in chosen or score < bundle.thresholds.support:
            continue
        if sentence.article_id not in best or score > best[sentence.article_id][0]:
            best[sentence.article_id] = (float(score), sentence)
    chosen.update({article_id: sentence for article_id, (_, sentence) in best.items()})
    if not chosen and len(sentences):
        closest = sentences[int(np.argmax(similarity))]
        chosen[closest.article_id] = closest
    order = {article_id: i for i, article_id in enumerate(dict.fromkeys(s.article_id for s in sentences))}
    return tuple(
        Citation(article_id=s.article_id, start=s.start, end=s.end)
        for s in sorted(chosen.values(), key=lambda s: order.get(s.article_id, len(order)))
    )
