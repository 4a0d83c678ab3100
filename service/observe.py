"""Every HTTP request: an id (echoed in `X-Request-ID`), a log line, and its metrics.

A pure ASGI middleware. The id is the client's own `X-Request-ID` when that is short and plain,
else a fresh one; every log line written while the request is handled carries it, the worker
thread's included. The log line holds the method, the route template, the status and the time
taken: never the body, the query string or a header.
"""

from __future__ import annotations

import logging
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.routing import Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service import metrics
from service.logs import REQUEST_ID_HEADER, bind_request_id

log = logging.getLogger("service.access")

RECEIVED_AT = "summarizer.received_at"  # scope key: the monotonic time the request arrived


def route_of(scope: Scope) -> str:
    """The matched route's template ('/v1/briefs'), never the raw path: bounded label values.

    A request answered before routing (a 401 or 413 before the body is read) or by a plain
    Starlette route (/openapi.json, the docs assets) has no route in its scope: the app's route
    table (`app.state.route_table`) is asked which one its path belongs to.
    """
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    app = scope.get("app")
    for route in getattr(getattr(app, "state", None), "route_table", ()):
        if route.matches(scope)[0] is not Match.NONE:
            return str(route.path)
    return "unmatched"


class ObserveRequests:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope[RECEIVED_AT] = time.monotonic()
        # Not reset afterwards: the 500 handler, which runs outside this middleware, still needs it.
        request_id, _ = bind_request_id(Headers(scope=scope).get(REQUEST_ID_HEADER))
        status = 500  # what the client gets if the app raises before it answers

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = MutableHeaders(scope=message)
                if REQUEST_ID_HEADER not in headers:
                    headers.append(REQUEST_ID_HEADER, request_id)
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route, method = route_of(scope), scope["method"]
            metrics.HTTP_REQUESTS.labels(route, method, str(status)).inc()
            metrics.HTTP_LATENCY.labels(route, method).observe(seconds)
            log.info(
                "%s %s %d",
                method,
                route,
                status,
                extra={
                    "fields": {
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": round(seconds * 1000, 1),
                    }
                },
            )
