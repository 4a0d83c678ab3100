"""The OpenAI-compatible backend against a fake server on 127.0.0.1: rewritten briefs, faults, deadlines.

Whatever the server does, the brief comes back: verified rewritten sentences when it answers well,
source sentences with the reason flagged when it fails or is too slow. Offline; no timing asserts.
"""

from __future__ import annotations

import logging
import socket
import time
from collections.abc import Iterator
from typing import Any

import pytest

from summarizer.errors import BackendHTTPError, BackendMalformedAnswer, BackendUnavailable
from summarizer.generate import load_generator
from summarizer.generate.openai_compatible import OpenAICompatibleGenerator, api_root
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest, Deadline
from summarizer.settings import Settings
from summarizer.types import ArticleInput, Brief, Fault, Method
from tests.openai_fake import FakeOpenAI, fake_openai_server

API_KEY = "sk-test-not-a-real-key"
MODEL = "fake-smollm2"


@pytest.fixture
def server() -> Iterator[FakeOpenAI]:
    with fake_openai_server() as fake:
        yield fake


def remote(summarizer: Summarizer, base_url: str, **overrides: Any) -> Summarizer:
    settings = Settings(
        backend="openai",
        openai_base_url=base_url,
        openai_model=MODEL,
        openai_api_key=API_KEY,
        **overrides,
    )
    return Summarizer(settings, embedder=summarizer.embedder)


def brief_of(summarizer: Summarizer, bundle: dict[str, Any], budget_s: float | None = None) -> Brief:
    inputs = [ArticleInput(id=a["id"], text=a["text"]) for a in bundle["articles"]]
    request = BriefRequest.start(
        inputs, summarizer.settings, max_words=bundle["max_words"], budget_s=budget_s
    )
    return summarizer.brief(request)


def assert_flagged_extractive(brief: Brief) -> None:
    assert brief.sentences, "a failing backend must still give a brief"
    assert all(s.method is Method.EXTRACTED for s in brief.sentences)
    assert brief.generation.rewritten == 0


@pytest.mark.parametrize("endpoint", ["chat", "completions"])
def test_drafts_from_the_server_are_verified_and_rewritten(
    summarizer: Summarizer, server: FakeOpenAI, example_bundle: dict[str, Any], endpoint: str
) -> None:
    rewriting = remote(summarizer, server.url, openai_endpoint=endpoint)
    assert isinstance(rewriting.generator, OpenAICompatibleGenerator)

    # Room for more facts than the example's 80 words: which facts fill those is a near tie, and
    # not every fact's sentence has an aside the fake server's drafts may drop.
    brief = brief_of(rewriting, {**example_bundle, "max_words": 150})

    assert brief.generation.model == MODEL and brief.generation.device == "remote"
    assert brief.generation.fault is None
    assert brief.generation.rewritten == sum(s.method is Method.REWRITTEN for s in brief.sentences) > 0
    for sentence, fact in zip(brief.sentences, brief.facts, strict=True):
        cited = {(c.article_id, c.start, c.end) for c in sentence.citations}
        own = fact.representative
        assert (own.article_id, own.start, own.end) in cited  # citations come from sources, never the model
    # One request per fact prompt, greedy, bounded, to the configured endpoint.
    assert server.received
    for request in server.received:
        assert request.path == f"/v1/{'chat/completions' if endpoint == 'chat' else 'completions'}"
        assert request.body["model"] == MODEL
        assert request.body["temperature"] == 0
        assert request.body["max_tokens"] == rewriting.settings.max_new_tokens
        if endpoint == "chat":
            assert [m["role"] for m in request.body["messages"]] == ["system", "user", "assistant", "user"]
        else:
            assert "<source>" in request.body["prompt"]


