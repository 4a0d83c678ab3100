"""Every dependency the routes take, in one place: the summariser, admission, the cache, keys, JSON.

Dependencies are `async def` so that they run on the event loop: a health check must not queue
behind worker threads that are busy writing briefs.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Annotated

import anyio
from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from service import metrics
from service.admission import Admission
from service.auth import API_KEY_HEADER, check_key, given_key
from service.cache import BriefCache
from service.links import LinkRules
from service.settings import ServiceSettings
from summarizer.generate import quiet_progress_bars
from summarizer.pipeline import Summarizer

log = logging.getLogger(__name__)

RETRY_AFTER_S = "5"  # a MiniLM load takes a few seconds

_API_KEY_SCHEME = APIKeyHeader(
    name=API_KEY_HEADER,
    auto_error=False,
    scheme_name="ApiKey",
    description="One of the keys in SUMMARIZER_API_KEYS (when that is set).",
)
_BEARER_SCHEME = HTTPBearer(
    auto_error=False, scheme_name="Bearer", description="The same key as a bearer token (the Slack app)."
)


@dataclass
class SummarizerSlot:
    """The process's one Summarizer: empty while it loads, with the reason if loading failed."""

    summarizer: Summarizer | None = None
    failure: str | None = None

    async def load(self, settings: ServiceSettings) -> None:
        if settings.log_format == "json":
            quiet_progress_bars()
        started = time.perf_counter()
        try:
            # abandon_on_cancel: a shutdown during the load must not wait for the model.
            self.summarizer = await anyio.to_thread.run_sync(Summarizer, settings, abandon_on_cancel=True)
        except Exception as error:  # the process stays up so that /readyz can say why it is not ready
            log.exception("the summariser failed to load")
            self.failure = f"the summariser failed to load ({type(error).__name__}); see the service log"
            return
        seconds = time.perf_counter() - started
        metrics.LOAD_SECONDS.set(seconds)
        log.info("summariser loaded in %.1f s", seconds, extra={"fields": {"load_s": round(seconds, 2)}})
        record_loaded(self.summarizer)

    def close(self) -> None:
        """Release the summariser's backend; a later start of the same app loads it again."""
        if self.summarizer is not None:
            self.summarizer.close()
            self.summarizer = None


def record_loaded(summarizer: Summarizer) -> None:
    """The loaded embedder and model, the model's load time, and whether it serves degraded, as metrics."""
    generator = summarizer.generator
    metrics.LOADED.labels(summarizer.embedder.name, generator.name if generator else "none").set(1)
    if generator is not None:
        metrics.MODEL_LOAD_SECONDS.set(generator.load_seconds)
    metrics.DEGRADED.set(1 if degraded(summarizer) else 0)
    if embedder_fell_back(summarizer):
        log.warning("MiniLM is unavailable: briefs use the TF-IDF embedder (flagged: embedder 'tfidf')")


def degraded(summarizer: Summarizer) -> list[str]:
    """What the summariser was configured with but could not load: 'generation_model', 'embedder'."""
    lacking = ["generation_model"] if summarizer.generator_error is not None else []
    return lacking + (["embedder"] if embedder_fell_back(summarizer) else [])


async def get_ready_without_model(request: Request) -> bool:
    return bool(request.app.state.ready_without_model)


def embedder_fell_back(summarizer: Summarizer) -> bool:
    """MiniLM was asked for but could not load, so the TF-IDF fallback serves."""
    return summarizer.settings.embedder == "minilm" and summarizer.embedder.name == "tfidf"


async def get_slot(request: Request) -> SummarizerSlot:
    slot: SummarizerSlot = request.app.state.summarizer_slot
    return slot


async def get_summarizer(slot: Annotated[SummarizerSlot, Depends(get_slot)]) -> Summarizer:
    if slot.summarizer is None:
        if slot.failure is not None:
            raise HTTPException(status.HTTP_503_SERVICE_UNAVAILABLE, detail=slot.failure)
        raise HTTPException(
            status.HTTP_503_SERVICE_UNAVAILABLE,
            detail="the summariser is still loading; retry shortly",
            headers={"Retry-After": RETRY_AFTER_S},
        )
    return slot.summarizer


async def get_admission(request: Request) -> Admission:
    admission: Admission = request.app.state.admission
    return admission


async def get_cache(request: Request) -> BriefCache:
    cache: BriefCache = request.app.state.brief_cache
    return cache


async def get_link_rules(request: Request) -> LinkRules:
    rules: LinkRules = request.app.state.link_rules
    return rules


async def require_json(request: Request) -> None:
    """Refuse a body that is not declared as JSON (FastAPI would report it as a missing object)."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type != "application/json" and not media_type.endswith("+json"):
        declared = f"'{media_type}'" if media_type else "no Content-Type"
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            detail=[
                {
                    "loc": ["header", "content-type"],
                    "msg": f"the body must be JSON sent as 'application/json'; the request has {declared}",
                }
            ],
        )


async def require_api_key(
    request: Request,
    # Declared so that OpenAPI (and Swagger UI's Authorize button) shows both ways to send a key.
    api_key: Annotated[str | None, Security(_API_KEY_SCHEME)],
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_BEARER_SCHEME)],
) -> None:
    check_key(request.app.state.api_keys, given_key(request))


async def require_metrics_access(request: Request) -> None:
    """/metrics is open unless `SUMMARIZER_METRICS_PUBLIC=false`; then it takes an API key too."""
    if not request.app.state.metrics_public:
        check_key(request.app.state.api_keys, given_key(request))
