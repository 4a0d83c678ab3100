"""`make eval`: quality of the brief against human references, next to the anchors, in one run.

ROUGE setting (fixed, so figures compare across runs): rouge-score F1 with Porter stemming,
rouge1 / rouge2 / rougeLsum with one sentence per line, every output truncated to 250 words,
best over the cluster's references. The anchors (lead, sumy's LexRank) read the same cleaned
sentences, so the comparison isolates what the project adds.

Also measured: attribution (given a human reference sentence, does the citation stage cite the
article that the human alignment names?), citation validity (do a brief's offsets point at a
source sentence that supports the brief sentence?), and the disagreement notes (precision and
recall on the project's labelled sentence pairs, notes per dev brief, a sample to judge).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer
from sumy.models.dom import ObjectDocumentModel, Paragraph
from sumy.models.dom import Sentence as SumySentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.utils import get_stop_words

from summarizer.cite import cite
from summarizer.clean import clean
from summarizer.disagree import describe, disputes, without_attributions
from summarizer.embed import Embedder
from summarizer.pipeline import Summarizer
from summarizer.sentences import display_text, split_sentences, split_text
from summarizer.settings import Settings
from summarizer.types import ArticleInput, Brief, Sentence
from summarizer.verify import unsupported_details

WORD_LIMIT = 250
DISAGREEMENT_PAIRS = Path(__file__).resolve().parents[1] / "tests" / "data" / "disagreements.jsonl"
ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")

Cluster = dict  # one line of the eval JSONL: {"id", "articles": [{"id", "text"}], "references": [...]}


def read_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    with path.open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines if line.strip()]
    return clusters[:limit] if limit else clusters


def inputs_of(cluster: Cluster) -> list[ArticleInput]:
    return [ArticleInput(id=a["id"], text=a["text"]) for a in cluster["articles"]]


# --- ROUGE ---------------------------------------------------------------------------------


def truncate(sentences: Sequence[str], limit: int = WORD_LIMIT) -> list[str]:
    """The first `limit` words, keeping sentence boundaries (one sentence per line for rougeLsum)."""
    kept: list[str] = []
    budget = limit
    for sentence in sentences:
        words = sentence.split()
        if budget <= 0:
            break
        kept.append(" ".join(words[:budget]))
        budget -= len(words)
    return kept


class Rouge:
    def __init__(self) -> None:
        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True, split_summaries=False)

    def score(self, sentences: Sequence[str], references: Sequence[str]) -> dict[str, float]:
        """F1 per key, best over references (each key maximised separately, as is usual)."""
        prediction = "\n".join(truncate(sentences))
        best = dict.fromkeys(ROUGE_KEYS, 0.0)
        for reference in references:
            target = "\n".join(_reference_lines(reference))
            scores = self._scorer.score(target, prediction)
            for key in ROUGE_KEYS:
                best[key] = max(best[key], scores[key].fmeasure)
        return best


def _reference_lines(reference: str) -> list[str]:
    # References are split with the project's own splitter, so rougeLsum sees sentences on both sides.
    return split_text(reference) or [reference]


# --- Anchors -------------------------------------------------------------------------------


def bundle_sentences(cluster: Cluster) -> list[list[Sentence]]:
    return [split_sentences(clean(article)) for article in inputs_of(cluster)]


def lead(per_article: list[list[Sentence]], limit: int = WORD_LIMIT) -> list[str]:
    """Round-robin first sentences: each outlet's lead, then each one's second sentence, ..."""
    out: list[str] = []
    words = 0
    for rank in range(max((len(s) for s in per_article), default=0)):
        for sentences in per_article:
            if rank < len(sentences) and words < limit:
                out.append(sentences[rank].text)
                words += sentences[rank].words
    return out


class _WordTokenizer:
    """sumy's own tokenizer needs nltk's punkt download; words are all LexRank needs."""

    language = "english"

    def to_words(self, text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())

    def to_sentences(self, text: str) -> list[str]:
        return [text]


class LexRank:
    def __init__(self) -> None:
        self._summarizer = LexRankSummarizer(Stemmer("english"))
        self._summarizer.stop_words = get_stop_words("english")
        self._tokenizer = _WordTokenizer()

    def __call__(self, per_article: list[list[Sentence]], limit: int = WORD_LIMIT) -> list[str]:
        paragraphs = [
            Paragraph([SumySentence(s.text, self._tokenizer) for s in sentences])
            for sentences in per_article
            if sentences
        ]
        document = ObjectDocumentModel(paragraphs)

        def best_until_limit(infos: list) -> list:  # sumy passes sentences best-rated first
            chosen, words = [], 0
            for info in infos:
                if words >= limit:
                    break
                chosen.append(info)
                words += len(info.sentence._text.split())
            return chosen

        return [s._text for s in self._summarizer(document, best_until_limit)]


# --- Citation checks -----------------------------------------------------------------------


def citation_validity(brief: Brief, summarizer: Summarizer) -> tuple[int, int]:
    """(supported, total) citations: offsets land on a source sentence that supports the claim.

    Supported: the cited characters are exactly one of the article's body sentences, and they
    either contain the brief sentence or are close to it in meaning (the embedder's support
    threshold).
    """
    by_id = {a.id: a for a in brief.articles}
    sentence_spans = {(a.id, s.start, s.end) for a in brief.articles for s in split_sentences(a)}
    supported = total = 0
    for sentence in brief.sentences:
        cited = [display_text(by_id[c.article_id].text[c.start : c.end]) for c in sentence.citations]
        vectors = summarizer.embedder.encode([sentence.text, *cited])
        for citation, text, vector in zip(sentence.citations, cited, vectors[1:], strict=True):
            total += 1
            on_sentence = (citation.article_id, citation.start, citation.end) in sentence_spans
            close = (
                sentence.text in text or float(vector @ vectors[0]) >= summarizer.embedder.thresholds.support
            )
            supported += on_sentence and close
    return supported, total


@dataclass(frozen=True)
class Attribution:
    sentences: int  # reference sentences with a human alignment
    hits: int  # ... whose citations include an aligned article
    cited: int  # citations given
    correct: int  # ... that name an aligned article


def attribution(clusters: list[Cluster], summarizer: Summarizer) -> Attribution:
    sentences = hits = cited = correct = 0
    for cluster in clusters:
        aligned: dict[str, set[str]] = {}
        for highlight in cluster.get("highlights", []):
            aligned.setdefault(highlight["summary_sentence"], set()).add(highlight["article"])
        if not aligned:
            continue
        source = [s for per in bundle_sentences(cluster) for s in per]
        embeddings = summarizer.embedder.encode([s.text for s in source])
        claims = list(aligned)
        for claim, vector in zip(claims, summarizer.embedder.encode(claims), strict=True):
            citations = cite(vector, source, embeddings, summarizer.embedder.thresholds.support)
            articles = {c.article_id for c in citations}
            sentences += 1
            hits += bool(articles & aligned[claim])
            cited += len(articles)
            correct += len(articles & aligned[claim])
    return Attribution(sentences, hits, cited, correct)


# --- The run -------------------------------------------------------------------------------

System = Callable[[Cluster], list[str]]


@dataclass
class Row:
    name: str
    scores: list[dict[str, float]]
    seconds: float

    def mean(self, key: str) -> float:
        return 100 * statistics.fmean(s[key] for s in self.scores) if self.scores else 0.0


def paired_rouge2(fused: Row, extractive: Row) -> str:
    """Fused against extractive cluster by cluster, to the precision that "not below" needs."""
    differences = [
        100 * (f["rouge2"] - e["rouge2"]) for f, e in zip(fused.scores, extractive.scores, strict=True)
    ]
    higher = sum(d > 1e-9 for d in differences)
    lower = sum(d < -1e-9 for d in differences)
    return (
        f"- ROUGE-2, fused minus extractive on the same clusters: mean {statistics.fmean(differences):+.3f}; "
        f"fused higher on {higher} clusters, lower on {lower}, equal on {len(differences) - higher - lower}."
    )


def systems(summarizer: Summarizer, briefs: dict[str, Brief]) -> dict[str, System]:
    lexrank = LexRank()

    def project(cluster: Cluster) -> list[str]:
        brief = summarizer.brief(inputs_of(cluster), max_words=WORD_LIMIT)
        briefs[cluster["id"]] = brief
        return [s.text for s in brief.sentences]

    return {
        "lead (round-robin)": lambda c: lead(bundle_sentences(c)),
        "LexRank (sumy)": lambda c: lexrank(bundle_sentences(c)),
        "project, extractive": project,
    }


def run(clusters: list[Cluster], summarizer: Summarizer) -> tuple[list[Row], dict[str, Brief]]:
    rouge = Rouge()
    briefs: dict[str, Brief] = {}
    rows = []
    for name, system in systems(summarizer, briefs).items():
        started = time.perf_counter()
        scores = [rouge.score(system(c), c["references"]) for c in _progress(clusters, name)]
        rows.append(Row(name, scores, time.perf_counter() - started))
    return rows, briefs


@dataclass(frozen=True)
class Fusion:
    """The fused brief on the first clusters, against every system's scores on the same clusters."""

    clusters: int
    rows: list[Row]  # every system restricted to these clusters, the fused brief last
    sentences: int
    fused: int
    fallbacks: int  # drafts rejected by verification, replaced by a source sentence
    unsupported: dict[str, int]  # system -> brief sentences with a name/number absent from their citations
    budget_s: float
    model: str  # the model and backend that drafted, as the briefs report it


