"""The Slack app's client of the brief API (`POST /v1/briefs`): it runs in the service or apart from it."""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import ValidationError

from summarizer.client import BriefClient
from summarizer.errors import BriefRefused
from summarizer.schema import BriefOut


class BriefApiError(Exception):
    """The brief API gave no brief; the message says so in words an editor can act on."""


class BriefApi:
    """The brief API through the library's client (`summarizer.client`), which waits out a busy
    service as its Retry-After asks (at most `max_wait_s`); every failure becomes a message."""

    def __init__(
        self,
        base_url: str,
        *,
        api_key: str | None = None,
        timeout_s: float = 120.0,
        max_wait_s: float = 30.0,
    ) -> None:
        self.timeout_s = timeout_s
        self._client = BriefClient(base_url, api_key=api_key, timeout_s=timeout_s, max_wait_s=max_wait_s)

    async def write_brief(self, articles: list[dict[str, Any]]) -> dict[str, Any]:
        """The API's JSON answer (a `BriefOut`, plus any fields added later) for these articles."""
        try:
            body = await self._client.brief_async({"articles": articles})
        except httpx.TimeoutException:
            raise BriefApiError(
                f"The brief service did not answer within {self.timeout_s:g} seconds; it may be busy. Try again in a few minutes."
            ) from None
        except httpx.TransportError:
            raise BriefApiError(
                "The brief service is not reachable right now. Try again in a few minutes."
            ) from None
        except BriefRefused as refused:
            raise BriefApiError(_in_words(refused)) from None
        try:
            BriefOut.model_validate(body)  # the contract holds: the renderer can rely on it
        except ValidationError:
            raise BriefApiError("The brief service answered with something that is not a brief.") from None
        return body


def _in_words(refused: BriefRefused) -> str:
    """What the editor is told for a refusal."""
    status = refused.status_code
    if status < 400:
        return "The brief service answered with something that is not a brief."
    if status in (429, 503):
        return "The brief service is busy, starting up or unavailable. Try again in a minute."
    if status in (401, 403):
        return "The brief service refused the Slack app's key; ask whoever runs it to check SUMMARIZER_SLACK_API_KEY."
    if 400 <= status < 500:
        said = "; ".join(str(p.get("msg", p)) for p in refused.problems)
        return f"The brief service could not use these articles: {said or f'HTTP {status}'}"
    return f"The brief service failed (HTTP {status}). Try again later."
