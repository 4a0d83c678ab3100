"""`make bench`: speed and memory of the service on the canonical bundle, measured side by side.

In one run:
- cold start: process start to `/readyz` = 200, for the service with the default model and with
  generation off (`SUMMARIZER_MODEL=none`);
- warm latency (p50, p95) of `POST /v1/briefs` on the canonical bundle, extractive and with the
  model's rewriting;
- peak resident memory of each service process (the kernel's high-water mark, VmHWM);
- generation throughput on the bundle's own fact prompts: the in-process transformers backend,
  batched as the service batches, and llama-cpp-python on the same GGUF where it is installed
  (an optional extra: `pip install llama-cpp-python`, which compiles for ~12 minutes).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness import free_port, load_bundle, memory_mb, percentile, post_json, start_service, wait_ready

REQUESTS = 12


@dataclass(frozen=True)
class ServiceRun:
    name: str
    cold_start_s: float
    latencies_s: list[float]
    peak_rss_mb: float
    modes: list[str]


def bench_service(name: str, env: dict[str, str], bundle: dict[str, Any], requests: int) -> ServiceRun:
    port = free_port()
    started = time.perf_counter()
    server = start_service(env, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        cold = time.perf_counter() - started
        _post(base, bundle)  # warm-up: first-call allocations are not steady-state latency
        latencies, modes = [], []
        for _ in range(requests):
            t = time.perf_counter()
            answer = _post(base, bundle)
            latencies.append(time.perf_counter() - t)
            modes.append(answer["mode"])
        peak = memory_mb(server.pid, "VmHWM")
    finally:
        server.terminate()
        server.wait(timeout=30)
    return ServiceRun(name, cold, latencies, peak, modes)


@dataclass(frozen=True)
class Throughput:
    backend: str
    prompts: int
    tokens: int
    seconds: float


def bench_generation(bundle: dict[str, Any]) -> list[Throughput]:
    """Tokens per second on the canonical bundle's fact prompts, per backend, as the service runs them."""
    from transformers import AutoTokenizer

    from summarizer.generate import load_generator
    from summarizer.generate.prepare import prepare_smollm2
    from summarizer.pipeline import Summarizer
    from summarizer.request import Deadline
    from summarizer.schema import BundleIn
    from summarizer.settings import Settings

    # The prompts a brief of the bundle sends, and when each draft stops, as the pipeline has them.
    settings = Settings()
    recorder = _PromptRecorder()
    Summarizer(settings, generator=recorder).brief(BundleIn.model_validate(bundle).to_request(settings))
    tokenizer = AutoTokenizer.from_pretrained(prepare_smollm2(settings.cache_dir))

    results = []
    for backend in installed_backends():
        generator: Any = load_generator(Settings(model="smollm2", backend=backend))
        generator.complete(recorder.prompts[:1], 8, Deadline.after(60))  # warm-up, as a first brief would be
        t = time.perf_counter()
        outputs = generator.complete(
            recorder.prompts, settings.max_new_tokens, Deadline.after(600), recorder.stops
        )
        seconds = time.perf_counter() - t
        tokens = sum(len(tokenizer(o, add_special_tokens=False)["input_ids"]) for o in outputs)
        results.append(Throughput(f"{backend} {generator.device}", len(recorder.prompts), tokens, seconds))
        generator.close()
    return results


class _PromptRecorder:
    """A stand-in model that keeps the prompts (and their stop tests) it is given and writes nothing."""

    name, device, load_seconds = "recorder", "cpu", 0.0

    def __init__(self) -> None:
        self.prompts: list[Any] = []
        self.stops: list[Any] = []

    def complete(
        self,
        prompts: Sequence[Any],
        max_new_tokens: int,
        deadline: Any,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        self.prompts.extend(prompts)
        self.stops.extend(done or [None] * len(prompts))
        return [""] * len(prompts)

    def close(self) -> None:
        pass


def installed_backends() -> list[str]:
    """The in-process backends: transformers always, llama.cpp where its optional extra is installed."""
    return ["transformers"] + (["llama-cpp"] if importlib.util.find_spec("llama_cpp") is not None else [])


def report(runs: list[ServiceRun], throughput: list[Throughput], command: str) -> str:
    import torch

    lines = [
        "# Benchmark",
        "",
        f"Made by `{command}` on {platform.machine()} with {os.cpu_count()} CPU cores, Python "
        f"{platform.python_version()}, torch {torch.__version__}, CUDA available: {torch.cuda.is_available()}.",
        f"Input: the canonical bundle (5 articles), default length (120 words); {REQUESTS} requests after one "
        "warm-up, one at a time, against a real uvicorn process on 127.0.0.1.",
        "",
        "| service | cold start (s) | p50 (s) | p95 (s) | peak RSS (MB) | modes returned |",
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
        "Generation throughput on the bundle's fact prompts (the prompts a brief with rewriting sends):",
        "",
        "| backend | prompts | tokens out | seconds | tokens/s |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    lines += [
        f"| {t.backend} | {t.prompts} | {t.tokens} | {t.seconds:.2f} | {t.tokens / t.seconds:.1f} |"
        for t in throughput
    ]
    if "llama-cpp" not in installed_backends():
        lines += [
            "",
            "llama-cpp-python is not installed here, so it has no row (optional extra, `make llama`; "
            "compiles ~12 min).",
        ]
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.splitlines()[0])
    parser.add_argument("seeds", type=Path, nargs="?", default=Path("../shared/seeds"))
    parser.add_argument("--requests", type=int, default=REQUESTS)
    parser.add_argument("--out", type=Path, default=None)
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
                f"rewriting (default SmolLM2-135M, SUMMARIZER_BACKEND={backend})",
                {**uncached, "SUMMARIZER_MODEL": "smollm2", "SUMMARIZER_BACKEND": backend},
                bundle,
                args.requests,
            )
            for backend in installed_backends()
        ),
    ]
    text = report(runs, bench_generation(bundle), command)
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
