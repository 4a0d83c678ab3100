"""`make bench`: speed and memory of the service on the canonical bundle, measured side by side.

In one run:
- cold start: process start to `/readyz` = 200 (the median of three starts), for the service with the default model and with
  generation off (`SUMMARIZER_MODEL=none`);
- warm latency (p50, p95) of `POST /v1/briefs` on the canonical bundle, extractive and with
  condensing (the default model judging shorter wordings);
- peak resident memory of each service process (the kernel's high-water mark, VmHWM);
- on a CPU where the default reader runs in 8-bit integers, the same with it in float32;
- the language model's reading speed on the bundle's own wordings, batched as the service
  batches them;
- dev clusters under 1, 2, 4 and 8 concurrent clients, beside 0, 1 and 3 busy neighbour
  processes, extractive and with the default model work on (counting the briefs whose budget ran
  out), each with the default threads (the usable cores lent to each model call: a brief's share,
  or every idle core for a lone brief's large calls) and with every usable core a brief
  (`tools/contention.py`);
- brief time against bundle size, 2 to 50 articles, beside sumy's LexRank (`tools/scaling.py`).

The llama-cpp backend (an optional extra, `make llama`) gets a latency row where it is
installed; it judges no fluency, so it drafts shorter sentences as before condensing.
`--canonical-only` measures the canonical bundle alone (a few minutes, not an hour).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from summarizer.cores import usable_cores
from tools import contention, scaling
from tools.harness import free_port, load_bundle, memory_mb, percentile, post_json, start_service, wait_ready

REQUESTS = 12
COLD_STARTS = 3


@dataclass(frozen=True)
class ServiceRun:
    name: str
    cold_start_s: float
    latencies_s: list[float]
    peak_rss_mb: float
    modes: list[str]


def bench_service(name: str, env: dict[str, str], bundle: dict[str, Any], requests: int) -> ServiceRun:
    # One start varies by half a second or more on a shared host: the median of a few is reported.
    colds = []
    for _ in range(COLD_STARTS - 1):
        with _running(env) as (_, _, cold):
            colds.append(cold)
    with _running(env) as (base, server, cold):
        colds.append(cold)
        _post(base, bundle)  # warm-up: first-call allocations are not steady-state latency
        latencies, modes = [], []
        for _ in range(requests):
            t = time.perf_counter()
            answer = _post(base, bundle)
            latencies.append(time.perf_counter() - t)
            modes.append(answer["mode"])
        peak = memory_mb(server.pid, "VmHWM")
    return ServiceRun(name, statistics.median(colds), latencies, peak, modes)


@contextmanager
def _running(env: dict[str, str]) -> Iterator[tuple[str, subprocess.Popen[bytes], float]]:
    """A service process, its base URL, and the seconds from its start to `/readyz` answering 200."""
    port = free_port()
    started = time.perf_counter()
    server = start_service(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        yield base, server, time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)


@dataclass(frozen=True)
class Throughput:
    backend: str
    wordings: int
    tokens: int
    seconds: float


def bench_fluency(bundle: dict[str, Any]) -> list[Throughput]:
    """Tokens per second the language model reads when it judges the fluency of the canonical
    bundle's wordings, as a condensed brief of it asks."""
    from transformers import AutoTokenizer

    from summarizer.generate import load_generator
    from summarizer.generate.prepare import prepare_smollm2
    from summarizer.pipeline import Summarizer
    from summarizer.precision import resolve_dtype
    from summarizer.request import Deadline
    from summarizer.schema import BundleIn
    from summarizer.settings import Settings

    # The wordings a brief of the bundle has judged, as the pipeline has them.
    settings = Settings()
    recorder = _FluencyRecorder()
    Summarizer(settings, generator=recorder).brief(BundleIn.model_validate(bundle).to_request(settings))
    tokenizer = AutoTokenizer.from_pretrained(prepare_smollm2(settings.cache_dir))
    tokens = sum(len(tokenizer(t, add_special_tokens=False)["input_ids"]) + 1 for t in recorder.texts)

    rows = []
    # The default reader on torch's own layers (and in float32 where its default is 8-bit), and
    # the same weights through transformers (as drafting loads them).
    readers = [("reader", Settings(model="smollm2"))]
    if _int8_by_default():
        readers.append(("reader", Settings(model="smollm2", dtype="float32")))
    for label, generator_settings in (*readers, ("transformers", Settings(model="smollm2", drafts="on"))):
        generator: Any = load_generator(generator_settings)
        generator.fluency(recorder.texts[:4], Deadline.after(60))  # warm-up, as a first brief would be
        started = time.perf_counter()
        generator.fluency(recorder.texts, Deadline.after(600))
        seconds = time.perf_counter() - started
        generator.close()
        floating = str(resolve_dtype(generator_settings.dtype, generator.device)).removeprefix("torch.")
        precision = getattr(generator, "precision", floating)  # transformers computes in floats
        rows.append(
            Throughput(f"{label} {generator.device} {precision}", len(recorder.texts), tokens, seconds)
        )
    return rows


