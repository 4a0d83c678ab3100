"""`make load`: a real uvicorn on 127.0.0.1, driven past its capacity, then shut down under load.

1. Start the service (`uvicorn service.app:app`) with the given settings; wait for `/readyz`.
2. Capacity: `--concurrency` clients post briefs back to back for `--calibrate-s` seconds;
   briefs per second is the capacity.
3. Load: open-loop (Poisson) arrivals at `--factor` x capacity for `--minutes`, each request a
   distinct bundle: the dev clusters in turn where `--eval-data` is present (else the example and
   canonical bundles), each under new ids, so the brief cache never answers; no vectors are kept. Every request must be answered: 200, or
   429/503 with `Retry-After`; a request with no answer within `--timeout-s` counts as hung,
   a dropped connection as lost. The server's resident memory is sampled throughout.
4. Stampede: 20 identical requests of a bundle not sent before, all at once: how many were
   answered, with what, and how many briefs the server computed for them.
5. Shutdown: a burst of briefs, SIGTERM while they are in flight: those admitted must finish
   (200), the rest be refused cleanly (503 with Retry-After, or the connection refused), and the
   process must exit.
6. Report latency percentiles, status counts, memory at start and end (and its slope), the
   server's own metrics, and whether every server log line was JSON.

The 10-minute run is `python -m tools.loadtest --minutes 10`.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import json
import os
import random
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tools.contention import dev_bundles
from tools.harness import (
    CANONICAL_SEEDS,
    EXAMPLE_BUNDLE_FILE,
    free_port,
    load_bundle,
    memory_mb,
    percentile,
    start_service,
    wait_ready,
)


@dataclass
class Outcome:
    sent_at: float
    seconds: float
    status: int | None  # None: no HTTP answer
    error: str | None = None  # "hung" (no answer in time) or the transport error's name
    retry_after: bool = False
    mode: str | None = None


@dataclass
class Phase:
    outcomes: list[Outcome] = field(default_factory=list)

    def statuses(self) -> Counter[str]:
        return Counter(str(o.status) if o.status is not None else o.error or "?" for o in self.outcomes)


class Bundles:
    """Distinct bundles: the base bundles' articles with ids made unique per request."""

    def __init__(self, bases: list[dict[str, Any]]) -> None:
        self.bases, self.count = bases, 0

    def next(self) -> dict[str, Any]:
        self.count += 1
        bundle = copy.deepcopy(self.bases[self.count % len(self.bases)])
        for n, article in enumerate(bundle["articles"]):
            article["id"] = f"{article.get('id') or 'a'}-{n}-{self.count}"
        return bundle


async def post(client: httpx.AsyncClient, bundle: dict[str, Any], timeout_s: float, t0: float) -> Outcome:
    sent = time.perf_counter()
    try:
        response = await asyncio.wait_for(client.post("/v1/briefs", json=bundle), timeout_s)
    except TimeoutError:
        return Outcome(sent - t0, time.perf_counter() - sent, None, "hung")
    except httpx.TransportError as error:
        return Outcome(sent - t0, time.perf_counter() - sent, None, type(error).__name__)
    mode = None
    if response.status_code == 200:
        mode = response.json().get("mode")
    return Outcome(
        sent - t0,
        time.perf_counter() - sent,
        response.status_code,
        retry_after="retry-after" in response.headers,
        mode=mode,
    )


async def stampede(base: str, bundle: dict[str, Any], count: int, timeout_s: float) -> dict[str, Any]:
    """`count` identical requests at once: their statuses, and the briefs the server computed."""

    def briefs_written() -> float:
        text = httpx.get(f"{base}/metrics", timeout=10).text
        return sum(
            float(line.rsplit(" ", 1)[1])
            for line in text.splitlines()
            if line.startswith("summarizer_briefs_total{")
        )

    before = briefs_written()
    async with httpx.AsyncClient(base_url=base, timeout=None) as client:
        t0 = time.perf_counter()
        outcomes = await asyncio.gather(*(post(client, bundle, timeout_s, t0) for _ in range(count)))
    return {
        "requests": count,
        "statuses": dict(
            Counter(str(o.status) if o.status is not None else o.error or "?" for o in outcomes)
        ),
        "briefs_computed": briefs_written() - before,
    }


async def calibrate(base: str, bundles: Bundles, workers: int, seconds: float, timeout_s: float) -> float:
    """Briefs per second with `workers` clients posting back to back."""
    done = 0
    async with httpx.AsyncClient(base_url=base, timeout=None) as client:
        t0 = time.perf_counter()

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() - t0 < seconds:
                outcome = await post(client, bundles.next(), timeout_s, t0)
                if outcome.status == 200:
                    done += 1

        await asyncio.gather(*(worker() for _ in range(workers)))
        return done / (time.perf_counter() - t0)


