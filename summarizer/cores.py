"""How model work uses the CPU cores this process may use: decided here.

torch sizes its intra-op pool by the host's cores, not by what the process may use: in a
container given 2 CPUs on a 64-core host it would run 64 threads on 2 CPUs. The cores a process
may use are the CPUs its affinity allows, capped by its cgroup's CPU quota (a container's
`--cpus`), and they are shared out between the briefs written at once: two briefs on two cores
get one thread each, so that briefs x threads never exceed the cores. More threads than cores
made every brief wait on the others (results/bench.md, docs/decisions.md).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

_CGROUP = Path("/sys/fs/cgroup")


def usable_cores(cgroup: Path = _CGROUP) -> int:
    """The CPUs this process may run on, capped by its cgroup's CPU quota; at least 1."""
    allowed = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    quota = _quota(cgroup)
    return max(1, min(allowed, quota) if quota is not None else allowed)


def brief_threads(configured: int = 0, concurrency: int = 1) -> int:
    """torch's intra-op threads for a brief: `configured` when it is set, else the usable cores
    shared out between `concurrency` briefs, at least one each."""
    return configured if configured > 0 else max(1, usable_cores() // concurrency)


def use_threads(threads: int) -> None:
    """Set torch's intra-op threads for the whole process."""
    import torch

    torch.set_num_threads(threads)


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
