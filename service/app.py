"""The HTTP API: `POST /v1/briefs` turns a bundle of articles into a short brief that cites its sources.

One `Summarizer` serves the whole process. It loads in a worker thread after startup, so
`/healthz` answers at once and `/readyz` tells a load balancer when briefs can be served.
Every client error is a JSON `detail` list whose items name the field (`loc`) and the rule
it broke (`msg`); a bad request never produces a 500.

Run it with `uvicorn service.app:app`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from pydantic import BaseModel

from service import metrics
from service.admission import Admission, drain_on_signals
from service.auth import ApiKeys, require_api_key, require_metrics_access
from service.cache import CACHE_HEADER, BriefCache, brief_key
from service.limits import BodySizeLimit
from service.logs import (
    REQUEST_ID_HEADER,
    configure_logging,
    json_uvicorn_logs,
    quiet_progress_bars,
    request_id,
)
from service.observe import RECEIVED_AT, ObserveRequests
from service.settings import ServiceSettings, get_settings
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE, BriefOut, BundleIn

log = logging.getLogger(__name__)

_RETRY_AFTER_S = "5"  # a MiniLM load takes a few seconds


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


def record_loaded(summarizer: Summarizer) -> None:
    """The loaded embedder and model, and the model's load time, as metrics."""
    generator = summarizer.generator
    metrics.LOADED.labels(summarizer.embedder.name, generator.name if generator else "none").set(1)
    model_seconds = getattr(generator, "load_seconds", None)
    if isinstance(model_seconds, float):
        metrics.MODEL_LOAD_SECONDS.set(model_seconds)
    if embedder_fell_back(summarizer):
        log.warning("MiniLM is unavailable: briefs use the TF-IDF embedder (flagged: embedder 'tfidf')")


def embedder_fell_back(summarizer: Summarizer) -> bool:
    """MiniLM was asked for but could not load, so the TF-IDF fallback serves."""
    return summarizer.settings.embedder == "minilm" and summarizer.embedder.name == "tfidf"


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class ReadinessOut(BaseModel):
    status: Literal["ready", "loading", "failed", "draining"]
    detail: str


# Dependencies are `async def` so that they run on the event loop: a health check must not
# queue behind worker threads that are busy writing briefs.


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
            headers={"Retry-After": _RETRY_AFTER_S},
        )
    return slot.summarizer


async def get_admission(request: Request) -> Admission:
    admission: Admission = request.app.state.admission
    return admission


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


router = APIRouter()
# Everything under /v1 takes an API key when keys are configured.
v1 = APIRouter(dependencies=[Depends(require_api_key)])

_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}
}

# Also in BundleIn's JSON schema; Swagger UI pre-fills the request body from these.
_EXAMPLES = {"ferry": {"summary": "Two outlets report one council vote", "value": EXAMPLE_BUNDLE}}


@v1.post(
    "/v1/briefs",
    summary="Write a cited brief of a bundle of articles",
    dependencies=[Depends(require_json)],
    responses={
        400: {"description": "The body is not valid JSON."},
        401: {"description": "API keys are configured and the request has none."},
        403: {"description": "The API key is not valid."},
        413: {"description": "The body is larger than the limit (`SUMMARIZER_MAX_BODY_BYTES`, 2 MiB)."},
        415: {"description": "The body is not declared as `application/json`."},
        429: {"description": "Too many briefs waiting already; retry later.", "headers": _RETRY_AFTER},
        503: {
            "description": "The summariser is not loaded (yet), no worker was free in time, or the "
            "service is shutting down.",
            "headers": _RETRY_AFTER,
        },
    },
)
async def write_brief(
    bundle: Annotated[BundleIn, Body(openapi_examples=_EXAMPLES)],
    summarizer: Annotated[Summarizer, Depends(get_summarizer)],
    admission: Annotated[Admission, Depends(get_admission)],
    request: Request,
    response: Response,
) -> BriefOut:
    """Every brief sentence cites the articles that report it, with character offsets into their text.

    The same bundle posted again is answered from a cache (header `X-Brief-Cache: hit`). A brief
    waits for a worker in a bounded queue (429 or 503 with `Retry-After` beyond it), and its
    generation is cut short to meet the request deadline: the rest is extractive, flagged
    `generation.budget_exhausted`.
    """

    async def write() -> BriefOut:
        async with admission.slot():
            if await request.is_disconnected():  # it left while waiting: spend no worker on it
                raise admission.refuse("client_gone", 499, "the client closed the connection")
            budget = admission.budget(
                bundle.budget_s, summarizer.settings.generation_budget_s, request.scope.get(RECEIVED_AT)
            )
            # CPU-bound: in a worker thread, so health checks and other requests keep flowing.
            brief = await admission.run(
                summarizer.brief, bundle.to_inputs(), bundle.max_words, budget.seconds
            )
        out = BriefOut.from_brief(brief)
        metrics.count_brief(out, deadline_cut=budget.cut, embedder_fallback=embedder_fell_back(summarizer))
        return out

    cache: BriefCache = request.app.state.brief_cache
    out, source = await cache.brief(brief_key(bundle, summarizer), write)
    if source is not None:
        response.headers[CACHE_HEADER] = source
    return out


