"""The whole path from a bundle of articles to a cited brief, top to bottom.

clean -> screen (language, copies, sentences, instructions, other stories) -> rank -> group -> timeline -> disagree -> condense
-> (rewrite -> verify) -> select -> cite -> support -> settle -> brief

Each stage is a module of its own; they share the text layer (`summarizer.text`) and the
screened bundle (`summarizer.bundle.Bundle`), and never import each other.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np

from summarizer.brief import fit
from summarizer.bundle import Bundle
from summarizer.cite import cite
from summarizer.clean import clean
from summarizer.condense import condense, shortlist
from summarizer.cores import Cores, OtherWork, usable_cores
from summarizer.disagree import find_disagreements
from summarizer.embed import Embedder, encode_distinct, load_embedder, shared
from summarizer.errors import ModelSettingsError, TooFewArticles
from summarizer.generate import FluencyJudge, TextGenerator, load_generator
from summarizer.group import group
from summarizer.limits import MIN_ARTICLES
from summarizer.rank import rank
from summarizer.request import BriefRequest, Deadline
from summarizer.rewrite import past_one_sentence, rewrite
from summarizer.screen import (
    LanguageDetector,
    MachineAddress,
    drop_copied_sentences,
    drop_repeats,
    first_published,
    other_languages,
    screen_instructions,
    screen_other_stories,
    wire_copies,
)
from summarizer.select import select
from summarizer.sentences import split_sentences
from summarizer.settings import Settings
from summarizer.settle import bearing_on, settle
from summarizer.support import supported
from summarizer.text import parse
from summarizer.timeline import as_of_newest
from summarizer.tuning import Tuning
from summarizer.types import (
    Article,
    Brief,
    BriefSentence,
    Fact,
    Fault,
    Generation,
    LeftOut,
    Method,
    Standing,
    Wording,
)
from summarizer.verify import Outcome, doomed, judge

log = logging.getLogger(__name__)


class Summarizer:
    """Load once, then call `brief` per request; safe to share between threads."""

    def __init__(
        self,
        settings: Settings | None = None,
        tuning: Tuning | None = None,
        embedder: Embedder | None = None,
        generator: TextGenerator | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self.tuning = tuning or Tuning()
        # The cores model work may use, lent to each model call (summarizer/cores.py).
        self.cores = Cores(usable_cores(), self.settings.concurrency, self.settings.threads, OtherWork())
        self.embedder = shared(
            embedder
            or load_embedder(self.settings.embedder, self.settings.device, self.settings.dtype, self.cores),
            self.settings.encode_window_ms,
            self.settings.vector_cache_entries,
        )
        self.generator = generator
        self.generator_error: str | None = None
        parse.load()  # support and verification parse sentences: loaded now, not in the first brief
        self.languages = LanguageDetector()
        thresholds = self.tuning.thresholds(self.embedder.space)
        self.machine_address = MachineAddress.of(
            self.embedder.encode,
            thresholds.machine_address,
            thresholds.machine_reader,
            thresholds.machine_gate,
        )
        try:
            if generator is None:
                self.generator = load_generator(self.settings, self.cores)
        except Exception as error:  # a broken model must cost rewriting, not the service
            log.exception(
                "generation model %r failed to load; briefs will be extractive", self.settings.model
            )
            self.generator = None
            # What a client sees: the kind of failure, never a path or a message that may hold one;
            # only a settings error, whose message names settings, is told as it is.
            self.generator_error = (
                f"the generation model failed to load: {error}"
                if isinstance(error, ModelSettingsError)
                else f"the generation model failed to load ({type(error).__name__})"
            )

    def brief(self, request: BriefRequest) -> Brief:
        with self.cores.writing():  # the briefs written at once share the cores
            return self._write(request)

    def _write(self, request: BriefRequest) -> Brief:
        tuning = self.tuning
        articles = [clean(article) for article in request.articles]
        bundle = self.screened(articles)
        scores = rank(bundle, tuning)
        facts = as_of_newest(bundle, group(bundle, scores))
        disputed = find_disagreements(bundle, facts)
        candidates = shortlist(facts, request.max_words, tuning)
        # A budget of 0 asks for an extractive brief: the model is not consulted, and that is no fault.
        model_work = request.budget_s > 0
        wordings, fault = self._wordings(bundle, candidates, request.deadline, model_work)
        # A model that drafts offers one more wording a fact, verified like the rest: selection
        # takes a draft only where the room it frees buys more than the outlet's own words.
        drafted, generation = self._drafts(bundle, candidates, request.deadline, fault, model_work)
        chosen = select(bundle, candidates, [*wordings, *drafted.wordings], request.max_words, tuning)

        # Every outlet of a fact is a candidate citation; each is kept with how much it backs the
        # sentence, and one that backs too little of it, or contradicts it, is not cited. The
        # sentence a wording keeps the words of is cited first.
        citations = []
        for wording in chosen:
            own = wording.sentence
            candidates_cited = cite(bundle, bundle.vector(own), wording.text, tuning, wording.fact.members)
            backing = supported(bundle, wording.text, own, candidates_cited, tuning)
            citations.append(
                tuple(sorted(backing, key=lambda c: (c.article_id, c.start) != (own.article_id, own.start)))
            )
        # A sentence whose sources differ on a detail takes no side: the detail is dropped or
        # attributed to its outlets, and the brief lists the versions as disagreements.
        notes = [bearing_on(disputed, cited) for cited in citations]
        by_id = {article.id: article for article in articles}
        texts = [settle(w.text, note, by_id) for w, note in zip(chosen, notes, strict=True)]

        kept = fit(texts, chosen, request.max_words)
        return Brief(
            sentences=tuple(
                BriefSentence(text=texts[i], citations=citations[i], method=chosen[i].method) for i in kept
            ),
            articles=tuple(articles),
            # Each fact as the brief words it: its representative is the sentence the brief keeps.
            facts=tuple(replace(chosen[i].fact, representative=chosen[i].sentence) for i in kept),
            generation=replace(
                generation,
                rewritten=sum(chosen[i].method is Method.REWRITTEN for i in kept),
                condensed=sum(chosen[i].method is Method.CONDENSED for i in kept),
                # A fact whose draft was rejected has no drafted wording: its brief sentence is an outlet's.
                rejected=sum(chosen[i].fact in drafted.rejected for i in kept),
            ),
            embedder=self.embedder.name,
            disagreements=tuple(dict.fromkeys(note for i in kept for note in notes[i])),
            left_out=_left_out(articles, bundle),
        )

    def close(self) -> None:
        """Release the generation backend's threads and connections (the service calls it at shutdown)."""
        if self.generator is not None:
            self.generator.close()

    def screened(self, articles: list[Article]) -> Bundle:
        """The bundle as the brief may use it, with its sentences' vectors: less articles in another
        language and copies of another article, sentences an article repeats or copies from an
        earlier one, sentences addressed to a machine (with what follows them on their line), and
        articles about another story.

        Raises `TooFewArticles` when fewer than two articles are in a language it reads.
        """
        tuning, thresholds = self.tuning, self.tuning.thresholds(self.embedder.space)
        left_out = {
            article_id: LeftOut(Standing.OTHER_LANGUAGE, language=language)
            for article_id, language in other_languages(articles, self.languages).items()
        }
        readable = [a for a in articles if a.id not in left_out]
        if len(articles) >= MIN_ARTICLES > len(readable):
            raise TooFewArticles(_too_few(articles, left_out))
        # Copies of one text are one source: the brief is that text's, however many outlets ran it.
        copies = wire_copies(readable, tuning.wire_copy_share)
        left_out |= {copy: LeftOut(Standing.DUPLICATE, duplicate_of=of) for copy, of in copies.items()}
        originals = [a for a in readable if a.id not in copies]

        sentences = drop_repeats([sentence for article in originals for sentence in split_sentences(article)])
        vectors = encode_distinct(self.embedder, [s.text for s in sentences])
        order = [a.id for a in first_published(originals)]
        kept = drop_copied_sentences(
            sentences, vectors, order, thresholds.duplicate, tuning.copied_sentence_words
        )
        sentences, vectors = [sentences[i] for i in kept], vectors[kept]
        kept = screen_instructions(articles, sentences, vectors, thresholds.duplicate, self.machine_address)
        sentences, vectors = [sentences[i] for i in kept], vectors[kept]
        kept = screen_other_stories(sentences, vectors, thresholds.off_topic, tuning.stray_length_ratio)
        return Bundle.of(articles, [sentences[i] for i in kept], vectors[kept], thresholds, left_out)

    def _wordings(
        self, bundle: Bundle, facts: list[Fact], deadline: Deadline, model_work: bool
    ) -> tuple[list[Wording], Fault | None]:
        """Every wording of the candidate facts, judged for fluency by the model where it can;
        a model that raises, or runs out of time, costs the shorter wordings, not the brief."""
        judge = self.generator if model_work and isinstance(self.generator, FluencyJudge) else None
        try:
            wordings = condense(bundle, facts, self.tuning, self.embedder.encode, judge, deadline)
        except Exception:
            log.exception("fluency scoring failed; brief is extractive")
            return condense(
                bundle, facts, self.tuning, self.embedder.encode, None, deadline
            ), Fault.MODEL_ERROR
        exhausted = judge is not None and deadline.passed
        return wordings, Fault.BUDGET_EXHAUSTED if exhausted else None

    def _drafting(self) -> bool:
        """Whether the model writes drafts of its own (`Settings.drafts`)."""
        if self.generator is None or self.settings.drafts == "off":
            return False
        # The packaged model drafts only where it cannot judge fluency instead (llama.cpp).
        packaged = self.settings.model == "smollm2" and self.settings.backend != "openai"
        judging = isinstance(self.generator, FluencyJudge)
        return self.settings.drafts == "on" or not packaged or not judging

    def _drafts(
        self,
        bundle: Bundle,
        facts: list[Fact],
        deadline: Deadline,
        fault: Fault | None,
        model_work: bool,
    ) -> tuple[Drafted, Generation]:
        """The model's verified draft of each candidate fact's best sentence, best facts first,
        where the model drafts and the request gave it time, and the facts whose draft verification
        rejected. Drafting costs no fact its other wordings: whatever the model does, the brief can
        still be written from its outlets' sentences."""
        none = Drafted((), frozenset())
        if not model_work:  # asked for an extractive brief: no model ran
            return none, Generation(model=None, device=None)
        if self.generator is None:
            fault = Fault.MODEL_UNAVAILABLE if self.generator_error else None
            return none, Generation(model=None, device=None, fault=fault, detail=self.generator_error)
        model, device = self.generator.name, self.generator.device
        if not self._drafting():
            return none, Generation(model, device, fault=fault, detail=_DETAIL.get(fault) if fault else None)
        try:
            drafts = rewrite(
                facts,
                self.generator,
                deadline,
                self.settings.max_new_tokens,
                lambda fact, text: past_one_sentence(text) or doomed(text, fact.sources),
            )
        except Exception as error:  # the model raising must cost rewriting, not the brief
            log.exception("generation failed; brief is extractive")
            detail = f"generation failed: {type(error).__name__}"
            return none, Generation(model, device, fault=Fault.MODEL_ERROR, detail=detail)

        made = [(fact, draft) for fact, draft in zip(facts, drafts.texts, strict=True) if draft]
        vectors = self.embedder.encode([draft for _, draft in made]) if made else np.zeros((0, 0))
        floor = bundle.thresholds.meaning_floor
        wordings: list[Wording] = []
        rejected: set[Fact] = set()
        for (fact, draft), vector in zip(made, vectors, strict=True):
            sources = np.stack([bundle.vector(m) for m in fact.sources])
            verdict = judge(draft, fact, vector, sources, tuning=self.tuning, meaning_floor=floor)
            if verdict.passed:
                text = " ".join(draft.split())
                wordings.append(Wording(fact, fact.representative, text, Method.REWRITTEN))
            elif verdict.outcome is Outcome.REJECTED:
                log.debug("draft rejected (%s): %r", verdict.reason, draft)
                rejected.add(fact)
            # else a copy, or too small a saving: the fact's own sentence is already a wording
        if drafts.budget_exhausted:
            fault = Fault.BUDGET_EXHAUSTED
        generation = Generation(model, device, fault=fault, detail=_DETAIL.get(fault) if fault else None)
        return Drafted(tuple(wordings), frozenset(rejected)), generation


