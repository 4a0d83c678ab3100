"""The endpoints, thin: each reads its dependencies and hands the work to the library or a helper."""

from __future__ import annotations

import json
import logging
import time
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, Request, Response, status
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, PlainTextResponse, RedirectResponse
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest
from pydantic import BaseModel, Field

from service import metrics
from service.admission import Admission
from service.cache import CACHE_HEADER, BriefCache, Written, brief_key
from service.deps import (
    RETRY_AFTER_S,
    SummarizerSlot,
    degraded,
    embedder_fell_back,
    get_admission,
    get_cache,
    get_link_rules,
    get_ready_without_model,
    get_slot,
    get_summarizer,
    require_api_key,
    require_json,
    require_metrics_access,
)
from service.errors import ErrorOut
from service.links import LinkRules, fetch_bundle
from service.observe import RECEIVED_AT
from service.strict_json import StrictJSONRoute
from summarizer.limits import (
    MAX_ARTICLE_CHARS,
    MAX_ARTICLES,
    MAX_BRIEF_WORDS,
    MAX_BUDGET_S,
    MAX_BUNDLE_CHARS,
    MAX_SENTENCE_CHARS,
    MIN_ARTICLES,
    MIN_BRIEF_WORDS,
)
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE, BriefOut, BundleIn

log = logging.getLogger(__name__)

router = APIRouter()
# Everything under /v1 takes an API key when keys are configured.
v1 = APIRouter(dependencies=[Depends(require_api_key)], route_class=StrictJSONRoute)

_RETRY_AFTER = {
    "Retry-After": {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}
}
# Also in BundleIn's JSON schema; Swagger UI pre-fills the request body from these.
_EXAMPLES = {"ferry": {"summary": "Two outlets report one council vote", "value": EXAMPLE_BUNDLE}}


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class LimitsOut(BaseModel):
    min_articles: int
    max_articles: int
    max_article_chars: int
    max_bundle_chars: int
    min_words: int = Field(description="The shortest brief a request may ask for (`max_words`).")
    max_words: int
    default_words: int = Field(description="The length of a brief when a request gives no `max_words`.")
    max_budget_s: float
    default_budget_s: float
    max_sentence_chars: int = Field(description="The longest sentence a brief carries.")


class InfoOut(BaseModel):
    version: str = Field(description="The service's version.")
    model: str = Field(description="The generative model setting ('none': extractive briefs only).")
    model_loaded: str | None = Field(description="The model actually loaded; null when none is.")
    embedder: str
    device: str | None = Field(description="Where the generative model runs: 'cpu', 'cuda:0', ...")
    offsets: Literal["code points"] = Field(
        "code points", description="The unit of every `start`/`end`: Unicode code points, as Python counts."
    )
    limits: LimitsOut


class ReadinessOut(BaseModel):
    status: Literal["ready", "degraded", "loading", "failed", "draining"] = Field(
        description="'degraded': ready, with less than configured (`degraded` says what)."
    )
    detail: str
    model: str | None = Field(None, description="The generation model loaded; null when none is.")
    degraded: list[str] = Field(
        default_factory=list,
        description="What the service briefs without: 'generation_model' (briefs are extractive), "
        "'embedder' (TF-IDF vectors stand in for MiniLM's).",
    )


def _error(
    description: str, loc: list[str | int], msg: str, kind: str, retry: bool = False
) -> dict[str, Any]:
    """A documented error status: its schema (the one error shape) and an example of its body."""
    example = {"detail": [{"loc": loc, "msg": msg, "type": kind}]}
    answer: dict[str, Any] = {
        "model": ErrorOut,
        "description": description,
        "content": {"application/json": {"example": example}},
    }
    return {**answer, "headers": _RETRY_AFTER} if retry else answer


# A real brief of the contract's example bundle (`EXAMPLE_BUNDLE`, the docs' request example),
# written by `summarizer brief` on the packaged model: the docs' 200 example.
BRIEF_EXAMPLE: dict[str, Any] = json.loads(
    (Path(__file__).parent / "brief_example.json").read_text(encoding="utf-8")
)


