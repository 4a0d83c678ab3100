"""All configuration in one object, read from `SUMMARIZER_*` environment variables."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SUMMARIZER_", extra="ignore")

    max_words: int = Field(120, ge=1, description="Default length of a brief, in words.")
    embedder: Literal["minilm", "tfidf"] = Field(
        "minilm", description="Sentence vectors: packaged MiniLM, or TF-IDF (also the automatic fallback)."
    )
