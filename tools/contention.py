"""The service under concurrent clients and busy neighbour processes, for `make bench`.

Every cell sends the same dev clusters (rebuilt from `../shared/eval`), 120 words, to a service
that keeps no brief and no vector between requests, after one warm-up pass over them, so cells
compare like with like and no cache answers. For each setting (extractive or the default model
work on, each with the default threads or every usable core a brief), one service process:
with 0, 1 and 3 CPU-bound neighbour processes beside it (a Python busy loop each), the briefs are
sent by 1, 2, 4 and 8 clients at once; each cell reports throughput, p50, p95, the briefs whose
generation budget ran out and the share of brief sentences condensed.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.harness import free_port, percentile, post_json, start_service, wait_ready

CLIENTS = (1, 2, 4, 8)
NEIGHBOURS = (0, 1, 3)


@dataclass(frozen=True)
class Answer:
    status: int
    seconds: float
    out_of_budget: bool = False
    sentences: int = 0
    condensed: int = 0


@dataclass(frozen=True)
class Cell:
    setting: str
    neighbours: int
    clients: int
    answers: list[Answer]
    wall_s: float

    @property
    def per_s(self) -> float:
        return len(self.answers) / self.wall_s


def dev_bundles(eval_file: Path, extractive: bool = True) -> list[dict[str, Any]]:
    """Each dev cluster as a bundle: its articles only, 120 words, extractive (`budget_s` 0) or
    with the service's default generation budget."""
    with eval_file.open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines if line.strip()]
    return [
        {
            "articles": [{"id": a["id"], "text": a["text"]} for a in cluster["articles"]],
            "max_words": 120,
            **({"budget_s": 0} if extractive else {}),
        }
        for cluster in clusters
    ]


@contextmanager
def busy_neighbours(count: int) -> Iterator[None]:
    """`count` processes spinning on a core each, for as long as the block runs."""
    spinning = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]
    try:
        time.sleep(0.5 if count else 0)  # let them take their cores
        yield
    finally:
        for process in spinning:
            process.kill()
            process.wait()


def measure(setting: str, env: dict[str, str], batch: list[dict[str, Any]]) -> list[Cell]:
    """One service process with `env` (and no caches), every (neighbours, clients) cell, `batch` each."""
    port = free_port()
    uncached = {"SUMMARIZER_BRIEF_CACHE_ENTRIES": "0", "SUMMARIZER_VECTOR_CACHE_ENTRIES": "0"}
    server = start_service({**env, **uncached}, port)
    cells = []
    try:
        base = f"http://127.0.0.1:{port}"
        wait_ready(base, server)
        for bundle in batch:  # warm-up: every cell then finds the process's own caches (parses) as warm
            post_json(f"{base}/v1/briefs", bundle)
        for neighbours in NEIGHBOURS:
            with busy_neighbours(neighbours):
                for clients in CLIENTS:
                    cells.append(_cell(setting, neighbours, clients, base, batch))
    finally:
        server.terminate()
        server.wait(timeout=60)
    return cells


def table(cells: Sequence[Cell]) -> list[str]:
    lines = [
        "| setting | neighbours | clients | briefs/s | p50 (s) | p95 (s) | not 200 | out of budget | condensed |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in cells:
        seconds = [a.seconds for a in c.answers]
        sentences = sum(a.sentences for a in c.answers)
        condensed = sum(a.condensed for a in c.answers) / sentences if sentences else 0.0
        lines.append(
            f"| {c.setting} | {c.neighbours} | {c.clients} | {c.per_s:.2f} | "
            f"{percentile(seconds, 0.5):.2f} | {percentile(seconds, 0.95):.2f} | "
            f"{sum(a.status != 200 for a in c.answers)} | "
            f"{sum(a.out_of_budget for a in c.answers)}/{len(c.answers)} | {condensed:.0%} |"
        )
    return lines


def _cell(setting: str, neighbours: int, clients: int, base: str, batch: list[dict[str, Any]]) -> Cell:
    def one(bundle: dict[str, Any]) -> Answer:
        started = time.perf_counter()
        status, body = post_json(f"{base}/v1/briefs", bundle)
        seconds = time.perf_counter() - started
        if status != 200:
            return Answer(status, seconds)
        return Answer(
            status,
            seconds,
            body["generation"]["budget_exhausted"],
            len(body["brief"]),
            sum(s["method"] == "condensed" for s in body["brief"]),
        )

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        answers = list(pool.map(one, batch))
    return Cell(setting, neighbours, clients, answers, time.perf_counter() - started)
