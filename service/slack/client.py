"""The Slack app's client of the brief API (`POST /v1/briefs`): it runs in the service or apart from it."""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError

from summarizer.schema import BriefOut


class BriefApiError(Exception):
    """The brief API gave no brief; the message says so in words an editor can act on."""


class BriefApi:
    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 120.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self._headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}

    async def write_brief(self, articles: list[dict[str, Any]]) -> dict[str, Any]:
        """The API's JSON answer (a `BriefOut`, plus any fields added later) for these articles."""
        try:
            async with httpx.AsyncClient(
                base_url=self.base_url, headers=self._headers, timeout=self.timeout_s
            ) as client:
                response = await client.post("/v1/briefs", json={"articles": articles})
        except httpx.TimeoutException:
            raise BriefApiError(
                f"The brief service did not answer within {self.timeout_s:g} seconds; it may be busy. Try again in a few minutes."
            ) from None
        except httpx.TransportError:
            raise BriefApiError(
                "The brief service is not reachable right now. Try again in a few minutes."
            ) from None
        if response.status_code == httpx.codes.SERVICE_UNAVAILABLE:
            raise BriefApiError("The brief service is starting up or unavailable. Try again in a minute.")
        if response.status_code in (httpx.codes.UNAUTHORIZED, httpx.codes.FORBIDDEN):
            raise BriefApiError(
                "The brief service refused the Slack app's key; ask whoever runs it to check SUMMARIZER_SLACK_API_KEY."
            )
        if response.is_client_error:
            raise BriefApiError(f"The brief service could not use these articles: {_detail(response)}")
        if not response.is_success:
            raise BriefApiError(f"The brief service failed (HTTP {response.status_code}). Try again later.")
        try:
            body: dict[str, Any] = response.json()
            BriefOut.model_validate(body)  # the contract holds: the renderer can rely on it
        except (ValueError, ValidationError):
            raise BriefApiError("The brief service answered with something that is not a brief.") from None
        return body


def _detail(response: httpx.Response) -> str:
    """The API's own reason: FastAPI's `detail`, a string or a list of `{loc, msg}`."""
    try:
        body = response.json()
    except ValueError:
        body = None
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, list):
        return "; ".join(
            str(item.get("msg", item)) if isinstance(item, dict) else str(item) for item in detail
        )
    return str(detail) if detail else f"HTTP {response.status_code}"