async def load(
    base: str, bundles: Bundles, rate: float, seconds: float, timeout_s: float, pid: int
) -> tuple[Phase, list[tuple[float, float]], int]:
    """Poisson arrivals at `rate` per second for `seconds`; returns outcomes, RSS samples, peak in flight."""
    phase = Phase()
    rss: list[tuple[float, float]] = []
    limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100)
    in_flight = peak = 0
    async with httpx.AsyncClient(base_url=base, timeout=None, limits=limits) as client:
        t0 = time.perf_counter()
        tasks: list[asyncio.Task[None]] = []

        async def one() -> None:
            nonlocal in_flight
            in_flight += 1
            try:
                phase.outcomes.append(await post(client, bundles.next(), timeout_s, t0))
            finally:
                in_flight -= 1

        async def sample() -> None:
            while True:
                rss.append((time.perf_counter() - t0, memory_mb(pid)))
                await asyncio.sleep(2)

        sampler = asyncio.create_task(sample())
        next_at = 0.0
        while next_at < seconds:
            await asyncio.sleep(max(0.0, next_at - (time.perf_counter() - t0)))
            tasks.append(asyncio.create_task(one()))
            peak = max(peak, in_flight)
            next_at += random.expovariate(rate)
        await asyncio.gather(*tasks)
        sampler.cancel()
        rss.append((time.perf_counter() - t0, memory_mb(pid)))
    return phase, rss, peak


async def shutdown_under_load(
    base: str, bundles: Bundles, server: subprocess.Popen[bytes], burst: int, timeout_s: float
) -> dict[str, Any]:
    """A burst of briefs, SIGTERM once one is being written: what happens to each, and to the process."""
    async with httpx.AsyncClient(base_url=base, timeout=None) as client:
        t0 = time.perf_counter()
        tasks = [asyncio.create_task(post(client, bundles.next(), timeout_s, t0)) for _ in range(burst)]
        async with httpx.AsyncClient(base_url=base, timeout=5) as probe:
            started = time.perf_counter()
            while "summarizer_briefs_in_progress 0.0" in (await probe.get("/metrics")).text:
                if time.perf_counter() - started > timeout_s:
                    raise RuntimeError("no brief of the burst ever started")
                await asyncio.sleep(0.02)
        server.send_signal(signal.SIGTERM)
        signalled = time.perf_counter()
        after = await post(client, bundles.next(), timeout_s, t0)  # arrives while it drains
        outcomes = await asyncio.gather(*tasks)
    code = await asyncio.to_thread(server.wait, 120)
    return {
        "burst": burst,
        "burst_statuses": dict(Phase(list(outcomes)).statuses()),
        "refusals_with_retry_after": sum(o.retry_after for o in outcomes if o.status in (429, 503)),
        "after_sigterm": after.status if after.status is not None else after.error,
        "exit_code": code,
        "exit_s": round(time.perf_counter() - signalled, 2),
    }


def metric_lines(text: str, *names: str) -> dict[str, float]:
    out = {}
    for line in text.splitlines():
        if line.startswith(names):
            key, _, value = line.rpartition(" ")
            out[key] = float(value)
    return out