@router.get("/healthz", summary="Liveness: the process is up")
async def healthz() -> HealthOut:
    return HealthOut()


@router.get(
    "/readyz",
    summary="Readiness: the summariser is loaded",
    responses={
        503: {"model": ReadinessOut, "description": "Still loading, the load failed, or shutting down."}
    },
)
async def readyz(
    slot: Annotated[SummarizerSlot, Depends(get_slot)],
    admission: Annotated[Admission, Depends(get_admission)],
    response: Response,
) -> ReadinessOut:
    if admission.draining:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return ReadinessOut(status="draining", detail="shutting down: finishing the briefs in flight")
    if slot.summarizer is not None:
        detail = f"embedder {slot.summarizer.embedder.name}"
        if embedder_fell_back(slot.summarizer):
            detail += " (fallback: MiniLM could not be loaded)"
        return ReadinessOut(status="ready", detail=detail)
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    if slot.failure is not None:
        return ReadinessOut(status="failed", detail=slot.failure)
    response.headers["Retry-After"] = _RETRY_AFTER_S
    return ReadinessOut(status="loading", detail="the summariser is loading its models")


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=PlainTextResponse,
    dependencies=[Depends(require_metrics_access)],
    responses={
        200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "The Prometheus text format."},
        401: {"description": "`SUMMARIZER_METRICS_PUBLIC=false` and the request has no API key."},
        403: {"description": "`SUMMARIZER_METRICS_PUBLIC=false` and the API key is not valid."},
    },
)
async def metrics_endpoint() -> Response:
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
    """400 for a body that is not JSON; 422, naming field and rule, for one that breaks the contract."""
    errors = exc.errors()
    for error in errors:
        if error["type"] == "json_invalid":
            return JSONResponse(
                status_code=status.HTTP_400_BAD_REQUEST,
                content={
                    "detail": [
                        {
                            "type": "json_invalid",
                            "loc": list(error["loc"]),
                            "msg": f"the body is not valid JSON: {error['ctx']['error']} "
                            f"(at character {error['loc'][-1]})",
                        }
                    ]
                },
            )
    # FastAPI's usual list, less `input`: it would echo up to megabytes of article text back.
    detail = [{key: value for key, value in error.items() if key != "input"} for error in errors]
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": jsonable_encoder(detail)}
    )


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The server logs the traceback; the client gets no internals, only the id to find it by.
    rid = request_id()
    return JSONResponse(
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        content={"detail": "internal error while writing the brief; it has been logged"},
        headers={REQUEST_ID_HEADER: rid} if rid is not None else None,
    )


def create_app(summarizer: Summarizer | None = None, settings: ServiceSettings | None = None) -> FastAPI:
    """The service; pass a loaded `summarizer` to skip loading (tests), or `settings` to load with."""
    service_settings = settings or get_settings()
    if service_settings.log_format == "json":
        json_uvicorn_logs()
    slot = SummarizerSlot(summarizer)
    if summarizer is not None:
        record_loaded(summarizer)
    api_keys = ApiKeys.parse(
        service_settings.api_keys.get_secret_value() if service_settings.api_keys else None
    )
    admission = Admission(
        service_settings.concurrency,
        service_settings.queue_size,
        service_settings.queue_timeout_s,
        service_settings.request_deadline_s,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Here, not at import: a process that set up logging itself (a test runner) keeps its own.
        configure_logging(service_settings.log_level, service_settings.log_format)
        if api_keys.open:
            log.warning(
                "no API keys configured (SUMMARIZER_API_KEYS): /v1/* is open to anyone who can reach it"
            )
        else:
            log.info("/v1/* requires an API key (%d configured)", len(api_keys))
        admission.open()
        with drain_on_signals(admission):  # SIGTERM: /readyz turns 503 and new briefs are refused
            async with anyio.create_task_group() as background:
                if slot.summarizer is None:
                    background.start_soon(slot.load, service_settings)
                yield
                admission.begin_draining()
                if not await admission.drained(service_settings.shutdown_grace_s):
                    log.warning(
                        "shutting down with briefs still in flight after %g s",
                        service_settings.shutdown_grace_s,
                    )
                background.cancel_scope.cancel()

    app = FastAPI(
        title="Newsroom summariser",
        summary="A short, neutral brief of what several outlets report about one event, all of it cited.",
        lifespan=lifespan,
        exception_handlers={RequestValidationError: invalid_request, Exception: unexpected_error},
    )
    app.state.summarizer_slot = slot
    app.state.admission = admission
    app.state.api_keys = api_keys
    app.state.metrics_public = service_settings.metrics_public
    app.include_router(v1)
    app.include_router(router)
    # Outermost last: every request gets an id and is counted, the 413s included.
    app.add_middleware(BodySizeLimit, max_bytes=service_settings.max_body_bytes)
    app.add_middleware(ObserveRequests)
    app.state.brief_cache = BriefCache(service_settings.brief_cache_entries)
    if service_settings.slack_signing_secret is not None:
        # Imported here: a service without Slack does not load Bolt. The Slack app is a client of
        # /v1/briefs over HTTP, served from this process.
        from service.slack import mount_slack

        mount_slack(app, service_settings)
    return app


app = create_app()
