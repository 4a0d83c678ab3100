"""How model work uses the CPU cores this process may use: decided here.

torch sizes its intra-op pool by the host's cores, not by what the process may use: in a
container given 2 CPUs on a 64-core host it would run 64 threads on 2 CPUs. The cores a process
may use are the CPUs its affinity allows, capped by its cgroup's CPU quota (a container's
`--cpus`). `Cores` lends them to model work one call at a time, so that kernels running at once
never use more threads than cores: each brief written at the same time gets its share (two
briefs on two cores get one thread each), and a brief written alone gets every core other
processes leave idle for work large enough to gain from them (a 50-article bundle's sentences).
More threads than cores made every brief wait on the others (results/bench.md,
docs/decisions.md).
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path

_CGROUP = Path("/sys/fs/cgroup")
_PROC = Path("/proc")
# Below this many rows a call keeps its brief's share: measured on 2 cores, a second thread
# makes a 1,500-sentence encode 1.5x faster, and a typical brief barely faster while costing it
# dearly beside a busy neighbour (results/bench.md).
SPREAD_FROM_ROWS = 512
_SAMPLE_EVERY_S = 0.5  # how stale the reading of other processes' CPU use may be


def usable_cores(cgroup: Path = _CGROUP) -> int:
    """The CPUs this process may run on, capped by its cgroup's CPU quota; at least 1."""
    allowed = len(_allowed_cpus())
    quota = _quota(cgroup)
    return max(1, min(allowed, quota) if quota is not None else allowed)


class OtherWork:
    """How many of this process's CPUs other processes kept busy lately, read from /proc/stat.

    Measured over the CPUs the process's affinity allows, less its own CPU time, at most every
    half second. Where a cgroup quota caps the process below its CPUs, the host's counters say
    nothing about its share, and other work counts as none.
    """

    def __init__(self, proc: Path = _PROC, cgroup: Path = _CGROUP) -> None:
        self._proc = proc
        self._cpus = _allowed_cpus()
        quota = _quota(cgroup)
        self._readable = quota is None or quota >= len(self._cpus)
        self._lock = threading.Lock()
        self._last = self._sample()
        self._busy = 0.0

    def cores_busy(self) -> float:
        """Cores other processes used on average since the reading before last (0.0 when unknown)."""
        with self._lock:
            now = self._sample()
            if now is None or self._last is None:
                self._last = now
                return 0.0
            elapsed = now[0] - self._last[0]
            if elapsed >= _SAMPLE_EVERY_S:
                ticks = os.sysconf("SC_CLK_TCK")
                others = (now[1] - self._last[1]) - (now[2] - self._last[2])
                self._busy = max(0.0, others / ticks / elapsed)
                self._last = now
            return self._busy

    def _sample(self) -> tuple[float, int, int] | None:
        """(monotonic seconds, busy ticks of the allowed CPUs, this process's ticks), or None."""
        if not self._readable:
            return None
        try:
            busy = 0
            for line in (self._proc / "stat").read_text().splitlines():
                name, *fields = line.split()
                if name.startswith("cpu") and name[3:].isdigit() and int(name[3:]) in self._cpus:
                    ticks = [int(f) for f in fields[:8]]  # user nice system idle iowait irq softirq steal
                    busy += sum(ticks) - ticks[3] - ticks[4]
            own = (self._proc / "self" / "stat").read_text().rsplit(")", 1)[1].split()
            return time.monotonic(), busy, int(own[11]) + int(own[12])  # utime, stime
        except (OSError, ValueError, IndexError):
            return None


class Cores:
    """The usable cores, lent to model calls so that kernels running at once use no more threads
    than cores, each call running with the threads it was lent (set in its own thread: under
    OpenMP each thread keeps its own count).

    A call gets its brief's share: the cores divided between the `concurrency` briefs, or between
    those being written now when more are. A brief written alone gets, for a call of at least
    `spread_from` rows, every core other processes leave idle. A call waits while every core is
    lent. `configured` threads, when set, are every call's, lent or not.
    """

    def __init__(
        self,
        usable: int,
        concurrency: int = 1,
        configured: int = 0,
        others: OtherWork | None = None,
        spread_from: int = SPREAD_FROM_ROWS,
    ) -> None:
        self.usable, self.concurrency, self.configured = usable, concurrency, configured
        self.spread_from = spread_from
        self._others = others
        self._free = usable
        self._writing = 0
        self._changed = threading.Condition()

    @contextmanager
    def writing(self) -> Iterator[None]:
        """While a brief is written: the briefs being written share the cores."""
        with self._changed:
            self._writing += 1
        try:
            yield
        finally:
            with self._changed:
                self._writing -= 1

    @contextmanager
    def lent(self, rows: int) -> Iterator[int]:
        """Threads for one model call over `rows` rows, set in the calling thread; given back after."""
        if self.configured > 0:
            _set_threads(self.configured)
            yield self.configured
            return
        with self._changed:
            while self._free == 0:
                self._changed.wait()
            threads = min(self._share(rows), self._free)
            self._free -= threads
        try:
            _set_threads(threads)
            yield threads
        finally:
            with self._changed:
                self._free += threads
                self._changed.notify_all()

    def _share(self, rows: int) -> int:
        share = max(1, self.usable // max(self.concurrency, self._writing, 1))
        if self._writing > 1 or rows < self.spread_from:
            return share
        idle = self.usable - (self._others.cores_busy() if self._others is not None else 0.0)
        return max(share, math.floor(idle + 0.5))


def lent(cores: Cores | None, rows: int) -> AbstractContextManager[int | None]:
    """`cores.lent(rows)`; without `cores` (a GPU, or a model used on its own), threads as they are."""
    return cores.lent(rows) if cores is not None else nullcontext()


def _set_threads(threads: int) -> None:
    import torch

    torch.set_num_threads(threads)


def _allowed_cpus() -> set[int]:
    if hasattr(os, "sched_getaffinity"):
        return set(os.sched_getaffinity(0))
    return set(range(os.cpu_count() or 1))


def _quota(cgroup: Path) -> int | None:
    """Whole CPUs the cgroup's quota allows (rounded up), or None when it sets none."""
    try:  # cgroup v2: "max 100000" or "150000 100000"
        quota, period = (cgroup / "cpu.max").read_text().split()[:2]
        return None if quota == "max" else max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError):
        pass
    try:  # cgroup v1: a quota of -1 sets none
        quota_us = int((cgroup / "cpu" / "cpu.cfs_quota_us").read_text())
        period_us = int((cgroup / "cpu" / "cpu.cfs_period_us").read_text())
        return None if quota_us <= 0 else max(1, math.ceil(quota_us / period_us))
    except (OSError, ValueError):
        return None
