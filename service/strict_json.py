"""JSON bodies as the contract reads them: an object names each key once.

Python's json module keeps the last of two equal keys; a proxy, a log pipeline or another
parser in front of the service may keep the first, so one body would mean two things
(`{"max_words": 50, "max_words": 400}`). A body that repeats a key is refused with a 422 naming
it, before it is validated; malformed JSON is left to the usual 400.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _RepeatedKey(key)
        seen[key] = value
    return seen


def repeated_key(body: bytes) -> str | None:
    """The first key some object of `body` names twice; None when there is none (or it is no JSON)."""
    try:
        json.loads(body, object_pairs_hook=_unique)
    except _RepeatedKey as repeated:
        return repeated.key
    except ValueError:  # not JSON: FastAPI answers that itself
        return None
    return None


class StrictJSONRoute(APIRoute):
    """A route whose JSON body may not repeat a key."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def strict(request: Request) -> Response:
            if request.headers.get("content-type", "").startswith("application/json"):
                key = repeated_key(await request.body())
                if key is not None:
                    return JSONResponse(
                        {
                            "detail": [
                                {
                                    "loc": ["body"],
                                    "msg": f"the key {key!r} appears twice in one object; each key may appear once",
                                    "type": "duplicate_key",
                                }
                            ]
                        },
                        status_code=422,
                    )
            return await handler(request)

        return strict
