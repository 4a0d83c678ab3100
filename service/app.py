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

import anyio
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from service.admission import Admission, drain_on_signals
from service.auth import API_KEY_HEADER, ApiKeys, KeyBeforeBody
from service.cache import CACHE_HEADER, BriefCache
from service.deps import SummarizerSlot, record_loaded
from service.errors import http_error, invalid_request, unexpected_error, unusable_bundle
from service.limits import BodySizeLimit
from service.links import LinkRules
from service.logs import configure_logging, json_uvicorn_logs
from service.observe import ObserveRequests
from service.routes import DOCS_ASSETS, PAGE, router, v1
from service.settings import ServiceSettings, get_settings
from summarizer.errors import TooFewArticles
from summarizer.pipeline import Summarizer

log = logging.getLogger(__name__)


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
        # SIGTERM: /readyz turns 503 and new briefs are refused, for a notice period before the
        # listener closes; then the briefs in flight finish.
        with drain_on_signals(admission, service_settings.drain_notice_s):
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
        if summarizer is None:  # a summariser the caller passed in is the caller's to close
            slot.close()

    app = FastAPI(
        title="Newsroom summariser",
        summary="A short, neutral brief of what several outlets report about one event, all of it cited.",
        lifespan=lifespan,
        docs_url=None,  # served from vendored assets (service/routes.py), not a CDN
        redoc_url=None,
        exception_handlers={
            RequestValidationError: invalid_request,
            HTTPException: http_error,
            TooFewArticles: unusable_bundle,
            Exception: unexpected_error,
        },
    )
    app.state.summarizer_slot = slot
    app.state.admission = admission
    app.state.api_keys = api_keys
    app.state.metrics_public = service_settings.metrics_public
    app.state.ready_without_model = service_settings.ready_without_model
    app.state.brief_cache = BriefCache(service_settings.brief_cache_entries)
    app.state.link_rules = LinkRules(
        service_settings.fetch_allow_loopback, service_settings.fetch_timeout_s, service_settings.max_links
    )
    app.include_router(v1)
    app.include_router(router)
    app.mount("/ui/static", StaticFiles(directory=PAGE), name="page")
    app.mount("/docs-assets", StaticFiles(directory=DOCS_ASSETS), name="docs-assets")
    # Every route with its template, for the metrics' route label (service/observe.py).
    app.state.route_table = [
        *v1.routes,
        *router.routes,
        *(r for r in app.router.routes if hasattr(r, "path")),
    ]
    # Outermost last: every request gets an id and is counted, the 401s and 413s included; the key
    # is checked before the body's size, framing or bytes.
    app.add_middleware(
        BodySizeLimit,
        max_bytes=service_settings.max_body_bytes,
        body_timeout_s=service_settings.body_timeout_s,
    )
    app.add_middleware(KeyBeforeBody, keys=api_keys)
    app.add_middleware(ObserveRequests)
    if service_settings.cors_origins:  # outermost: a preflight is answered before keys or limits
        app.add_middleware(
            CORSMiddleware,
            allow_origins=service_settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type", API_KEY_HEADER, "Authorization"],
            expose_headers=["Retry-After", "X-Request-ID", CACHE_HEADER],
            max_age=600,
        )
    if service_settings.slack_signing_secret is not None:
        # Imported here: a service without Slack does not load Bolt. The Slack app is a client of
        # /v1/briefs over HTTP, served from this process.
        from service.slack import mount_slack

        mount_slack(app, service_settings)
    return app


app = create_app()
