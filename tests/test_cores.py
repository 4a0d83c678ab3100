"""How many threads model work gets: the usable cores lent to each model call."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch

from summarizer.cores import Cores, OtherWork, usable_cores
from summarizer.embed import MiniLMEmbedder


def cgroup(tmp_path: Path, v2: str | None = None, v1: tuple[str, str] | None = None) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    if v2 is not None:
        (tmp_path / "cpu.max").write_text(v2)
    if v1 is not None:
        (tmp_path / "cpu").mkdir()
        (tmp_path / "cpu" / "cpu.cfs_quota_us").write_text(v1[0])
        (tmp_path / "cpu" / "cpu.cfs_period_us").write_text(v1[1])
    return tmp_path


def test_a_cgroup_quota_caps_the_cores_and_rounds_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(8)))

    assert usable_cores(cgroup(tmp_path / "a", v2="150000 100000")) == 2
    assert usable_cores(cgroup(tmp_path / "b", v2="max 100000")) == 8
    assert usable_cores(cgroup(tmp_path / "c", v1=("50000", "100000"))) == 1
    assert usable_cores(cgroup(tmp_path / "d", v1=("-1", "100000"))) == 8
    assert usable_cores(tmp_path / "none") == 8


def test_affinity_caps_the_cores_below_a_larger_quota(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})

    assert usable_cores(cgroup(tmp_path, v2="800000 100000")) == 2


class Busy(OtherWork):
    """Other processes keeping `cores` busy, as /proc/stat would say."""

    def __init__(self, cores: float) -> None:
        self.cores = cores

    def cores_busy(self) -> float:
        return self.cores


def test_a_brief_written_alone_gets_the_idle_cores_for_large_calls_only() -> None:
    cores = Cores(usable=4, concurrency=2, others=Busy(0.0), spread_from=100)

    with cores.writing():
        with cores.lent(rows=10) as small:
            pass
        with cores.lent(rows=100) as large:
            pass

    assert (small, large) == (2, 4)  # its share of the concurrency; every core for a large call


def test_the_briefs_written_at_once_share_the_cores() -> None:
    cores = Cores(usable=4, concurrency=2, others=Busy(0.0), spread_from=100)

    with cores.writing(), cores.writing(), cores.writing(), cores.lent(rows=1000) as three_at_once:
        pass
    with cores.writing(), cores.writing(), cores.lent(rows=1000) as two_at_once:
        pass

    assert (three_at_once, two_at_once) == (1, 2)


def test_a_large_call_leaves_other_processes_the_cores_they_use() -> None:
    cores = Cores(usable=2, concurrency=2, others=Busy(1.0), spread_from=100)

    with cores.writing(), cores.lent(rows=1000) as threads:
        pass

    assert threads == 1


def test_configured_threads_are_every_calls() -> None:
    cores = Cores(usable=4, concurrency=2, configured=3, others=Busy(0.0), spread_from=100)

    with cores.writing(), cores.writing(), cores.lent(rows=1) as threads:
        pass

    assert threads == 3


def test_model_calls_running_at_once_never_use_more_threads_than_cores(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("summarizer.cores._set_threads", lambda threads: None)
    cores = Cores(usable=3, concurrency=2, others=Busy(0.0), spread_from=50)
    running, most, lock = [0], [0], threading.Lock()

    def brief(seed: int) -> None:
        with cores.writing():
            for i in range(200):
                with cores.lent(rows=(seed * 37 + i * 11) % 100) as threads:
                    with lock:
                        running[0] += threads
                        most[0] = max(most[0], running[0])
                    time.sleep(0)  # let another brief's call start meanwhile
                    with lock:
                        running[0] -= threads

    workers = [threading.Thread(target=brief, args=(seed,)) for seed in range(6)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert running[0] == 0
    assert most[0] <= 3


def test_other_processes_cpu_time_is_read_over_this_process_cpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: {0, 1})
    monkeypatch.setattr("os.sysconf", lambda name: 100)  # clock ticks a second
    clock = iter([10.0, 11.0])
    monkeypatch.setattr("summarizer.cores.time.monotonic", lambda: next(clock))
    (tmp_path / "self").mkdir()

    def counters(cpu0: int, cpu1: int, cpu2: int, own: int) -> None:
        # user nice system idle iowait irq softirq steal: busy is all but idle and iowait
        lines = [f"cpu{n} {busy} 0 0 500 7 0 0 0 0 0" for n, busy in enumerate((cpu0, cpu1, cpu2))]
        (tmp_path / "stat").write_text("cpu 1 2 3 4 5 6 7 8 0 0\n" + "\n".join(lines) + "\n")
        (tmp_path / "self" / "stat").write_text(f"42 (a (b) c) S {' '.join(['1'] * 10)} {own} 0 0\n")

    counters(cpu0=1000, cpu1=2000, cpu2=0, own=300)
    others = OtherWork(proc=tmp_path, cgroup=tmp_path / "no-quota")
    counters(cpu0=1150, cpu1=2100, cpu2=5000, own=350)  # a second later; cpu2 is not this process's

    assert others.cores_busy() == pytest.approx(2.0)  # (150 + 100 - 50) ticks in 100 ticks a second


def test_other_work_counts_as_none_where_a_quota_caps_the_cpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(8)))

    assert OtherWork(cgroup=cgroup(tmp_path, v2="200000 100000")).cores_busy() == 0.0


@pytest.fixture
def torch_threads() -> Iterator[None]:
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.mark.usefixtures("torch_threads")
def test_each_minilm_batch_runs_on_the_threads_lent_in_its_own_thread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    embedder = MiniLMEmbedder(cores=Cores(usable=2, concurrency=2, others=Busy(0.0), spread_from=4))
    encode = embedder._encode
    seen: list[int] = []

    def watched(texts: list[str]) -> Any:
        seen.append(torch.get_num_threads())
        return encode(texts)

    monkeypatch.setattr(embedder, "_encode", watched)
    torch.set_num_threads(7)  # whatever another thread set last must not leak into a call

    small = embedder.encode(["One sentence.", "Another one."])
    large = embedder.encode([f"Sentence number {i}." for i in range(8)])

    assert small.shape == (2, 384) and large.shape == (8, 384)
    assert seen == [1, 2]