@v1.post(
    "/v1/briefs",
    summary="Write a cited brief of a bundle of articles",
    operation_id="write_brief",
    tags=["briefs"],
    dependencies=[Depends(require_json)],
    responses={
        200: {"content": {"application/json": {"example": BRIEF_EXAMPLE}}},
        400: _error(
            "The body is not valid JSON.",
            ["body", 14],
            "the body is not valid JSON: Expecting ',' delimiter (at character 14)",
            "json_invalid",
        ),
        401: _error(
            "API keys are configured and the request has none.",
            [],
            "an API key is required: send it in the X-API-Key header",
            "unauthorized",
        ),
        403: _error("The API key is not valid.", [], "the API key is not valid", "forbidden"),
        413: _error(
            "The body is larger than the limit (`SUMMARIZER_MAX_BODY_BYTES`, 2 MiB).",
            ["body"],
            "the body is larger than 2097152 bytes",
            "body_too_large",
        ),
        415: _error(
            "The body is not declared as `application/json`.",
            ["header", "content-type"],
            "the body must be JSON sent as 'application/json'; the request has 'text/plain'",
            "unsupported_media_type",
        ),
        422: _error(
            "The bundle breaks the contract: the field and the rule.",
            ["body", "articles"],
            "List should have at least 2 items",
            "too_short",
        ),
        429: _error(
            "Too many briefs waiting already; retry later.",
            [],
            "too many briefs are waiting; retry after the Retry-After seconds",
            "too_many_requests",
            retry=True,
        ),
        503: _error(
            "The summariser is not loaded (yet), no worker was free in time, or the service is shutting down.",
            [],
            "the summariser is still loading; retry shortly",
            "service_unavailable",
            retry=True,
        ),
    },
)
async def write_brief(
    bundle: Annotated[BundleIn, Body(openapi_examples=_EXAMPLES)],
    summarizer: Annotated[Summarizer, Depends(get_summarizer)],
    admission: Annotated[Admission, Depends(get_admission)],
    cache: Annotated[BriefCache, Depends(get_cache)],
    link_rules: Annotated[LinkRules, Depends(get_link_rules)],
    request: Request,
    response: Response,
) -> BriefOut:
    """Every brief sentence cites the articles that report it, with character offsets into their text.

    The same bundle posted again is answered from a cache (header `X-Brief-Cache: hit`). A brief
    waits for a worker in a bounded queue (429 or 503 with `Retry-After` beyond it), and its
    generation is cut short to meet the request deadline: the rest is extractive, flagged
    `generation.budget_exhausted`.
    """
    received_at = request.scope.get(RECEIVED_AT, time.monotonic())
    fetched = await fetch_bundle(bundle, link_rules)
    brief_request = fetched.bundle.to_request(
        summarizer.settings, arrived=received_at, end_by=admission.end_by(received_at)
    )

    async def write() -> Written:
        async with admission.slot():
            if await request.is_disconnected():  # it left while waiting: spend no worker on it
                raise admission.refuse("client_gone", 499, "the client closed the connection")
            # CPU-bound: in a worker thread, so health checks and other requests keep flowing.
            brief = await admission.run(summarizer.brief, brief_request)
        generation = brief.generation
        metrics.count_brief(
            generation, deadline_cut=brief_request.cut, embedder_fallback=embedder_fell_back(summarizer)
        )
        if generation.fault is not None:  # the brief is extractive where the model did not get to it
            log.info("brief written around a fault", extra={"fields": {"fault": generation.fault.value}})
        return BriefOut.from_brief(brief), generation.fault is None

    # An identical request in flight is waited for as a worker would be: no longer than the queue's
    # wait or the deadline.
    wait_s = min(admission.queue_timeout_s, admission.end_by(received_at) - time.monotonic())
    try:
        out, source = await cache.brief(brief_key(brief_request, summarizer), write, wait_s)
    except TimeoutError:
        raise admission.waited_too_long() from None
    if source is not None:
        response.headers[CACHE_HEADER] = source
    out = fetched.answer(out)
    if bundle.offsets == "utf16":
        sent = {a.id: a.text for a in brief_request.articles if a.text is not None}
        out = out.in_utf16({s.id: s.text if s.text is not None else sent[s.id] for s in out.sources})
    return out