def test_the_api_key_is_sent_as_a_bearer_token_and_never_shown(
    summarizer: Summarizer,
    server: FakeOpenAI,
    example_bundle: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    rewriting = remote(summarizer, server.url + "/v1/")
    server.mode = "http-500"  # the error path logs a traceback: the key must not be in it

    brief_of(rewriting, example_bundle)

    assert {r.headers["Authorization"] for r in server.received} == {f"Bearer {API_KEY}"}
    assert API_KEY not in repr(rewriting.generator)
    assert API_KEY not in repr(rewriting.settings) and API_KEY not in rewriting.settings.model_dump_json()
    assert API_KEY not in caplog.text


def test_no_key_sends_no_authorization(summarizer: Summarizer, server: FakeOpenAI) -> None:
    generator = OpenAICompatibleGenerator(server.url, MODEL)
    try:
        sentence = "The ferry to Harlow Vale, which was built in 1890, sails at dawn."
        prompt = [{"role": "user", "content": f"<source>{sentence}</source>"}]
        [text] = generator.complete([prompt], 16, Deadline.after(10))  # type: ignore[list-item]
    finally:
        generator.close()
    assert text == "The ferry to Harlow Vale sails at dawn."
    assert "Authorization" not in server.received[0].headers


def test_an_http_error_gives_a_flagged_extractive_brief(
    summarizer: Summarizer, server: FakeOpenAI, example_bundle: dict[str, Any]
) -> None:
    server.mode = "http-500"
    brief = brief_of(remote(summarizer, server.url), example_bundle)
    assert_flagged_extractive(brief)
    assert brief.generation.fault is Fault.MODEL_ERROR
    assert brief.generation.detail == "generation failed: BackendHTTPError"


@pytest.mark.parametrize("mode", ["not-json", "no-choices"])
def test_a_malformed_answer_gives_a_flagged_extractive_brief(
    summarizer: Summarizer, server: FakeOpenAI, example_bundle: dict[str, Any], mode: Any
) -> None:
    server.mode = mode
    brief = brief_of(remote(summarizer, server.url), example_bundle)
    assert_flagged_extractive(brief)
    assert brief.generation.fault is Fault.MODEL_ERROR
    assert brief.generation.detail == "generation failed: BackendMalformedAnswer"


def test_a_server_slower_than_the_budget_gives_a_flagged_extractive_brief(
    summarizer: Summarizer, server: FakeOpenAI, example_bundle: dict[str, Any]
) -> None:
    server.mode = "slow"
    brief = brief_of(remote(summarizer, server.url), example_bundle, budget_s=3)
    assert_flagged_extractive(brief)
    assert brief.generation.fault is Fault.BUDGET_EXHAUSTED  # too slow is running out of time, as in-process
    assert server.received, "the requests were sent (within the budget); their answers came too late"


def test_errors_say_what_the_server_did(server: FakeOpenAI) -> None:
    generator = OpenAICompatibleGenerator(server.url, MODEL)
    prompt = [{"role": "user", "content": "<source>One two three four.</source>"}]
    try:
        server.mode = "http-500"
        with pytest.raises(BackendHTTPError, match=r"HTTP 500: .*CUDA out of memory") as raised:
            generator.complete([prompt], 16, Deadline.after(10))  # type: ignore[list-item]
        assert raised.value.status_code == 500
        server.mode = "not-json"
        with pytest.raises(BackendMalformedAnswer, match="did not answer with a completion"):
            generator.complete([prompt], 16, Deadline.after(10))  # type: ignore[list-item]
    finally:
        generator.close()


def test_an_unreachable_server_raises_backend_unavailable() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    generator = OpenAICompatibleGenerator(f"http://127.0.0.1:{port}", MODEL)
    try:
        with pytest.raises(BackendUnavailable, match="cannot reach the generation server"):
            generator.complete([[{"role": "user", "content": "Hello"}]], 8, Deadline.after(10))
    finally:
        generator.close()


def test_the_openai_backend_without_url_or_model_briefs_extractively_and_says_why(
    summarizer: Summarizer, example_bundle: dict[str, Any]
) -> None:
    settings = Settings(backend="openai", openai_base_url=None, openai_model=None)
    with pytest.raises(ValueError, match="SUMMARIZER_OPENAI_BASE_URL and SUMMARIZER_OPENAI_MODEL"):
        load_generator(settings)
    brief = brief_of(Summarizer(settings, embedder=summarizer.embedder), example_bundle)
    assert_flagged_extractive(brief)
    assert brief.generation.fault is Fault.MODEL_UNAVAILABLE
    assert brief.generation.detail is not None and "SUMMARIZER_OPENAI_MODEL" in brief.generation.detail


def test_model_none_switches_generation_off_whatever_the_backend() -> None:
    assert (
        load_generator(Settings(model="none", backend="openai", openai_base_url="http://x", openai_model="m"))
        is None
    )


@pytest.mark.parametrize(
    ("given", "root"),
    [
        ("http://vllm:8000", "http://vllm:8000/v1"),
        ("http://vllm:8000/v1/", "http://vllm:8000/v1"),
        (" https://llm.example.org/proxy/v1 ", "https://llm.example.org/proxy/v1"),
    ],
)
def test_base_url_with_or_without_v1(given: str, root: str) -> None:
    assert api_root(given) == root


def test_settings_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in {
        "SUMMARIZER_BACKEND": "openai",
        "SUMMARIZER_OPENAI_BASE_URL": "http://vllm:8000/v1",
        "SUMMARIZER_OPENAI_API_KEY": API_KEY,
        "SUMMARIZER_OPENAI_MODEL": "HuggingFaceTB/SmolLM2-1.7B-Instruct",
        "SUMMARIZER_OPENAI_ENDPOINT": "completions",
    }.items():
        monkeypatch.setenv(name, value)
    settings = Settings()
    assert settings.backend == "openai" and settings.openai_endpoint == "completions"
    assert settings.openai_api_key is not None and settings.openai_api_key.get_secret_value() == API_KEY
    assert settings.openai_model == "HuggingFaceTB/SmolLM2-1.7B-Instruct"


PROMPT: Any = [
    {
        "role": "user",
        "content": "<source>The council approved the new ferry route on Tuesday, officials said.</source>",
    }
]


def test_an_answer_that_trickles_in_is_dropped_at_the_deadline_not_read_to_its_end(
    server: FakeOpenAI,
) -> None:
    """The deadline bounds the whole request: a server sending a byte a time is hung up on."""
    server.mode = "trickle"
    generator = OpenAICompatibleGenerator(server.url, "fake-model")

    texts = generator.complete([PROMPT], 40, Deadline.after(0.5))

    assert texts == [""]  # unfinished: the fact stays extractive
    assert server.dropped.wait(10), "the connection was left open"
    assert not server.release.is_set()  # the server was still sending
    generator.close()


def test_an_answer_of_megabytes_is_refused(server: FakeOpenAI) -> None:
    server.mode = "huge"
    generator = OpenAICompatibleGenerator(server.url, "fake-model")

    with pytest.raises(BackendMalformedAnswer, match="more than 262144 bytes"):
        generator.complete([PROMPT], 40, Deadline.after(30))
    generator.close()


def test_a_failing_server_is_not_asked_while_the_circuit_is_open_then_probed(server: FakeOpenAI) -> None:
    server.mode = "http-500"
    generator = OpenAICompatibleGenerator(server.url, "fake-model")
    generator.breaker.cooldown_s = 0.2

    for _ in range(generator.breaker.failures):
        with pytest.raises(BackendHTTPError):
            generator.complete([PROMPT], 40, Deadline.after(30))
    asked = len(server.received)
    with pytest.raises(BackendUnavailable, match="failed 5 times in a row"):
        generator.complete([PROMPT], 40, Deadline.after(30))
    assert len(server.received) == asked  # open: nothing sent

    server.mode = "ok"
    time.sleep(0.3)  # past the cooldown
    assert generator.complete([PROMPT], 40, Deadline.after(30))[0]  # the probe goes out, and closes it
    assert len(server.received) == asked + 1
    assert generator.complete([PROMPT], 40, Deadline.after(30))[0]
    generator.close()