def _left_out(articles: list[Article], bundle: Bundle) -> dict[str, LeftOut]:
    """Each article none of whose sentences reached ranking, and why: what screening said of it
    whole (another language, a copy), else another story, or nothing to report."""
    used = {s.article_id for s in bundle.sentences}
    return {
        a.id: bundle.left_out.get(a.id)
        or LeftOut(Standing.OFF_TOPIC if split_sentences(a) else Standing.NO_REPORT)
        for a in articles
        if a.id not in used
    }


def _too_few(articles: list[Article], left_out: dict[str, LeftOut]) -> str:
    """Why a bundle leaves fewer than two articles to brief, article by article."""
    reasons = [
        f"article {article_id!r} is not in English (it reads as {why.language!r})"
        for article_id, why in left_out.items()
    ]
    kept = len(articles) - len(reasons)
    return (
        f"{'; '.join(reasons)}: that leaves {kept} article{'s' if kept != 1 else ''} in English, and a "
        f"brief compares at least {MIN_ARTICLES}"
    )


_DETAIL: dict[Fault, str] = {
    Fault.BUDGET_EXHAUSTED: "the brief's generation deadline passed before the model had read or "
    "written every sentence",
    Fault.MODEL_ERROR: "the model raised while reading the brief's sentences",
}


@dataclass(frozen=True)
class Drafted:
    """The model's verified drafts, one wording each, and the facts whose draft was rejected."""

    wordings: tuple[Wording, ...]
    rejected: frozenset[Fact]
