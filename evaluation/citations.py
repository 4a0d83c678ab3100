"""Citations: do a brief's offsets point at supporting sentences, and does the citation stage
cite the articles that human alignments name?"""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.data import Cluster, cleaned
from summarizer.bundle import Bundle
from summarizer.cite import cite
from summarizer.pipeline import Summarizer
from summarizer.sentences import split_sentences
from summarizer.text.normalise import display_text
from summarizer.text.overlap import coverage
from summarizer.types import Brief, Sentence


def citation_validity(brief: Brief, summarizer: Summarizer) -> tuple[int, int]:
    """(supported, total) citations: offsets land on a source sentence that supports the claim.

    Supported: the cited characters are exactly one of the article's body sentences, and they
    either contain the brief sentence or are close to it in meaning (the embedder's support
    threshold).
    """
    by_id = {a.id: a for a in brief.articles}
    sentence_spans = {(a.id, s.start, s.end) for a in brief.articles for s in split_sentences(a)}
    support = summarizer.tuning.thresholds(summarizer.embedder.space).support
    supported = total = 0
    for sentence in brief.sentences:
        cited = [display_text(by_id[c.article_id].text[c.start : c.end]) for c in sentence.citations]
        vectors = summarizer.embedder.encode([sentence.text, *cited])
        for citation, text, vector in zip(sentence.citations, cited, vectors[1:], strict=True):
            total += 1
            on_sentence = (citation.article_id, citation.start, citation.end) in sentence_spans
            close = sentence.text in text or float(vector @ vectors[0]) >= support
            supported += on_sentence and close
    return supported, total


@dataclass(frozen=True)
class Attribution:
    sentences: int  # reference sentences with a human alignment
    hits: int  # ... whose citations include an aligned article
    cited: int  # citations given
    correct: int  # ... that name an aligned article
    lexical: int  # ... for which the lexical baseline's one article is an aligned one


def attribution(clusters: list[Cluster], summarizer: Summarizer) -> Attribution:
    """Given each human reference sentence, does the citation stage cite an article its alignment names?"""
    thresholds = summarizer.tuning.thresholds(summarizer.embedder.space)
    sentences = hits = cited = correct = lexical = 0
    for cluster in clusters:
        aligned: dict[str, set[str]] = {}
        for highlight in cluster.get("highlights", []):
            aligned.setdefault(highlight["summary_sentence"], set()).add(highlight["article"])
        if not aligned:
            continue
        read = cleaned(cluster)
        source = [s for _, per in read for s in per]
        bundle = Bundle.of(
            [a for a, _ in read], source, summarizer.embedder.encode([s.text for s in source]), thresholds
        )
        claims = list(aligned)
        for claim, vector in zip(claims, summarizer.embedder.encode(claims), strict=True):
            articles = {c.article_id for c in cite(bundle, vector, claim, summarizer.tuning)}
            sentences += 1
            hits += bool(articles & aligned[claim])
            cited += len(articles)
            correct += len(articles & aligned[claim])
            lexical += _most_word_similar(claim, source).article_id in aligned[claim]
    return Attribution(sentences, hits, cited, correct, lexical)


def _most_word_similar(claim: str, source: list[Sentence]) -> Sentence:
    """The lexical baseline: the sentence that holds most of the claim's content words."""
    return max(source, key=lambda sentence: coverage(claim, sentence.text))


def citations_section(briefs: dict[str, Brief], summarizer: Summarizer, attributed: Attribution) -> list[str]:
    supported = total = 0
    for brief in briefs.values():
        s, t = citation_validity(brief, summarizer)
        supported += s
        total += t
    brief_sentences = sum(len(b.sentences) for b in briefs.values())
    per_sentence = total / brief_sentences if brief_sentences else 0.0
    return [
        "",
        "## Citations",
        "",
        f"- Brief sentences: {brief_sentences}, citations: {total} ({per_sentence:.2f} per sentence).",
        f"- Citations whose offsets are exactly a source sentence that supports the brief sentence: "
        f"{supported}/{total} = {100 * supported / max(total, 1):.1f}%.",
        f"- Attribution (`../shared/eval/attributed_dev.jsonl`): for {attributed.sentences} human reference "
        f"sentences, the citation stage cited an article the human alignment names for "
        f"{attributed.hits} ({100 * attributed.hits / max(attributed.sentences, 1):.1f}%); "
        f"{attributed.correct} of its {attributed.cited} cited articles are aligned ones "
        f"(precision {100 * attributed.correct / max(attributed.cited, 1):.1f}%). The lexical baseline (cite "
        f"only the article of the sentence that holds most of the reference sentence's content words) names "
        f"an aligned article for {attributed.lexical} ({100 * attributed.lexical / max(attributed.sentences, 1):.1f}% "
        "recall and precision).",
    ]
