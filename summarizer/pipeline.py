"""The whole path from a bundle of articles to a cited brief, top to bottom.

bundle -> clean -> sentences -> rank -> group -> disagree -> fuse -> verify -> cite -> settle -> brief
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from summarizer.brief import fit
from summarizer.cite import cite
from summarizer.clean import clean
from summarizer.disagree import bearing_on, find_disagreements, settle
from summarizer.embed import Embedder, load_embedder
from summarizer.fuse import fuse
from summarizer.generate import TextGenerator, load_generator
from summarizer.group import group, select
from summarizer.rank import RankInput, rank
from summarizer.sentences import split_sentences
from summarizer.settings import Settings
from summarizer.types import ArticleInput, Brief, BriefSentence, Fact, Generation, Method, Sentence
from summarizer.untrusted import drop_repeats, encode_once, screen_instructions
from summarizer.verify import copies, verify

log = logging.getLogger(__name__)

# Fused sentences run about this much shorter than their sources, so a brief plans this many
# more source words of facts when a model will condense them (`fit` trims any excess). Only
# the facts that would fill the brief as source sentences are drafted: drafting is most of a
# brief's time, and the extra facts are there to fill the room that condensing frees.
FUSION_OVERBOOKING = 1.3
# A draft must be this many words shorter than the sentence it condenses to replace it. A trim
# of a few words frees no room a fact could use (the shortest is `group.MIN_WORDS`), and what
# it drops is often a date or a "who said" the reader wanted: on the dev set, drafts saving
# fewer words put the fused brief below the extractive one on ROUGE-2 (README, Known limitations).
MIN_WORDS_SAVED = 5


class Summarizer:
    """Load once, then call `brief` per bundle; safe to share between threads."""

    def __init__(
        self,
        settings: Settings | None = None,
        embedder: Embedder | None = None,
        generator: TextGenerator | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.embedder = embedder or load_embedder(
            self.settings.embedder, self.settings.device, self.settings.dtype
        )
        self.generator = generator
        self.generator_error: str | None = None
        if generator is None:
            try:
                self.generator = load_generator(self.settings)
            except Exception as error:  # a broken model must cost fusion, not the service
                log.exception(
                    "generation model %r failed to load; briefs will be extractive", self.settings.model
                )
                self.generator_error = f"model failed to load: {type(error).__name__}: {error}"

    def brief(
        self, bundle: Sequence[ArticleInput], max_words: int | None = None, budget_s: float | None = None
    ) -> Brief:
        max_words = max_words or self.settings.max_words
        budget = self.settings.generation_budget_s if budget_s is None else budget_s
        deadline = time.monotonic() + budget
        thresholds = self.embedder.thresholds

        articles = [clean(article) for article in bundle]
        sentences = drop_repeats([sentence for article in articles for sentence in split_sentences(article)])
        embeddings = encode_once(self.embedder.encode, [s.text for s in sentences])
        # Article text is untrusted: sentences addressed to a model are never candidates (untrusted.py).
        sentences, embeddings = screen_instructions(articles, sentences, embeddings, thresholds.duplicate)
        vectors = dict(zip(sentences, embeddings, strict=True))

        scores = rank(RankInput(tuple(sentences), embeddings, thresholds.support, thresholds.duplicate))
        facts = group(sentences, embeddings, scores, thresholds.duplicate)
        disputed = find_disagreements(articles, sentences, embeddings, facts, thresholds.duplicate)
        overbooking = FUSION_OVERBOOKING if self.generator else 1.0
        chosen = select(facts, vectors, max_words, thresholds.redundant, thresholds.duplicate, overbooking)

        to_draft = fit([fact.representative.text for fact in chosen], chosen, max_words)
        written, generation = self._fuse_and_verify(chosen, sorted(to_draft), vectors, deadline)

        citations = [
            cite(
                vectors[fact.representative], sentences, embeddings, thresholds.support, anchors=fact.members
            )
            for fact in chosen
        ]
        # A sentence whose sources differ on a detail takes no side: the detail is dropped or
        # attributed to its outlets, and the brief lists the versions as disagreements.
        notes = [bearing_on(disputed, cited) for cited in citations]
        by_id = {article.id: article for article in articles}
        texts = [settle(w.text, note, by_id) for w, note in zip(written, notes, strict=True)]

        kept = fit(texts, chosen, max_words)
        brief = tuple(
            BriefSentence(text=texts[i], citations=citations[i], method=written[i].method) for i in kept
        )
        return Brief(
            sentences=brief,
            articles=tuple(articles),
            facts=tuple(chosen[i] for i in kept),
            generation=replace(
                generation,
                fused=sum(written[i].method is Method.FUSED for i in kept),
                fallbacks=sum(written[i].rejected for i in kept),
            ),
            embedder=self.embedder.name,
            disagreements=tuple(dict.fromkeys(note for i in kept for note in notes[i])),
        )

    def _fuse_and_verify(
        self, facts: list[Fact], to_draft: list[int], vectors: dict[Sentence, np.ndarray], deadline: float
    ) -> tuple[list[Written], Generation]:
        """Each fact's brief text: a verified fused sentence, else its representative sentence.

        Facts whose index is not in `to_draft` keep their representative sentence.
        """
        extracted = [Written(fact.representative.text, Method.EXTRACTED) for fact in facts]
        if self.generator is None:
            return extracted, Generation(model=None, device=None, error=self.generator_error)
        model, device = self.generator.name, self.generator.device
        try:
            drafts = fuse(
                [facts[i] for i in to_draft], self.generator, deadline, self.settings.max_new_tokens
            )
        except Exception as error:  # the model raising must cost fusion, not the brief
            log.exception("generation failed; brief is extractive")
            return extracted, Generation(model, device, error=f"generation failed: {type(error).__name__}")

        draft_of = dict(zip(to_draft, drafts.texts, strict=True))
        drafted = [d for d in drafts.texts if d]
        draft_vectors = iter(self.embedder.encode(drafted)) if drafted else iter(())
        written = []
        for index, fact in enumerate(facts):
            draft = draft_of.get(index)
            if not draft:
                written.append(extracted[index])
                continue
            text = " ".join(draft.split())
            draft_vector = next(draft_vectors)
            if copies(text, fact.members):  # a copy adds nothing: keep the best extract
                written.append(extracted[index])
                continue
            verdict = verify(text, fact.sources, draft_vector, np.stack([vectors[m] for m in fact.sources]))
            if not verdict.passed:
                log.debug("draft rejected (%s): %r", verdict.reason, draft)
                written.append(replace(extracted[index], rejected=True))
            elif fact.representative.words - len(text.split()) < MIN_WORDS_SAVED:
                written.append(extracted[index])  # true, but it wins no room
            else:
                written.append(Written(text, Method.FUSED))
        return written, Generation(model, device, budget_exhausted=drafts.budget_exhausted)


@dataclass(frozen=True)
class Written:
    """A fact's text for the brief, how it was made, and whether a draft was rejected for it."""

    text: str
    method: Method
    rejected: bool = False
