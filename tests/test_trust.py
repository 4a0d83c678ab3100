"""The labelled page junk of the dev clusters: the screens leave it out of every brief's candidates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.faithfulness import BENCHMARK
from evaluation.trust import PAGE_JUNK, _span, junk_labels, screened_out
from summarizer.pipeline import Summarizer
from summarizer.types import Article, Brief, Citation, Span

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval"


def test_the_junk_labels_hold_offsets_not_text() -> None:
    for line in (BENCHMARK / "junk.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"id", "cluster", "article", "start", "end", "sha", "kind", "junk"}


def test_the_screens_leave_out_every_labelled_page_junk(summarizer: Summarizer) -> None:
    """Measured: all 364 labelled junk sentences left out; 14 of the 14 sentences labelled news
    that address the reader in passing are left out too (the price of the reader-address screen)."""
    if not (DATA / "multinews_dev.jsonl").is_file():
        pytest.skip(f"no evaluation data at {DATA}: it lives beside the repository, not in it")
    labels = junk_labels(DATA)
    screened = screened_out(DATA, labels, summarizer)
    junk = [x for x in labels if x.junk]
    assert {x.kind for x in junk} >= set(PAGE_JUNK)
    assert [x.id for x in junk if not screened[x.id]] == []


def test_a_notes_version_is_shown_in_the_sentence_that_holds_it() -> None:
    text = "Nine people, including two children, were hurt.\nThe blast shook the street. Police said so."
    article = Article(id="a1", text=text, body=(Span(0, 48), Span(49, len(text))))
    brief = Brief(sentences=(), articles=(article,))
    start = text.index("two children")
    shown = _span(brief, Citation("a1", start, start + len("two children")))
    assert shown.endswith(": Nine people, including two children, were hurt.")