def slope_mb_per_min(samples: list[tuple[float, float]]) -> float:
    if len(samples) < 3:
        return float("nan")
    xs, ys = [t / 60 for t, _ in samples], [m for _, m in samples]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.loadtest", description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0, help="length of the load phase")
    parser.add_argument("--factor", type=float, default=2.0, help="arrival rate, in multiples of capacity")
    parser.add_argument("--rate", type=float, default=None, help="arrivals per second (skips calibration)")
    parser.add_argument("--calibrate-s", type=float, default=20.0)
    parser.add_argument("--concurrency", type=int, default=2, help="SUMMARIZER_CONCURRENCY for the server")
    parser.add_argument("--model", default="none", help="SUMMARIZER_MODEL for the server (none: extractive)")
    parser.add_argument(
        "--timeout-s", type=float, default=180.0, help="a request unanswered this long is hung"
    )
    parser.add_argument("--burst", type=int, default=8, help="briefs in flight when SIGTERM is sent")
    parser.add_argument("--seeds", type=Path, default=CANONICAL_SEEDS)
    parser.add_argument("--eval-data", type=Path, default=Path("../shared/eval/multinews_dev.jsonl"))
    parser.add_argument("--stampede", type=int, default=20, help="identical requests sent at once")
    parser.add_argument("--out", type=Path, default=None, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "tools.loadtest", *(sys.argv[1:] if argv is None else argv)])
    random.seed(1)

    if args.eval_data.is_file():
        bases = [{"articles": b["articles"]} for b in dev_bundles(args.eval_data)]
    else:
        bases = [load_bundle(EXAMPLE_BUNDLE_FILE)]
        if args.seeds.is_dir():
            bases.append(load_bundle(args.seeds))
    bundles = Bundles(bases)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        "SUMMARIZER_MODEL": args.model,
        "SUMMARIZER_CONCURRENCY": str(args.concurrency),
        "SUMMARIZER_API_KEYS": "",
        # Its bundles repeat their texts under new ids: no vector kept between briefs, so each
        # brief costs what a new story costs.
        "SUMMARIZER_VECTOR_CACHE_ENTRIES": "0",
        "SUMMARIZER_DRAIN_NOTICE_S": "2",
    }
    log_file = Path(tempfile.mkstemp(prefix="summarizer-load-", suffix=".log")[1])
    with log_file.open("wb") as log:
        server = start_service(env, port, log)
    try:
        try:
            wait_ready(base, server, timeout_s=600)
        except (RuntimeError, TimeoutError) as error:
            raise SystemExit(f"{error}; see {log_file}") from None
        print(f"ready on {base}; server log: {log_file}", flush=True)

        capacity = None
        if args.rate is None:
            capacity = asyncio.run(
                calibrate(base, bundles, args.concurrency, args.calibrate_s, args.timeout_s)
            )
            rate = capacity * args.factor
            print(
                f"capacity {capacity:.2f} briefs/s; load at {rate:.2f}/s for {args.minutes:g} min", flush=True
            )
        else:
            rate = args.rate
        phase, rss, peak = asyncio.run(
            load(base, bundles, rate, args.minutes * 60, args.timeout_s, server.pid)
        )
        metrics_text = httpx.get(f"{base}/metrics", timeout=10).text
        crowd = asyncio.run(stampede(base, bundles.next(), args.stampede, args.timeout_s))
        shutdown = asyncio.run(shutdown_under_load(base, bundles, server, args.burst, args.timeout_s))
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()

    lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()
    not_json: Counter[str] = Counter()
    levels: Counter[str] = Counter()
    for line in lines:
        try:
            levels[json.loads(line).get("level", "?")] += 1
        except ValueError:
            not_json[line[:60]] += 1

    ok = [o.seconds for o in phase.outcomes if o.status == 200]
    refused = [o for o in phase.outcomes if o.status in (429, 503)]
    figures = {
        "command": command,
        "cpus": os.cpu_count(),
        "model": args.model,
        "concurrency": args.concurrency,
        "capacity_per_s": capacity,
        "rate_per_s": rate,
        "minutes": args.minutes,
        "requests": len(phase.outcomes),
        "statuses": dict(phase.statuses()),
        "modes": dict(Counter(o.mode for o in phase.outcomes if o.mode)),
        "refused_without_retry_after": sum(not o.retry_after for o in refused),
        "unanswered": sum(o.status is None for o in phase.outcomes),
        "other_status": sum(o.status not in (None, 200, 429, 503) for o in phase.outcomes),
        "latency_200_s": {"p50": percentile(ok, 0.5), "p99": percentile(ok, 0.99), "max": max(ok, default=0)},
        "latency_refused_s": {
            "p50": percentile([o.seconds for o in refused], 0.5),
            "p99": percentile([o.seconds for o in refused], 0.99),
        },
        "latency_all_s": {
            "p50": percentile([o.seconds for o in phase.outcomes], 0.5),
            "p99": percentile([o.seconds for o in phase.outcomes], 0.99),
        },
        "peak_in_flight": peak,
        "briefs_per_s_answered": len(ok) / (args.minutes * 60),
        "rss_mb": {
            "start": rss[0][1] if rss else None,
            "end": rss[-1][1] if rss else None,
            "max": max((m for _, m in rss), default=None),
            "slope_mb_per_min": slope_mb_per_min(rss),
            "second_half_slope_mb_per_min": slope_mb_per_min(rss[len(rss) // 2 :]),
        },
        "server_metrics": metric_lines(
            metrics_text,
            "summarizer_briefs_total",
            "summarizer_admission_rejected_total",
            "summarizer_http_requests_total",
            "summarizer_brief_faults_total",
        ),
        "stampede": crowd,
        "shutdown": shutdown,
        "server_log": {"lines": len(lines), "levels": dict(levels), "not_json": dict(not_json)},
    }
    text = json.dumps(figures, indent=2, default=str)
    print(text)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    failed = figures["unanswered"] or figures["other_status"] or figures["refused_without_retry_after"]
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
