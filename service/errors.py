"""How errors reach a client: JSON, naming the field and the rule it broke, never internals."""

from __future__ import annotations

from fastapi import Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from service.logs import REQUEST_ID_HEADER, request_id


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