@v1.get(
    "/v1/info",
    summary="What this service runs and the limits it holds a bundle to",
    operation_id="info",
    tags=["briefs"],
)
async def info(summarizer: Annotated[Summarizer, Depends(get_summarizer)]) -> InfoOut:
    settings, generator = summarizer.settings, summarizer.generator
    return InfoOut(
        version=package_version("newsroom-summarizer"),
        model=settings.model,
        model_loaded=generator.name if generator is not None else None,
        embedder=summarizer.embedder.name,
        device=generator.device if generator is not None else None,
        limits=LimitsOut(
            min_articles=MIN_ARTICLES,
            max_articles=MAX_ARTICLES,
            max_article_chars=MAX_ARTICLE_CHARS,
            max_bundle_chars=MAX_BUNDLE_CHARS,
            min_words=MIN_BRIEF_WORDS,
            max_words=MAX_BRIEF_WORDS,
            default_words=settings.max_words,
            max_budget_s=MAX_BUDGET_S,
            default_budget_s=settings.generation_budget_s,
            max_sentence_chars=MAX_SENTENCE_CHARS,
        ),
    )


PAGE = Path(__file__).parent / "page"
DOCS_ASSETS = Path(__file__).parent / "docs_assets"  # Swagger UI and ReDoc, vendored: docs offline


@router.get("/docs", include_in_schema=False)
async def swagger_ui(request: Request) -> HTMLResponse:
    return get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title}: API",
        swagger_js_url="/docs-assets/swagger-ui-bundle.js",
        swagger_css_url="/docs-assets/swagger-ui.css",
        swagger_favicon_url="/docs-assets/favicon-32x32.png",
    )


@router.get("/redoc", include_in_schema=False)
async def redoc(request: Request) -> HTMLResponse:
    return get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=f"{request.app.title}: API",
        redoc_js_url="/docs-assets/redoc.standalone.js",
        redoc_favicon_url="/docs-assets/favicon-32x32.png",
        with_google_fonts=False,
    )


@router.get("/", include_in_schema=False)
async def home() -> RedirectResponse:
    return RedirectResponse("/ui")


@router.get("/ui", include_in_schema=False)
async def page() -> FileResponse:
    """The editors' page: it calls the public API from the browser, nothing else."""
    return FileResponse(PAGE / "index.html", media_type="text/html")


@router.head("/healthz", include_in_schema=False)  # a probe that asks with HEAD gets its 200
@router.get("/healthz", summary="Liveness: the process is up", operation_id="healthz", tags=["operations"])
async def healthz() -> HealthOut:
    return HealthOut()


@router.head("/readyz", include_in_schema=False)
@router.get(
    "/readyz",
    summary="Readiness: the summariser is loaded, and with what",
    operation_id="readyz",
    tags=["operations"],
    responses={
        503: {"model": ReadinessOut, "description": "Still loading, the load failed, or shutting down."}
    },
)
async def readyz(
    slot: Annotated[SummarizerSlot, Depends(get_slot)],
    admission: Annotated[Admission, Depends(get_admission)],
    ready_without_model: Annotated[bool, Depends(get_ready_without_model)],
    response: Response,
) -> ReadinessOut:
    if admission.draining:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return ReadinessOut(status="draining", detail="shutting down: finishing the briefs in flight")
    summarizer = slot.summarizer
    if summarizer is not None:
        generator = summarizer.generator
        model = generator.name if generator is not None else None
        lacking = degraded(summarizer)
        detail = f"embedder {summarizer.embedder.name}, model {model or 'none'}"
        if "embedder" in lacking:
            detail += "; MiniLM could not be loaded: TF-IDF vectors stand in"
        if "generation_model" in lacking:
            detail += f"; {summarizer.generator_error}: briefs are extractive"
            if not ready_without_model:
                response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
                return ReadinessOut(status="failed", detail=detail, model=model, degraded=lacking)
        return ReadinessOut(
            status="degraded" if lacking else "ready", detail=detail, model=model, degraded=lacking
        )
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    if slot.failure is not None:
        return ReadinessOut(status="failed", detail=slot.failure)
    response.headers["Retry-After"] = RETRY_AFTER_S
    return ReadinessOut(status="loading", detail="the summariser is loading its models")


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    operation_id="metrics",
    tags=["operations"],
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