def _int8_by_default() -> bool:
    from summarizer.precision import reads_in_int8

    return reads_in_int8("auto", "cpu")


class _FluencyRecorder:
    """A stand-in model that keeps the wordings it is asked to judge, finds them all as fluent as
    their sentences, and writes nothing."""

    name, device, load_seconds = "recorder", "cpu", 0.0

    def __init__(self) -> None:
        self.texts: list[str] = []

    def fluency(self, texts: Sequence[str], deadline: Any) -> list[float]:
        self.texts.extend(texts)
        return [0.0] * len(texts)

    def complete(self, prompts: Sequence[Any], *args: Any, **kwargs: Any) -> list[str]:
        return [""] * len(prompts)

    def close(self) -> None:
        pass


def installed_backends() -> list[str]:
    """The in-process backends: transformers always, llama.cpp where its optional extra is installed."""
    return ["transformers"] + (["llama-cpp"] if importlib.util.find_spec("llama_cpp") is not None else [])


def report(
    runs: list[ServiceRun],
    throughput: list[Throughput],
    cells: list[contention.Cell],
    curve: tuple[list[scaling.Point], dict[str, float]],
    command: str,
) -> str:
    import torch

    lines = [
        "# Benchmark",
        "",
        f"Made by `{command}` on {platform.machine()} with {os.cpu_count()} CPU cores, Python "
        f"{platform.python_version()}, torch {torch.__version__}, CUDA available: {torch.cuda.is_available()}.",
        f"Input: the canonical bundle (5 articles), default length (120 words); {REQUESTS} requests after one "
        "warm-up, one at a time, against a real uvicorn process on 127.0.0.1.",
        "",
        f"| service | cold start (s, median of {COLD_STARTS}) | p50 (s) | p95 (s) | peak RSS (MB) | modes returned |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for run in runs:
        modes = ", ".join(f"{m} x{run.modes.count(m)}" for m in sorted(set(run.modes)))
        lines.append(
            f"| {run.name} | {run.cold_start_s:.1f} | {percentile(run.latencies_s, 0.5):.2f} "
            f"| {percentile(run.latencies_s, 0.95):.2f} "
            f"| {run.peak_rss_mb:.0f} | {modes} |"
        )
    lines += [
        "",
        "Fluency reading on the bundle's wordings (what a condensed brief of it asks the language model to "
        "judge, in batched forward passes; the reader reads a shorter version on from its sentence, so it "
        "feeds fewer tokens than the wordings hold):",
        "",
        "| backend | wordings | tokens judged | seconds | judged/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {t.backend} | {t.wordings} | {t.tokens} | {t.seconds:.2f} | {t.tokens / t.seconds:.0f} |"
        for t in throughput
    ]
    if "llama-cpp" not in installed_backends():
        lines += [
            "",
            "llama-cpp-python is not installed here, so it has no row (optional extra, `make llama`; "
            "compiles ~12 min).",
        ]
    if cells:
        lines += [
            "",
            f"Concurrent clients and busy neighbours (concurrency 2, no brief or vector kept between "
            f"requests; the same {len(cells[0].answers)} dev clusters, 120 words, in every cell; extractive "
            "cells ask for `budget_s` 0, the model's cells for the default budget):",
            "",
            *contention.table(cells),
        ]
    points, crowded = curve
    if points:
        lines += [
            "",
            "Brief time against bundle size (long dev articles, 120 words, no caches; median of "
            f"{scaling.REPEATS}; LexRank timed in the bench's own process on the same cleaned sentences):",
            "",
            *scaling.table(points, crowded),
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path, nargs="?", default=Path("../shared/seeds"))
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval/multinews_dev.jsonl"))
    # 32, not 16: with 16 briefs of a fraction of a second, a cell's p50 moved by tens of
    # milliseconds between runs, enough to swing a neighbour's ratio across its target.
    parser.add_argument("--per-cell", type=int, default=32, help="dev clusters a contention cell sends")
    parser.add_argument(
        "--canonical-only",
        action="store_true",
        help="the canonical bundle alone: no dev clusters, no scaling",
    )
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "tools.bench", *(sys.argv[1:] if argv is None else argv)])
    bundle = load_bundle(args.seeds)
    # The brief cache is off: a repeated bundle would be a cache hit, and this measures briefs.
    uncached = {"SUMMARIZER_BRIEF_CACHE_ENTRIES": "0"}
    runs = [
        bench_service(
            "extractive (SUMMARIZER_MODEL=none)",
            {**uncached, "SUMMARIZER_MODEL": "none"},
            bundle,
            args.requests,
        ),
        *(
            bench_service(
                f"condensing (default SmolLM2-135M{', reader in int8' if _int8_by_default() else ''}, "
                f"SUMMARIZER_BACKEND={backend})",
                {**uncached, "SUMMARIZER_MODEL": "smollm2", "SUMMARIZER_BACKEND": backend},
                bundle,
                args.requests,
            )
            for backend in installed_backends()
        ),
        *(
            [
                bench_service(
                    "condensing, reader in float32 (SUMMARIZER_DTYPE=float32)",
                    {**uncached, "SUMMARIZER_MODEL": "smollm2", "SUMMARIZER_DTYPE": "float32"},
                    bundle,
                    args.requests,
                )
            ]
            if _int8_by_default()
            else []
        ),
    ]
    cells: list[contention.Cell] = []
    curve: tuple[list[scaling.Point], dict[str, float]] = ([], {})
    if args.eval_data.is_file() and not args.canonical_only:
        cores = usable_cores()
        shared = max(1, cores // 2)
        default = f"cores lent per call ({shared} a brief, {cores} to a lone brief's large calls; default)"
        every = {"SUMMARIZER_THREADS": str(cores)}
        for setting, env, extractive in (
            (f"extractive, {default}", {"SUMMARIZER_MODEL": "none"}, True),
            (f"extractive, every core a brief ({cores})", {"SUMMARIZER_MODEL": "none", **every}, True),
            (f"SmolLM2-135M, {default}", {"SUMMARIZER_MODEL": "smollm2"}, False),
            (f"SmolLM2-135M, every core a brief ({cores})", {"SUMMARIZER_MODEL": "smollm2", **every}, False),
        ):
            batch = contention.dev_bundles(args.eval_data, extractive)[: args.per_cell]
            cells += contention.measure(setting, env, batch)
        curve = scaling.measure(args.eval_data)
    text = report(runs, bench_fluency(bundle), cells, curve, command)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    return 0


def _post(base: str, bundle: dict[str, Any]) -> dict[str, Any]:
    status, answer = post_json(f"{base}/v1/briefs", bundle)
    if status != 200:
        raise RuntimeError(f"the service answered {status}: {json.dumps(answer)[:300]}")
    result: dict[str, Any] = answer
    return result


if __name__ == "__main__":
    raise SystemExit(main())
