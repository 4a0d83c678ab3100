"""`summarizer brief`: folders of .txt files, one JSON bundle, JSON Lines batches, stdin."""

from __future__ import annotations

import importlib.metadata
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from summarizer import cli
from summarizer.pipeline import Summarizer
from summarizer.schema import BriefOut
from summarizer.settings import Settings
from summarizer.text.normalise import display_text


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch, summarizer: Summarizer) -> list[Settings]:
    """The CLI reuses the session's Summarizer (no reload per test); each load is recorded."""
    recorded: list[Settings] = []

    def load(settings: Settings) -> Summarizer:
        recorded.append(settings)
        return summarizer

    monkeypatch.setattr(cli, "Summarizer", load)
    return recorded


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]], str]:
    code = cli.main(argv)
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


def test_a_folder_of_txt_files_is_one_bundle_cited_by_offsets_into_the_files(
    seeds_folder: Path, loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    code, [out], _ = run(["brief", str(seeds_folder)], capsys)

    assert code == 0
    brief = BriefOut.model_validate(out)
    files = {path.stem: path.read_bytes().decode("utf-8") for path in seeds_folder.glob("*.txt")}
    assert [s.id for s in brief.sources] == sorted(files)
    titles = {s.id: s.title for s in brief.sources}
    assert titles["000_5e0900e9bcab90b4"] == "US, China to meet on North Korea on June 21"
    assert titles["002_68f64e2b252cd3a3"] is None  # its first line is "Advertisement"
    assert titles["001_afb6e35f5f233bea"] is None  # its first line is tags: "kim jong un north korea"
    assert 0 < brief.words <= 120
    for sentence in brief.brief:
        cited = [display_text(files[c.article_id][c.start : c.end]) for c in sentence.citations]
        # Extracted: a cited sentence, less at most a detail its sources dispute (disagreement notes).
        assert any(is_cut_from(sentence.text, source) for source in cited), (
            "an extracted sentence must cite the file it was copied from"
        )


def is_cut_from(sentence: str, source: str) -> bool:
    """`sentence`'s words appear in `source` in order (an attribution it added aside)."""
    remaining = iter(re.findall(r"\w+", source))
    words = re.findall(r"\w+", re.sub(r"\s*\(according to [^)]*\)", "", sentence))
    return all(word in remaining for word in words)


def test_a_json_bundle_gives_exactly_what_the_api_returns(
    client: TestClient,
    example_bundle_file: Path,
    example_bundle: dict[str, Any],
    loads: list[Settings],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, [out], _ = run(["brief", str(example_bundle_file)], capsys)

    assert code == 0
    assert out == client.post("/v1/briefs", json=example_bundle).json()


TOO_FEW = "articles: List should have at least 2 items"


def _eval_line(cluster_id: str, articles: list[dict[str, Any]]) -> str:
    return json.dumps(
        {
            "id": cluster_id,
            "origin": "test-clusters",
            "articles": [{"id": f"a{n}", "text": a["text"]} for n, a in enumerate(articles, start=1)],
            "references": ["A fire at a recycling plant in Harlow Vale injured nobody."],
            "highlights": [{"article": "a1", "span": "fire", "offsets": [[2, 6]], "summary_sentence": "."}],
        },
        ensure_ascii=False,  # raw U+2028 and the like must not split a line
    )


def test_a_jsonl_batch_briefs_each_line_and_reports_a_bad_one_without_stopping(
    tmp_path: Path,
    example_bundle: dict[str, Any],
    loads: list[Settings],
    capsys: pytest.CaptureFixture[str],
) -> None:
    articles = example_bundle["articles"]
    articles[0]["text"] += "\u2028Updated on Monday.\u0085"
    batch = tmp_path / "clusters.jsonl"
    batch.write_text(
        "\n".join(
            [
                _eval_line("cluster-1", articles[:2]),
                _eval_line("cluster-bad", articles[:1]),  # one article is not a bundle
                "",
                _eval_line("cluster-2", articles[1:]),
            ]
        )
        + "\n",
        encoding="utf-8",
    )

    code, lines, _ = run(["brief", str(batch), "--max-words", "40"], capsys)

    assert code == 1
    assert [line["bundle_id"] for line in lines] == ["cluster-1", "cluster-bad", "cluster-2"]
    good, bad, other = lines
    assert bad.keys() == {"bundle_id", "line", "error"} and bad["line"] == 2
    assert bad["error"].startswith(TOO_FEW)
    for line in (good, other):
        brief = BriefOut.model_validate({k: v for k, v in line.items() if k != "bundle_id"})
        assert brief.brief and 0 < brief.words <= 40
        assert "references" not in line and "highlights" not in line
    assert [s["id"] for s in other["sources"]] == ["a1", "a2", "a3"]
    assert len(loads) == 1, "the Summarizer must load once for the whole batch"


def test_unknown_article_keys_still_fail_in_a_batch(
    example_bundle: dict[str, Any],
    loads: list[Settings],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    articles = [{**a, "byline": "Staff"} for a in example_bundle["articles"][:2]]
    line = json.dumps({"articles": articles, "origin": "test"})
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n" + "not json\n"))

    code, lines, _ = run(["brief", "-"], capsys)

    assert code == 1
    assert lines[0]["bundle_id"] is None
    assert "articles.0.byline: Extra inputs are not permitted" in lines[0]["error"]
    assert lines[1]["line"] == 2 and "not valid JSON" in lines[1]["error"]


@pytest.mark.parametrize("argv", [["brief", "-"], ["brief"]])
def test_stdin_takes_one_bundle(
    argv: list[str],
    example_bundle: dict[str, Any],
    loads: list[Settings],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(example_bundle, indent=2)))

    code, [out], _ = run(argv, capsys)

    assert code == 0
    assert [s["id"] for s in out["sources"]] == [a["id"] for a in example_bundle["articles"]]
    assert out["brief"]


def test_an_invalid_bundle_exits_2_naming_the_field_and_the_rule(
    tmp_path: Path, example_bundle: dict[str, Any], loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    example_bundle["articles"][1]["text"] = "   "
    example_bundle["extra"] = True
    bundle = tmp_path / "bundle.json"
    bundle.write_text(json.dumps(example_bundle), encoding="utf-8")

    code, lines, err = run(["brief", str(bundle)], capsys)

    assert code == 2 and lines == []
    assert "articles.1: article text has no visible character" in err
    assert "extra: Extra inputs are not permitted" in err
    assert loads == [], "no model is loaded for input that cannot be briefed"


def test_embedder_and_max_words_options(
    example_bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["brief", str(example_bundle_file), "--embedder", "tfidf", "--max-words", "30"]

    code, [out], _ = run(argv, capsys)

    assert code == 0
    assert out["embedder"] == "tfidf"
    assert 0 < out["words"] <= 30


def test_max_words_outside_the_contract_is_a_usage_error(
    example_bundle_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["brief", str(example_bundle_file), "--max-words", "1000"])

    assert exit_.value.code == 2
    assert "between 20 and 400" in capsys.readouterr().err


def test_model_loading_draws_no_progress_bars_around_the_output(
    example_bundle_file: Path, loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    from transformers.utils import logging as transformers_logging

    was_enabled = transformers_logging.is_progress_bar_enabled()
    transformers_logging.enable_progress_bar()
    try:
        code, [out], _ = run(["brief", str(example_bundle_file)], capsys)

        assert code == 0 and out["brief"]
        assert not transformers_logging.is_progress_bar_enabled()
    finally:
        (
            transformers_logging.enable_progress_bar
            if was_enabled
            else transformers_logging.disable_progress_bar
        )()


def test_version_is_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--version"])

    assert exit_.value.code == 0
    assert (
        capsys.readouterr().out.strip() == f"summarizer {importlib.metadata.version('newsroom-summarizer')}"
    )


def test_text_format_is_the_brief_for_a_person(
    example_bundle_file: Path, loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["brief", str(example_bundle_file), "--format", "text"]) == 0
    shown = capsys.readouterr().out

    assert "[1] harlow-courier: Fire tears through Eastbrook recycling plant (Harlow Vale Courier)" in shown
    assert re.search(r"\[\d\](?:\[\d\])*(?: \(shortened\))?\n", shown), shown
    assert not shown.lstrip().startswith("{")


def test_budget_and_model_options_reach_the_brief_and_the_settings(
    example_bundle_file: Path, loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    code, [out], _ = run(["brief", str(example_bundle_file), "--budget-s", "0", "--model", "none"], capsys)

    assert code == 0
    assert loads[-1].model == "none"
    assert out["generation"]["budget_exhausted"] is False


@pytest.mark.parametrize("budget", ["-1", "121", "soon"])
def test_a_budget_outside_the_contract_is_a_usage_error(
    example_bundle_file: Path, capsys: pytest.CaptureFixture[str], budget: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["brief", str(example_bundle_file), "--budget-s", budget])

    assert exit_.value.code == 2
    assert "from 0 to 120" in capsys.readouterr().err


@pytest.mark.parametrize("files", [[], ["one.txt"], ["a.html", "b.html"]])
def test_a_folder_without_two_txt_articles_says_so_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list[str]
) -> None:
    for name in files:
        (tmp_path / name).write_text("The council approved the new ferry route on Tuesday.", encoding="utf-8")

    code = cli.main(["brief", str(tmp_path)])

    error = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT
    assert f"holds {int(files == ['one.txt'])} .txt article" in error and "at least 2" in error
    assert "List should" not in error


def test_the_model_cache_is_an_absolute_path_whatever_the_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)

    assert Settings().cache_dir.is_absolute()
    assert Settings().cache_dir.name == "newsroom-summarizer"


def test_a_bundle_without_two_english_articles_exits_2_saying_why(
    tmp_path: Path, loads: list[Settings], capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = tmp_path / "bundle.json"
    articles = [
        {"id": "gazette", "text": "The council approved a new ferry route on Tuesday after a long debate."},
        {
            "id": "zeitung",
            "text": "Der Stadtrat hat am Dienstag eine neue Fährverbindung beschlossen, nach langer Debatte.",
        },
    ]
    bundle.write_text(json.dumps({"articles": articles}), encoding="utf-8")

    code, lines, err = run(["brief", str(bundle)], capsys)

    assert code == 2 and lines == []
    assert "article 'zeitung' is not in English (it reads as 'de')" in err
