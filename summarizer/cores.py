"""How model work uses the CPU cores this process may use: decided once, here.

torch runs each operation on one pool of intra-op threads per process, one thread per core by
default, shared by every thread that calls it. Two briefs at once then run two threads each on
two cores, and a busy neighbour process makes every one of them wait for the others: MiniLM
was 6x slower that way. So a process running `lanes` briefs at once gives torch `cores //
lanes` threads, never more threads in all than the cores it may use: the CPUs its affinity
allows, capped by its cgroup's CPU quota (a container's `--cpus`).
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


def threads_per_lane(lanes: int, configured: int = 0, cores: int | None = None) -> int:
    """torch's intra-op threads when `lanes` briefs run model work at once: `configured` when it is
    set, else the usable cores shared out between the lanes (at least 1 each)."""
    if configured > 0:
        return configured
    return max(1, (cores if cores is not None else usable_cores()) // max(1, lanes))


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