def run_fused(
    clusters: list[Cluster], rows: list[Row], briefs: dict[str, Brief], fused: Summarizer, budget_s: float
) -> Fusion:
    rouge = Rouge()
    started = time.perf_counter()
    fused_briefs, scores = [], []
    for cluster in _progress(clusters, "project, fused"):
        brief = fused.brief(inputs_of(cluster), max_words=WORD_LIMIT, budget_s=budget_s)
        fused_briefs.append(brief)
        scores.append(rouge.score([s.text for s in brief.sentences], cluster["references"]))
    n = len(clusters)
    same_clusters = [Row(row.name, row.scores[:n], row.seconds * n / max(len(row.scores), 1)) for row in rows]
    extractive = [briefs[c["id"]] for c in clusters]
    return Fusion(
        clusters=n,
        rows=[*same_clusters, Row("project, fused", scores, time.perf_counter() - started)],
        sentences=sum(len(b.sentences) for b in fused_briefs),
        fused=sum(b.generation.fused for b in fused_briefs),
        fallbacks=sum(b.generation.fallbacks for b in fused_briefs),
        unsupported={
            "project, extractive": sum(unsupported_sentences(b) for b in extractive),
            "project, fused": sum(unsupported_sentences(b) for b in fused_briefs),
        },
        budget_s=budget_s,
        model=next((b.generation.model for b in fused_briefs if b.generation.model), "none"),
    )


