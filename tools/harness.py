"""What the tools share: the repository's bundles, a service process, its readiness, its memory, percentiles."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from summarizer.folder import read_folder

ROOT = Path(__file__).resolve().parents[1]
CANONICAL_SEEDS = ROOT.parent / "shared" / "seeds"  # beside the repository, not in it
EXAMPLE_BUNDLE_FILE = ROOT / "examples" / "bundle.json"
READY_TIMEOUT_S = 300.0  # a cold start loads torch and the models


def load_bundle(source: Path) -> dict[str, Any]:
    """A bundle from a folder of `.txt` articles or a bundle JSON file."""
    if source.is_dir():
        return read_folder(source)
    bundle: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    return bundle


def default_bundle_source() -> Path:
    """The canonical bundle where it is, else the repository's own example."""
    return CANONICAL_SEEDS if CANONICAL_SEEDS.is_dir() else EXAMPLE_BUNDLE_FILE


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_service(
    env: Mapping[str, str], port: int, output: IO[bytes] | int = subprocess.DEVNULL
) -> subprocess.Popen[bytes]:
    """The service as production runs it (`uvicorn service.app:app`), on 127.0.0.1:`port`."""
    return subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "service.app:app", "--host", "127.0.0.1", "--port", str(port)],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=output,
        stderr=subprocess.STDOUT,
    )


def wait_ready(
    base_url: str, server: subprocess.Popen[bytes] | None = None, timeout_s: float = READY_TIMEOUT_S
) -> None:
    """Return once `/readyz` answers 200; raise if the service failed to load, exited or took too long."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise RuntimeError(f"the service exited with {server.returncode} before it was ready")
        try:
            status, body = get_json(f"{base_url}/readyz", timeout_s=2)
        except OSError:  # not listening yet
            status, body = 0, {}
        if status == 200:
            return
        if isinstance(body, dict) and body.get("status") == "failed":
            raise RuntimeError(f"the service cannot get ready: {body.get('detail')}")
        time.sleep(0.05)
    raise TimeoutError(f"the service was not ready after {timeout_s:g} s")


def get_json(url: str, timeout_s: float = 5) -> tuple[int, Any]:
    return _exchange(urllib.request.Request(url), timeout_s)


def post_json(url: str, payload: Any, timeout_s: float = 300) -> tuple[int, Any]:
    """Status and decoded JSON body; an HTTP error status is an answer here, not an exception."""
    request = urllib.request.Request(
        url, data=json.dumps(payload).encode("utf-8"), headers={"Content-Type": "application/json"}
    )
    return _exchange(request, timeout_s)


def memory_mb(pid: int, field: str = "VmRSS") -> float:
    """A process's memory from /proc (Linux): `VmRSS` now, or `VmHWM`, its peak so far; in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _exchange(request: urllib.request.Request, timeout_s: float) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)
