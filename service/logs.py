"""Structured logs: one JSON object a line, each carrying the id of the request it belongs to.

What a line may hold is decided here, not at each call site: the message, the logger, the level,
the request id and the fields a call passes as `extra={"fields": {...}}` (route, status, timings,
counts). Request bodies, article text, headers and settings are never passed, so they are never
logged; an exception is logged as its type and traceback frames, its message cut short.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any, TextIO

REQUEST_ID_HEADER = "X-Request-ID"
_request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
# A client's own id is kept when it is short and plain; anything else is replaced, never echoed.
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_MAX_EXCEPTION_MESSAGE = 200


def request_id() -> str | None:
    """The id of the request being handled in this context, if any."""
    return _request_id.get()


def bind_request_id(given: str | None) -> tuple[str, Any]:
    """Adopt the client's `X-Request-ID` if it is plain, else a fresh one; returns (id, reset token)."""
    value = given if given is not None and _CLIENT_ID.match(given) else uuid.uuid4().hex
    return value, _request_id.set(value)


def unbind_request_id(token: Any) -> None:
    _request_id.reset(token)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        rid = getattr(record, "request_id", None) or request_id()
        if rid is not None:
            entry["request_id"] = rid
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            entry.update(fields)
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            message = str(error)
            if len(message) > _MAX_EXCEPTION_MESSAGE:
                message = message[:_MAX_EXCEPTION_MESSAGE] + "..."
            entry["error"] = {
                "type": type(error).__name__,
                "message": message,
                "stack": traceback.format_tb(error.__traceback__),
            }
        return json.dumps(entry, ensure_ascii=False, default=str)


class _StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass


def json_uvicorn_logs() -> None:
    """uvicorn's own handlers, set up before the app is imported, write JSON from then on."""
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        for handler in logging.getLogger(name).handlers:
            handler.setFormatter(JsonFormatter())


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """Root logging to stderr, JSON by default; uvicorn's own loggers go through it too.

    Like `logging.basicConfig`, it leaves a process whose root logger already has handlers as it
    is (a test runner, a `--log-config`); and calling it again changes nothing.
    """
    root = logging.getLogger()
    if root.handlers:
        return
    handler = _StderrHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    # HTTP clients log every request's URL at INFO.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    # A client's broken HTML is the client's problem, not the service's: trafilatura's errors
    # about a page it cannot read are warnings here (its loggers are per module: a handler filter).
    handler.addFilter(_client_html_as_warning)
    # Python warnings (a library's FutureWarning) become log records, JSON like the rest.
    logging.captureWarnings(True)
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False  # the service logs each request itself, with its id (service.observe)


def _client_html_as_warning(record: logging.LogRecord) -> bool:
    if record.name.split(".")[0] == "trafilatura" and record.levelno > logging.WARNING:
        record.levelno, record.levelname = logging.WARNING, "WARNING"
    return True
