"""`python -m evaluation`: quality of the brief against human references, next to the anchors.

In one run: ROUGE at 250 and 120 words for lead, LexRank, the extractive brief and the condensed
brief on every dev cluster (and, with `--tune FIELD=V1,V2`, the extractive brief once per value
of a tuning field); how much of the condensed brief is condensed and how it reads; citation
validity and attribution; the faithfulness benchmarks; page junk; the disagreement notes on
labelled pairs. The report goes to stdout and `--out`, with the command.
"""

from __future__ import annotations

import argparse
import random
import shlex
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from evaluation.anchors import LexRank, lead
from evaluation.citations import attribution, citations_section
from evaluation.condensing import condensing, condensing_lines
from evaluation.data import Cluster, cleaned, inputs_of, read_clusters
from evaluation.disagreements import DISAGREEMENT_PAIRS, detection, disagreement_section
from evaluation.faithfulness import citation_section, verifier_section
from evaluation.rouge import WORD_LIMIT, Rouge, Row, paired_rouge2, rouge_table
from evaluation.trust import junk_section, write_sample
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest
from summarizer.settings import Settings
from summarizer.tuning import Tuning
from summarizer.types import Brief, Method, Sentence

System = Callable[[Cluster], list[str]]
PROJECT = "project, extractive"
CONDENSED = "project, condensed"
LENGTHS = (WORD_LIMIT, 120)  # words: the ROUGE setting of the literature, and the default brief


def project(
    summarizer: Summarizer, briefs: dict[str, Brief], words: int, budget_s: float | None = None
) -> System:
    """The brief of a cluster at `words` words; keeps each brief in `briefs`."""

    def brief(cluster: Cluster) -> list[str]:
        request = BriefRequest.start(
            inputs_of(cluster), summarizer.settings, max_words=words, budget_s=budget_s
        )
        written = summarizer.brief(request)
        briefs[cluster["id"]] = written
        return [s.text for s in written.sentences]

    return brief


def run(clusters: list[Cluster], systems: dict[str, System], words: int) -> list[Row]:
    rouge = Rouge()
    rows = []
    for name, system in systems.items():
        started = time.perf_counter()
        scores = [rouge.score(system(c), c["references"], words) for c in _progress(clusters, name)]
        rows.append(Row(name, scores, time.perf_counter() - started))
    return rows


