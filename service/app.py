"""The HTTP API: `POST /v1/briefs` turns a bundle of articles into a short brief that cites its sources.

One `Summarizer` serves the whole process. It loads in a worker thread after startup, so
`/healthz` answers at once and `/readyz` tells a load balancer when briefs can be served.
Every client error is a JSON `detail` list whose items name the field (`loc`) and the rule
it broke (`msg`); a bad request never produces a 500.

Run it with `uvicorn service.app:app`.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from service.cache import CACHE_HEADER, BriefCache, brief_key
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
        try:
            # abandon_on_cancel: a shutdown during the load must not wait for the model.
            self.summarizer = await anyio.to_thread.run_sync(Summarizer, settings, abandon_on_cancel=True)
        except Exception as error:  # the process stays up so that /readyz can say why it is not ready
            log.exception("the summariser failed to load")
            self.failure = f"the summariser failed to load ({type(error).__name__}); see the service log"


class HealthOut(BaseModel):
    status: Literal["ok"] = "ok"


class ReadinessOut(BaseModel):
    status: Literal["ready", "loading", "failed"]
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

# Also in BundleIn's JSON schema; Swagger UI pre-fills the request body from these.
_EXAMPLES = {"ferry": {"summary": "Two outlets report one council vote", "value": EXAMPLE_BUNDLE}}


@router.post(
    "/v1/briefs",
    summary="Write a cited brief of a bundle of articles",
    dependencies=[Depends(require_json)],
    responses={
        400: {"description": "The body is not valid JSON."},
        415: {"description": "The body is not declared as `application/json`."},
        503: {"description": "The summariser is not loaded (yet)."},
    },
)
async def write_brief(
    bundle: Annotated[BundleIn, Body(openapi_examples=_EXAMPLES)],
    summarizer: Annotated[Summarizer, Depends(get_summarizer)],
    request: Request,
    response: Response,
) -> BriefOut:
    """Every brief sentence cites the articles that report it, with character offsets into their text.

    The same bundle posted again is answered from a cache (header `X-Brief-Cache: hit`).
    """

    async def write() -> BriefOut:
        # The pipeline is CPU-bound: off the event loop, so health checks and other requests keep flowing.
        brief = await anyio.to_thread.run_sync(
            summarizer.brief, bundle.to_inputs(), bundle.max_words, bundle.budget_s
        )
        return BriefOut.from_brief(brief)

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
    responses={503: {"model": ReadinessOut, "description": "Still loading, or the load failed."}},
)
async def readyz(slot: Annotated[SummarizerSlot, Depends(get_slot)], response: Response) -> ReadinessOut:
    if slot.summarizer is not None:
        return ReadinessOut(status="ready", detail=f"embedder {slot.summarizer.embedder.name}")
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    if slot.failure is not None:
        return ReadinessOut(status="failed", detail=slot.failure)
    response.headers["Retry-After"] = _RETRY_AFTER_S
    return ReadinessOut(status="loading", detail="the summariser is loading its models")


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
    # The server logs the traceback; the client gets no internals.
    return JSONResponse(
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        content={"detail": "internal error while writing the brief; it has been logged"},
    )


def create_app(summarizer: Summarizer | None = None, settings: ServiceSettings | None = None) -> FastAPI:
    """The service; pass a loaded `summarizer` to skip loading (tests), or `settings` to load with."""
    slot = SummarizerSlot(summarizer)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with anyio.create_task_group() as background:
            if slot.summarizer is None:
                background.start_soon(slot.load, settings or get_settings())
            yield
            background.cancel_scope.cancel()

    app = FastAPI(
        title="Newsroom summariser",
        summary="A short, neutral brief of what several outlets report about one event, all of it cited.",
        lifespan=lifespan,
        exception_handlers={RequestValidationError: invalid_request, Exception: unexpected_error},
    )
    app.state.summarizer_slot = slot
    app.include_router(router)
    service_settings = settings or get_settings()
    app.state.brief_cache = BriefCache(service_settings.brief_cache_entries)
    if service_settings.slack_signing_secret is not None:
        # Imported here: a service without Slack does not load Bolt. The Slack app is a client of
        # /v1/briefs over HTTP, served from this process.
        from service.slack import mount_slack

        mount_slack(app, service_settings)
    return app


app = create_app()
