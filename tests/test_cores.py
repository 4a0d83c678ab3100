"""How many threads model work gets: the usable cores shared out between the briefs run at once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import torch
from fastapi.testclient import TestClient

from service.app import create_app
from service.settings import ServiceSettings
from summarizer.cores import brief_threads, usable_cores


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


def test_the_briefs_written_at_once_share_the_usable_cores_unless_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("summarizer.cores.usable_cores", lambda: 4)

    assert brief_threads(concurrency=1) == 4
    assert brief_threads(concurrency=2) == 2
    assert brief_threads(concurrency=3) == 1  # never more threads in all than cores
    assert brief_threads(concurrency=8) == 1  # and at least one each
    assert brief_threads(configured=3, concurrency=2) == 3


@pytest.fixture
def torch_threads() -> Iterator[None]:
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


@pytest.mark.usefixtures("torch_threads")
@pytest.mark.parametrize(
    ("concurrency", "configured", "expected"),
    [(1, "0", usable_cores()), (2, "0", max(1, usable_cores() // 2)), (1, "1", 1)],
)
def test_each_brief_runs_with_the_threads_decided_in_its_own_thread(
    example_bundle: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    concurrency: int,
    configured: str,
    expected: int,
) -> None:
    monkeypatch.setenv("SUMMARIZER_THREADS", configured)
    settings = ServiceSettings(embedder="tfidf", model="none", brief_cache_entries=0, concurrency=concurrency)
    seen: list[int] = []
    with TestClient(create_app(settings=settings)) as client:
        while client.get("/readyz").status_code != 200:
            pass
        summarizer = client.app.state.summarizer_slot.summarizer
        encode = summarizer.embedder.encode

        def watched(texts: list[str]) -> Any:
            seen.append(torch.get_num_threads())  # in the worker thread writing the brief
            return encode(texts)

        summarizer.embedder.encode = watched
        torch.set_num_threads(7)  # whatever another thread set last must not leak into a brief
        assert client.post("/v1/briefs", json=example_bundle).status_code == 200

    assert seen and set(seen) == {expected}