def unsupported_sentences(brief: Brief) -> int:
    """Brief sentences carrying a name, number, date word or quote that none of their citations has.

    The outlet labels the disagreement stage adds ("(according to Reuters)") name sources, not facts.
    """
    by_id = {a.id: a for a in brief.articles}
    return sum(
        bool(
            unsupported_details(
                without_attributions(s.text),
                " ".join(by_id[c.article_id].text[c.start : c.end] for c in s.citations),
            )
        )
        for s in brief.sentences
    )


def _progress(clusters: list[Cluster], name: str) -> Iterator[Cluster]:
    for i, cluster in enumerate(clusters, 1):
        if i % 25 == 0 or i == len(clusters):
            print(f"  {name}: {i}/{len(clusters)}", file=sys.stderr, flush=True)
        yield cluster


def rouge_table(rows: list[Row]) -> list[str]:
    return [
        "| system | ROUGE-1 | ROUGE-2 | ROUGE-Lsum | seconds |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {row.name} | {row.mean('rouge1'):.2f} | {row.mean('rouge2'):.2f} | {row.mean('rougeLsum'):.2f} "
            f"| {row.seconds:.0f} |"
            for row in rows
        ),
    ]


def fusion_section(fusion: Fusion) -> list[str]:
    rows = {row.name: row for row in fusion.rows}
    return [
        "",
        f"## Fusion (the first {fusion.clusters} clusters)",
        "",
        f"The fused brief (model {fusion.model}, generation budget {fusion.budget_s:.0f} s per brief so that time "
        "limits do not confound quality) next to every system on the same clusters:",
        "",
        *rouge_table(fusion.rows),
        "",
        f"- Fused brief sentences: {fusion.sentences}; written by the model and verified: {fusion.fused} "
        f"({100 * fusion.fused / max(fusion.sentences, 1):.1f}%); drafts rejected by verification and replaced "
        f"by their source sentence: {fusion.fallbacks} ({100 * fusion.fallbacks / max(fusion.sentences, 1):.1f}%); "
        f"the rest are source sentences the model copied or had no time for.",
        paired_rouge2(rows["project, fused"], rows["project, extractive"]),
        f"- Brief sentences with a name, number, date word or quotation absent from their cited sources: "
        f"fused brief {fusion.unsupported['project, fused']} "
        f"({100 * fusion.unsupported['project, fused'] / max(fusion.sentences, 1):.2f} per 100 sentences); "
        f"extractive brief {fusion.unsupported['project, extractive']}.",
    ]


