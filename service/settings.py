"""The service's configuration: the pipeline's settings, read from the same `SUMMARIZER_*` variables."""

from __future__ import annotations

from functools import lru_cache

from summarizer.settings import Settings


class ServiceSettings(Settings):
    """Everything the service reads from the environment; service-only options belong here."""


@lru_cache(maxsize=1)
def get_settings() -> ServiceSettings:
    """The process's settings, read once (environment variables do not change while it runs)."""
    return ServiceSettings()
