"""All configuration in one object, read from `SUMMARIZER_*` environment variables."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.limits import MAX_BRIEF_WORDS, MIN_BRIEF_WORDS


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="ignore")

    max_words: int = Field(
        120,
        ge=MIN_BRIEF_WORDS,
        le=MAX_BRIEF_WORDS,
        description="Length of a brief, in words, when a request does not give one.",
    )
    embedder: Literal["minilm", "tfidf"] = Field(
        "minilm", description="Sentence vectors: packaged MiniLM, or TF-IDF (also the automatic fallback)."
    )
    model: str = Field(
        "smollm2",
        description="Generative model that rewrites brief sentences shorter: 'smollm2' (packaged default), "
        "a local Hugging Face model directory (causal or seq2seq), a hub model id (needs network), or "
        "'none' for extractive briefs.",
    )
    device: str = Field(
        "auto",
        description="Where the models (embedder and generator) run: 'auto' (CUDA when available, else "
        "CPU), 'cpu', or 'cuda[:N]'.",
    )
    vector_cache_entries: int = Field(
        20_000,
        ge=0,
        description="Sentence vectors kept between briefs, by text (about 1.5 kB each for MiniLM): a "
        "retried bundle, an agency story in several bundles or one bundle at two lengths is encoded "
        "once. 0 keeps none.",
    )
    encode_window_ms: float = Field(
        0.0,
        ge=0,
        le=100,
        description="How long a brief's sentence encoding waits for other briefs' to encode them together "
        "in one batch; 0 (the default) encodes each brief's on its own.",
    )
    concurrency: int = Field(
        2,
        ge=1,
        le=64,
        description="Briefs written at once (in the service, each in a worker thread of its own, not "
        "Starlette's shared pool); their model work shares the usable cores, and the in-process model "
        "drafts for one of them at a time.",
    )
    threads: int = Field(
        0,
        ge=0,
        description="torch's intra-op threads for every model call (the embedder's and the model's kernels); "
        "0: lent per call from the CPUs the process may use (its affinity capped by its cgroup's CPU quota; "
        "torch alone would count the host's cores), so that calls running at once never use more threads "
        "than those CPUs: each brief its share of `concurrency`, and a brief written alone every CPU that "
        "other processes leave idle for a call of 512 rows or more.",
    )
    dtype: Literal["auto", "float32", "bfloat16", "float16", "int8"] = Field(
        "auto",
        description="Precision of the models' weights (embedder, and generator in this process): 'auto' is bfloat16 on CUDA and on CPUs with native bfloat16 (AVX-512 BF16 or AMX), "
        "else float32, with the packaged model's reader in 8-bit integers; 'int8' asks for that reader "
        "on any CPU (other models, and the embedder, then run in float32).",
    )
    cache_dir: Path = Field(
        default_factory=lambda: _user_cache(),
        description="Where the prepared default model is kept: by default the user's cache folder "
        "($XDG_CACHE_HOME, else ~/.cache)/newsroom-summarizer, so a run from any folder reuses it.",
    )
    generation_budget_s: float = Field(
        15.0, gt=0, description="Time a brief may spend generating; past it, the rest is extractive."
    )
    max_new_tokens: int = Field(56, ge=8, le=512, description="Longest rewritten sentence, in tokens.")
    drafts: Literal["auto", "on", "off"] = Field(
        "auto",
        description="Whether the model also writes a shorter draft of each candidate fact's best "
        "sentence: a draft verification accepts is one more wording the brief may choose, taken where "
        "the room it frees buys more than the outlet's own words. 'auto' is on for any model but the packaged "
        "SmolLM2-135M on a backend that judges fluency (transformers), whose drafts pass verification "
        "only as deletions that condensing already offers (docs/decisions.md).",
    )
    backend: Literal["transformers", "llama-cpp", "openai"] = Field(
        "transformers",
        description="Where the model runs: 'transformers' (in this process; the packaged model, unless it "
        "drafts, on torch's own layers without importing transformers), 'llama-cpp' (the "
        "packaged GGUF, or the .gguf file SUMMARIZER_MODEL names, in this process through the optional "
        "llama-cpp-python extra: less memory, and one prompt decodes faster, though prompts run one at "
        "a time), or 'openai' (an OpenAI-compatible server such as vLLM or llama.cpp's llama-server; "
        "verification stays here).",
    )
    openai_base_url: str | None = Field(
        None,
        description="The OpenAI-compatible server, e.g. 'http://vllm:8000/v1' ('/v1' is added when missing).",
    )
    openai_api_key: SecretStr | None = Field(
        None, description="Sent to the OpenAI-compatible server as a bearer token; never logged."
    )
    openai_model: str | None = Field(
        None,
        description="The model name the OpenAI-compatible server serves (required with backend 'openai').",
    )
    openai_endpoint: Literal["chat", "completions"] = Field(
        "chat",
        description="'chat' posts to /v1/chat/completions (the server applies the chat template); "
        "'completions' posts a plain-text prompt to /v1/completions.",
    )
    openai_concurrency: int = Field(
        8,
        ge=1,
        le=64,
        description="Requests this process keeps in flight at once to the OpenAI-compatible "
        "server (a brief sends one per fact; the rest queue).",
    )


def _user_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "newsroom-summarizer"
