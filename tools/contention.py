"""The service under concurrent clients and busy neighbour processes, for `make bench`.

Every cell sends the same dev clusters (rebuilt from `../shared/eval`), extractive (`budget_s`
0), 120 words, to a service that keeps no brief and no vector between requests, after one
warm-up pass over them, so cells compare like with like and no cache answers. For each way of setting torch's threads, one service
process: with 0, 1 and 3 CPU-bound neighbour processes beside it (a Python busy loop each), the
briefs are sent by 1, 2 and 4 clients at once; each cell reports throughput, p50 and p95.
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

CLIENTS = (1, 2, 4)
NEIGHBOURS = (0, 1, 3)


@dataclass(frozen=True)
class Cell:
    threads: str
    neighbours: int
    clients: int
    latencies_s: list[float]
    wall_s: float
    statuses: list[int]

    @property
    def per_s(self) -> float:
        return len(self.latencies_s) / self.wall_s


def dev_bundles(eval_file: Path) -> list[dict[str, Any]]:
    """Each dev cluster as a bundle: its articles only, extractive, 120 words."""
    with eval_file.open(encoding="utf-8") as lines:
        clusters = [json.loads(line) for line in lines if line.strip()]
    return [
        {
            "articles": [{"id": a["id"], "text": a["text"]} for a in cluster["articles"]],
            "max_words": 120,
            "budget_s": 0,
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


def measure(threads: str, env: dict[str, str], batch: list[dict[str, Any]]) -> list[Cell]:
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
                    cells.append(_cell(threads, neighbours, clients, base, batch))
    finally:
        server.terminate()
        server.wait(timeout=60)
    return cells


def table(cells: Sequence[Cell]) -> list[str]:
    lines = [
        "| torch threads | neighbours | clients | briefs/s | p50 (s) | p95 (s) | not 200 |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for c in cells:
        failed = sum(s != 200 for s in c.statuses)
        lines.append(
            f"| {c.threads} | {c.neighbours} | {c.clients} | {c.per_s:.2f} | "
            f"{percentile(c.latencies_s, 0.5):.2f} | {percentile(c.latencies_s, 0.95):.2f} | {failed} |"
        )
    return lines


def _cell(threads: str, neighbours: int, clients: int, base: str, batch: list[dict[str, Any]]) -> Cell:
    def one(bundle: dict[str, Any]) -> tuple[int, float]:
        started = time.perf_counter()
        status, _ = post_json(f"{base}/v1/briefs", bundle)
        return status, time.perf_counter() - started

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(one, batch))
    wall = time.perf_counter() - started
    return Cell(threads, neighbours, clients, [s for _, s in results], wall, [st for st, _ in results])