@dataclass(frozen=True)
class Detection:
    """The disagreement stage's calls on labelled sentence pairs from one source of pairs."""

    source: str
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int

    @property
    def precision(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_positives, 1)

    @property
    def recall(self) -> float:
        return self.true_positives / max(self.true_positives + self.false_negatives, 1)

    @property
    def f1(self) -> float:
        return 2 * self.precision * self.recall / max(self.precision + self.recall, 1e-9)


def detection(path: Path, embedder: Embedder) -> list[Detection]:
    """Scores per source of pairs ("canonical", "written", "held-out") and over all of them."""
    calls: dict[str, list[tuple[bool, bool]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            pair = json.loads(line)
            called = bool(disputes(pair["a"], pair["b"], embedder))
            for source in (pair["source"], "all"):
                calls.setdefault(source, []).append((called, pair["conflict"]))
    return [
        Detection(
            source,
            sum(c and t for c, t in pairs),
            sum(c and not t for c, t in pairs),
            sum(t and not c for c, t in pairs),
            sum(not c and not t for c, t in pairs),
        )
        for source, pairs in sorted(calls.items(), key=lambda item: item[0] == "all")
    ]


def disagreement_section(detected: list[Detection], briefs: dict[str, Brief], sample: int = 10) -> list[str]:
    notes = [(cluster, note) for cluster, brief in briefs.items() for note in brief.disagreements]
    with_notes = sum(bool(b.disagreements) for b in briefs.values())
    lines = [
        "",
        "## Disagreements",
        "",
        "Labelled pairs (`tests/data/disagreements.jsonl`): does the stage call a conflict between two "
        "outlets' sentences? Held-out pairs were written after the rules and not tuned on (the one bug they "
        "showed, in reading a quotation's words, was fixed).",
        "",
        "| pairs | n | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: | ---: |",
        *(
            f"| {d.source} | {d.true_positives + d.false_positives + d.false_negatives + d.true_negatives} "
            f"| {100 * d.precision:.1f} | {100 * d.recall:.1f} | {100 * d.f1:.1f} |"
            for d in detected
        ),
        "",
        f"- Notes per dev brief: {len(notes) / max(len(briefs), 1):.3f} ({len(notes)} notes in "
        f"{len(briefs)} briefs; {with_notes} briefs have any).",
        f"- A sample of {min(sample, len(notes))} notes to judge (what differs; each version with its articles):",
        "",
        *(f"  - `{cluster}`: {describe(note)[:300]}" for cluster, note in notes[:sample]),
    ]
    return lines


def report(
    rows: list[Row],
    briefs: dict[str, Brief],
    summarizer: Summarizer,
    attributed: Attribution | None,
    command: str,
    fusion: Fusion | None = None,
    detected: list[Detection] | None = None,
) -> str:
    lines = [
        "# Evaluation",
        "",
        f"Made by `{command}` on {len(rows[0].scores)} Multi-News dev clusters "
        f"(`../shared/eval/multinews_dev.jsonl`), embedder `{summarizer.embedder.name}`.",
        "",
        "ROUGE F1 x 100: rouge-score, Porter stemming, rougeLsum with one sentence per line, every output "
        f"truncated to {WORD_LIMIT} words, best over references. All systems read the same cleaned sentences.",
        "",
        *rouge_table(rows),
    ]
    if fusion is not None:
        lines += fusion_section(fusion)
    supported = total = 0
    for brief in briefs.values():
        s, t = citation_validity(brief, summarizer)
        supported += s
        total += t
    brief_sentences = sum(len(b.sentences) for b in briefs.values())
    citations_per_sentence = total / brief_sentences if brief_sentences else 0.0
    lines += [
        "",
        "## Citations",
        "",
        f"- Brief sentences: {brief_sentences}, citations: {total} ({citations_per_sentence:.2f} per sentence).",
        f"- Citations whose offsets are exactly a source sentence that supports the brief sentence: "
        f"{supported}/{total} = {100 * supported / max(total, 1):.1f}%.",
    ]
    if attributed is not None:
        lines += [
            f"- Attribution (`../shared/eval/attributed_dev.jsonl`): for {attributed.sentences} human reference "
            f"sentences, the citation stage cited an article the human alignment names for "
            f"{attributed.hits} ({100 * attributed.hits / max(attributed.sentences, 1):.1f}%); "
            f"{attributed.correct} of its {attributed.cited} cited articles are aligned ones "
            f"(precision {100 * attributed.correct / max(attributed.cited, 1):.1f}%).",
        ]
    if detected is not None:
        lines += disagreement_section(detected, briefs)
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.evaluate", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--data", type=Path, default=Path("../shared/eval"), help="folder of the eval JSONL files"
    )
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only (for quick tuning)")
    parser.add_argument("--out", type=Path, default=None, help="write the markdown report here")
    parser.add_argument(
        "--fused",
        type=int,
        default=30,
        help="run the fused brief on the first N clusters (0: skip; generation is slow on a CPU)",
    )
    parser.add_argument(
        "--budget", type=float, default=120.0, help="generation budget per fused brief, seconds"
    )
    parser.add_argument(
        "--disagreements", type=Path, default=DISAGREEMENT_PAIRS, help="labelled sentence pairs (JSONL)"
    )
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "summarizer.evaluate", *(sys.argv[1:] if argv is None else argv)])

    summarizer = Summarizer(Settings(model="none"))
    clusters = read_clusters(args.data / "multinews_dev.jsonl", args.limit)
    rows, briefs = run(clusters, summarizer)
    fusion = None
    if args.fused:
        fused = Summarizer(Settings(), embedder=summarizer.embedder)
        fusion = run_fused(clusters[: args.fused], rows, briefs, fused, args.budget)
    attributed = attribution(read_clusters(args.data / "attributed_dev.jsonl"), summarizer)
    detected = detection(args.disagreements, summarizer.embedder)
    text = report(rows, briefs, summarizer, attributed, command, fusion, detected)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
