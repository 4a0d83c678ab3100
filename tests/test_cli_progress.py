"""`summarizer brief batch.jsonl`: progress on stderr, a summary at the end, the configured backend."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from summarizer import cli
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings
from tests.openai_fake import FakeOpenAI, fake_openai_server


@pytest.fixture
def shared_embedder(monkeypatch: pytest.MonkeyPatch, summarizer: Summarizer) -> list[Settings]:
    """The CLI builds its Summarizer from its settings as usual, reusing the session's embedder."""
    loaded: list[Settings] = []

    def load(settings: Settings) -> Summarizer:
        loaded.append(settings)
        return Summarizer(settings, embedder=summarizer.embedder)

    monkeypatch.setattr(cli, "Summarizer", load)
    return loaded


@pytest.fixture
def batch(tmp_path: Path, example_bundle: dict[str, Any]) -> Callable[[list[str | None]], Path]:
    """A JSON Lines file: a bundle per id (None: no id), "bad" one with a single article, "" blank."""

    def write(ids: list[str | None]) -> Path:
        lines = []
        for bundle_id in ids:
            articles = example_bundle["articles"][:1] if bundle_id == "bad" else example_bundle["articles"]
            # Room for facts whose sentences have asides the fake server's drafts may drop.
            record: dict[str, Any] = {"articles": articles, "max_words": 150}
            lines.append(
                ""
                if bundle_id == ""
                else json.dumps(record if bundle_id is None else {"id": bundle_id, **record})
            )
        path = tmp_path / "batch.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


SECONDS = r"\d+\.\d s"


def test_a_batch_off_a_terminal_prints_a_line_per_bundle_and_a_summary(
    shared_embedder: list[Settings],
    batch: Callable[[list[str | None]], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("SUMMARIZER_MODEL", "none")
    path = batch(["cluster-1", "bad", "", None])

    code = cli.main(["brief", str(path)])

    out, err = capsys.readouterr()
    assert code == cli.EXIT_FAILED_LINES
    assert len(out.splitlines()) == 3, "stdout holds only the JSON lines"
    progress = err.splitlines()
    assert len(progress) == 4, err
    assert re.fullmatch(rf"brief 1/3 cluster-1 \(line 1\): ok, \d+ words, 0 fused, {SECONDS}", progress[0])
    assert re.fullmatch(
        rf"brief 2/3 bad \(line 2\): failed: articles: List should have at least 2 items.*, {SECONDS}",
        progress[1],
    )
    assert re.fullmatch(rf"brief 3/3 line 4: ok, \d+ words, 0 fused, {SECONDS}", progress[2])
    assert re.fullmatch(rf"summarizer: 3 bundles, 2 ok, 1 failed, 0 fused sentences, {SECONDS}", progress[3])
    assert len(shared_embedder) == 1


def test_a_batch_drafts_on_the_backend_its_settings_name(
    shared_embedder: list[Settings],
    batch: Callable[[list[str | None]], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fake_openai_server() as server:
        _use_openai(monkeypatch, server)
        code = cli.main(["brief", str(batch(["c1", "c2"]))])
        out, err = capsys.readouterr()

    assert code == cli.EXIT_OK
    briefs = [json.loads(line) for line in out.splitlines()]
    assert [b["generation"]["model"] for b in briefs] == ["fake-remote", "fake-remote"]
    fused = sum(b["generation"]["fused"] for b in briefs)
    assert fused > 0 and all(b["mode"] == "fused" for b in briefs)
    assert server.received
    assert err.splitlines()[-1].startswith(
        f"summarizer: 2 bundles, 2 ok, 0 failed, {fused} fused sentences, "
    )


def test_generation_errors_show_in_the_progress_and_the_summary(
    shared_embedder: list[Settings],
    batch: Callable[[list[str | None]], Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with fake_openai_server() as server:
        server.mode = "http-500"
        _use_openai(monkeypatch, server)
        code = cli.main(["brief", str(batch(["c1"]))])
        _, err = capsys.readouterr()

    assert code == cli.EXIT_OK  # the brief is written, extractively
    first, summary = err.splitlines()
    assert "generation failed: BackendHTTPError" in first
    assert summary.endswith(" s (1 briefs extractive after a generation error)")


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_progress_is_a_bar_then_the_summary() -> None:
    stream = _Terminal()
    progress = cli.Progress(2, stream)
    progress.update({"bundle_id": "a", "generation": {"fused": 2}}, 1, 0.5)
    progress.update({"bundle_id": "b", "line": 2, "error": "not valid JSON"}, 2, 0.1)
    progress.close()

    shown = stream.getvalue()
    assert "2/2" in shown and "brief 1/2" not in shown  # tqdm's bar, not the plain lines
    assert (
        shown.rstrip().splitlines()[-1].startswith("summarizer: 2 bundles, 1 ok, 1 failed, 2 fused sentences")
    )


def _use_openai(monkeypatch: pytest.MonkeyPatch, server: FakeOpenAI) -> None:
    for name, value in {
        "SUMMARIZER_BACKEND": "openai",
        "SUMMARIZER_OPENAI_BASE_URL": server.url,
        "SUMMARIZER_OPENAI_MODEL": "fake-remote",
    }.items():
        monkeypatch.setenv(name, value)
