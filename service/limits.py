"""The request body's limits: a pure ASGI middleware, so a body is refused before it is parsed.

FastAPI has no body limit of its own. This one counts the bytes as they stream in, so a chunked
body, or one whose `Content-Length` understates it, is cut off at the limit just like one that
declares its size up front. A declared size over the limit is answered 413 unread, after
draining what the client sends meanwhile (up to 16 MiB or 5 s): a client that writes its whole
body before it reads (Python's urllib) then gets the 413, not a reset connection. A body that
does not arrive within `body_timeout_s` of the request (a client sending a byte at a time, or
declaring more than it sends) is a 408.
"""

from __future__ import annotations

import time
from typing import Any

import anyio
from fastapi import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 2 * 1024 * 1024  # 2 MiB: what large model servers default to
DEFAULT_BODY_TIMEOUT_S = 30.0
_DRAIN_BYTES, _DRAIN_S = 16 * 1024 * 1024, 5.0  # what a refused body may still send, read and dropped


class BodyTooLarge(HTTPException):
    """Raised from `receive` when the body streams past the limit; FastAPI turns it into a 413."""

    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, detail=too_large_detail(max_bytes))


def too_large_detail(max_bytes: int) -> list[dict[str, Any]]:
    return [
        {
            "type": "body_too_large",
            "loc": ["body"],
            "msg": f"the request body is larger than the limit of {max_bytes} bytes",
        }
    ]


class BodyTimedOut(HTTPException):
    """Raised from `receive` when the body has not arrived in time; FastAPI turns it into a 408."""

    def __init__(self, timeout_s: float) -> None:
        super().__init__(
            408,
            detail=[
                {
                    "type": "body_timeout",
                    "loc": ["body"],
                    "msg": f"the request body did not arrive within {timeout_s:g} s",
                }
            ],
            headers={"Connection": "close"},
        )


class BodySizeLimit:
    """413 for any HTTP request whose body is, or turns out to be, larger than `max_bytes`; 408 for
    one that takes longer than `body_timeout_s` to arrive."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = DEFAULT_MAX_BODY_BYTES,
        body_timeout_s: float = DEFAULT_BODY_TIMEOUT_S,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.body_timeout_s = body_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self._refuse(scope, receive, send)
            return
        framing = _framing_problem(scope)
        if framing is not None:
            status_code, problem = framing
            response = JSONResponse(
                {"detail": [problem]}, status_code=status_code, headers={"Connection": "close"}
            )
            await response(scope, receive, send)
            return

        received = 0
        started = False
        body_by = time.monotonic() + self.body_timeout_s

        async def counting_receive() -> Message:
            nonlocal received
            try:
                with anyio.fail_after(max(0.0, body_by - time.monotonic())):
                    message = await receive()
            except TimeoutError:
                raise BodyTimedOut(self.body_timeout_s) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            # A route that reads the body itself (not through FastAPI) let it escape: answer here.
            if started:
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Read and drop what the client is still sending, within bounds, so it reads the answer.
        drained = 0
        with anyio.move_on_after(_DRAIN_S):
            while drained <= _DRAIN_BYTES:
                message = await receive()
                drained += len(message.get("body", b""))
                if message["type"] != "http.request" or not message.get("more_body", False):
                    break
        response = JSONResponse(
            {"detail": too_large_detail(self.max_bytes)}, status_code=413, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None  # the server rejects a malformed length itself
    return None


def _framing_problem(scope: Scope) -> tuple[int, dict[str, Any]] | None:
    """A body framed two ways, or encoded: refused before it is read. `Content-Length` with
    `Transfer-Encoding` lets a proxy and this server disagree on where a request ends (request
    smuggling); a compressed body would pass the size cap and then inflate."""
    names = {name for name, _ in scope.get("headers", ())}
    if b"content-length" in names and b"transfer-encoding" in names:
        return 400, {
            "loc": ["header", "transfer-encoding"],
            "msg": "send Content-Length or Transfer-Encoding, not both",
            "type": "ambiguous_framing",
        }
    for name, value in scope.get("headers", ()):
        if name == b"content-encoding" and value.strip().lower() not in (b"", b"identity"):
            return 415, {
                "loc": ["header", "content-encoding"],
                "msg": f"the body must not be encoded ({value.decode('latin-1')!r}); send it as plain JSON",
                "type": "unsupported_media_type",
            }
    return None
