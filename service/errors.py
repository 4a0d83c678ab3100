"""How errors reach a client: JSON, naming the field and the rule it broke, never internals.

One shape for every error status: `{"detail": [{"loc": [...], "msg": "...", "type": "..."}]}`.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from service.logs import REQUEST_ID_HEADER, request_id


class Problem(BaseModel):
    loc: list[str | int] = Field(
        description="Where: ['body', 'articles', 0, 'text'], ['header', 'content-type'], or []."
    )
    msg: str = Field(description="What is wrong and what is allowed, for a person.")
    type: str = Field(description="The kind, for a program: 'json_invalid', 'too_many_requests', ...")


class ErrorOut(BaseModel):
    """Every error's body, whatever its status."""

    detail: list[Problem]


# pydantic prefixes a validator's own message with this; the client reads the message alone.
_LIBRARY_PREFIXES = ("Value error, ", "Assertion failed, ")


def problems(status_code: int, msg: str, loc: list[str | int] | None = None) -> list[dict[str, Any]]:
    """The error body's `detail` for one problem: where (`loc`), what (`msg`), and its kind."""
    kind = HTTPStatus(status_code).phrase.lower().replace(" ", "_").replace("-", "_")
    return [{"loc": loc or [], "msg": msg, "type": kind}]


async def http_error(request: Request, exc: HTTPException) -> JSONResponse:
    """A refusal (401, 403, 404, 405, 413, 415, 429, 503) in the one error shape, headers kept."""
    detail = exc.detail
    if isinstance(detail, list):
        kind = problems(exc.status_code, "")[0]["type"]
        body = [{"loc": [], "type": kind, **item} for item in detail]
    else:
        body = problems(exc.status_code, str(detail))
    return JSONResponse(status_code=exc.status_code, content={"detail": body}, headers=exc.headers)


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
    # FastAPI's usual list, less `input` (it would echo up to megabytes of article text back),
    # `ctx` and `url`, and the library's prefix on a validator's message.
    detail = [
        {"loc": list(error["loc"]), "msg": _plain(error["msg"]), "type": error["type"]} for error in errors
    ]
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT, content={"detail": jsonable_encoder(detail)}
    )


async def unusable_bundle(request: Request, exc: Exception) -> JSONResponse:
    """422 for a bundle that passes the contract but leaves too little to brief (articles in another
    language), naming each article and why."""
    return JSONResponse(
        status_code=status.HTTP_422_UNPROCESSABLE_CONTENT,
        content={"detail": [{"loc": ["body", "articles"], "msg": str(exc), "type": "too_few_articles"}]},
    )


async def unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # The server logs the traceback; the client gets no internals, only the id to find it by.
    rid = request_id()
    return JSONResponse(
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
        content={"detail": problems(500, "internal error while writing the brief; it has been logged")},
        headers={REQUEST_ID_HEADER: rid} if rid is not None else None,
    )


def _plain(message: str) -> str:
    for prefix in _LIBRARY_PREFIXES:
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message
