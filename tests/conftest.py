"""Shared fixtures: one real Summarizer for the whole session, an API client over it, the bundles."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from summarizer.folder import read_folder
from summarizer.generate import TextGenerator, load_generator
from summarizer.generate.reader import FluencyReader
from summarizer.pipeline import Summarizer
from summarizer.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLE_BUNDLE_FILE = ROOT / "examples" / "bundle.json"


@pytest.fixture(scope="session")
def summarizer() -> Summarizer:
    """Extractive (no generative model): the contract tests need no generation and run fast.

    The packaged MiniLM embedder loads offline in seconds; loaded once for every test.
    """
    return Summarizer(Settings(model="none"))


@pytest.fixture(scope="session")
def rewriting_summarizer(summarizer: Summarizer) -> Summarizer:
    """The packaged default model, which judges condensed wordings (prepared into the cache on
    first use, ~20 s), with the same embedder."""
    return Summarizer(Settings(model="smollm2"), embedder=summarizer.embedder)


@pytest.fixture(scope="session")
def float32_generator() -> TextGenerator:
    """The default model in float32 through transformers, drafting, for tests that two ways of
    running a prompt write the same.

    bfloat16 (the default on CPUs that compute in it) rounds differently with a batch's shape,
    which can flip a near-tie between two next words; float32 is exact enough to compare.
    """
    generator = load_generator(Settings(model="smollm2", dtype="float32", drafts="on"))
    assert generator is not None
    return generator


@pytest.fixture(scope="session")
def float32_reader() -> FluencyReader:
    """The default model in float32 as the service loads it by default: a reader of fluency."""
    reader = load_generator(Settings(model="smollm2", dtype="float32"))
    assert isinstance(reader, FluencyReader)
    return reader


@pytest.fixture(scope="session")
def client(summarizer: Summarizer) -> Iterator[TestClient]:
    with TestClient(create_app(summarizer=summarizer)) as client:
        yield client


@pytest.fixture(scope="session")
def seeds_folder() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"no canonical bundle at {SEEDS}: it lives beside the repository, not in it")
    return SEEDS


@pytest.fixture
def seeds_bundle(seeds_folder: Path) -> dict[str, Any]:
    return read_folder(seeds_folder)


@pytest.fixture
def example_bundle_file() -> Path:
    return EXAMPLE_BUNDLE_FILE


@pytest.fixture
def example_bundle(example_bundle_file: Path) -> dict[str, Any]:
    bundle: dict[str, Any] = json.loads(example_bundle_file.read_text(encoding="utf-8"))
    return bundle