def tuned(base: Tuning, sweeps: Sequence[str]) -> dict[str, Tuning]:
    """`FIELD=V1,V2` -> {"FIELD=V1": tuning with V1, ...}."""
    variants = {}
    for sweep in sweeps:
        field, _, values = sweep.partition("=")
        if not values:
            raise SystemExit(f"--tune takes FIELD=V1[,V2...], not {sweep!r}")
        for value in values.split(","):
            try:
                variants[f"{field}={value}"] = base.with_value(field, value)
            except (KeyError, ValueError) as error:
                raise SystemExit(f"--tune {sweep}: {error}") from None
    return variants


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m evaluation", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=Path("../shared/eval"), help="folder of the eval JSONL files"
    )
    parser.add_argument("--limit", type=int, default=None, help="first N clusters only (for quick tuning)")
    parser.add_argument("--out", type=Path, default=None, help="write the markdown report here")
    parser.add_argument(
        "--budget",
        type=float,
        default=60.0,
        help="the model's time per condensed brief, seconds (ample, so that time limits do not confound quality)",
    )
    parser.add_argument(
        "--tune",
        action="append",
        default=[],
        metavar="FIELD=V1,V2",
        help="also run the extractive brief with a tuning field set to each value (dotted: minilm.redundant)",
    )
    parser.add_argument(
        "--disagreements", type=Path, default=DISAGREEMENT_PAIRS, help="labelled sentence pairs (JSONL)"
    )
    parser.add_argument(
        "--sample",
        type=Path,
        default=Path("results/sample.md"),
        help="write a random sample of brief sentences with their cited spans here, for reading (git-ignored)",
    )
    parser.add_argument("--sample-size", type=int, default=40, help="brief sentences in the sample")
    parser.add_argument(
        "--seed", type=int, default=None, help="the sample's seed (default: a new one each run)"
    )
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "evaluation", *(sys.argv[1:] if argv is None else argv)])

    extractive = Settings(model="none")
    summarizer = Summarizer(extractive)
    condenser = Summarizer(Settings(), embedder=summarizer.embedder)
    clusters = read_clusters(args.data / "multinews_dev.jsonl", args.limit)
    lexrank = LexRank()
    lines = [
        "# Evaluation",
        "",
        f"Made by `{command}` on {len(clusters)} Multi-News dev clusters "
        f"(`../shared/eval/multinews_dev.jsonl`), embedder `{summarizer.embedder.name}`, model "
        f"`{condenser.generator.name if condenser.generator else 'none'}` (condensed brief, "
        f"{args.budget:.0f} s per brief).",
        "",
        "ROUGE F1 x 100: rouge-score, Porter stemming, rougeLsum with one sentence per line, every output "
        "truncated to the length asked for, best over references. All systems read the same cleaned sentences.",
    ]
    by_length: dict[int, tuple[dict[str, Brief], dict[str, Brief]]] = {}
    for words in LENGTHS:
        briefs: dict[str, Brief] = {}
        condensed: dict[str, Brief] = {}
        systems: dict[str, System] = {
            "lead (round-robin)": partial(_anchor, lead, words),
            "LexRank (sumy)": partial(_anchor, lexrank, words),
            PROJECT: project(summarizer, briefs, words),
            CONDENSED: project(condenser, condensed, words, args.budget),
        }
        if words == WORD_LIMIT:
            for name, tuning in tuned(summarizer.tuning, args.tune).items():
                variant = Summarizer(extractive, tuning=tuning, embedder=summarizer.embedder)
                systems[f"{PROJECT}, {name}"] = project(variant, {}, words)
        rows = run(clusters, systems, words)
        by_name = {row.name: row for row in rows}
        lines += ["", f"## {words} words", "", *rouge_table(rows), ""]
        lines += [paired_rouge2(row, by_name[PROJECT]) for row in rows[3:]]
        by_length[words] = (briefs, condensed)

    lines += ["", "## Condensing", ""]
    for words, (briefs, condensed) in by_length.items():
        ordered = [condensed[c["id"]] for c in clusters]
        lines += condensing_lines(
            condensing(
                words, ordered, [briefs[c["id"]] for c in clusters], condenser.generator, summarizer.tuning
            )
        )
    briefs, read = by_length[WORD_LIMIT]
    attributed = attribution(read_clusters(args.data / "attributed_dev.jsonl"), summarizer)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(10**6)
    lines += [
        "",
        "# Trust",
        "",
        "What a reader relies on: that a shortened sentence says what its source says, that each citation "
        "backs its sentence, that the brief carries no page junk, and that a disagreement note is a real one.",
        *verifier_section(args.data, summarizer),
        *citations_section(briefs, summarizer, attributed),
        *citation_section(args.data, summarizer),
        *junk_section(args.data, briefs, summarizer),
        *disagreement_section(detection(args.disagreements, summarizer.embedder, summarizer.tuning), briefs),
        *write_sample(read, args.sample, args.sample_size, seed, Method.CONDENSED),
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


def _anchor(
    system: Callable[[list[list[Sentence]], int], list[str]], words: int, cluster: Cluster
) -> list[str]:
    return system([sentences for _, sentences in cleaned(cluster)], words)


def _progress(clusters: list[Cluster], name: str) -> Iterator[Cluster]:
    for i, cluster in enumerate(clusters, 1):
        if i % 25 == 0 or i == len(clusters):
            print(f"  {name}: {i}/{len(clusters)}", file=sys.stderr, flush=True)
        yield cluster


if __name__ == "__main__":
    raise SystemExit(main())
