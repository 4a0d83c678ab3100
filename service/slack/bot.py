"""The newsroom's Slack app: links to several stories in, a brief with checkable citations out.

`/brief <link> <link> ...` and the message shortcut "Brief these links" both acknowledge at once
(Slack allows 3 seconds), then fetch the pages, call the brief API and post the brief. Problems
the editor can act on are shown to that editor only. Bolt verifies every request's signature,
refusing stale timestamps, before any handler here runs.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from slack_bolt import BoltResponse
from slack_bolt.adapter.fastapi.async_handler import AsyncSlackRequestHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncBoltRequest, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from service.links import Unusable, collect_articles
from service.settings import ServiceSettings
from service.slack.articles import MIN_LINKS, count_problem, find_links
from service.slack.blocks import brief_message, escape
from service.slack.client import BriefApi, BriefApiError

log = logging.getLogger(__name__)

COMMAND = "/brief"
SHORTCUT = "brief_these_links"  # the message shortcut's callback ID in the app manifest
EVENTS_PATH = "/slack/events"
_REMEMBER_REQUESTS_S = 600.0

Tell = Callable[[str], Awaitable[Any]]  # a message only the editor who asked sees
Publish = Callable[[dict[str, Any]], Awaitable[Any]]  # the brief, for the channel


def mount_slack(app: FastAPI, settings: ServiceSettings, *, web_client: AsyncWebClient | None = None) -> None:
    """Answer Slack at `POST /slack/events` (commands, shortcuts and events alike), as Bolt expects."""
    if settings.slack_signing_secret is None:
        raise ValueError("the Slack app over HTTP needs SLACK_SIGNING_SECRET")
    handler = AsyncSlackRequestHandler(create_bolt_app(settings, web_client=web_client))

    @app.post(EVENTS_PATH, include_in_schema=False)
    async def slack_events(request: Request) -> Response:
        return await handler.handle(request)


def create_bolt_app(settings: ServiceSettings, *, web_client: AsyncWebClient | None = None) -> AsyncApp:
    """The Bolt app; `web_client` replaces the one made from SLACK_BOT_TOKEN (tests give a fake Slack's)."""
    if web_client is None:
        if settings.slack_bot_token is None:
            raise ValueError("the Slack app needs SLACK_BOT_TOKEN (the bot token, xoxb-...)")
        web_client = AsyncWebClient(token=settings.slack_bot_token.get_secret_value())
    secret = settings.slack_signing_secret
    app = AsyncApp(
        client=web_client,
        signing_secret=secret.get_secret_value() if secret is not None else None,  # Socket Mode needs none
        process_before_response=False,  # the ack goes back first; the brief is written after it
    )
    api = BriefApi(
        settings.slack_api_url,
        api_key=settings.slack_api_key.get_secret_value() if settings.slack_api_key is not None else None,
        timeout_s=settings.slack_api_timeout_s,
    )
    app.middleware(_once_per_request(_RecentRequests(_REMEMBER_REQUESTS_S)))

    async def write(links: list[str], tell: Tell, publish: Publish) -> None:
        await _write_brief(
            links, api=api, allow_loopback=settings.fetch_allow_loopback, tell=tell, publish=publish
        )

    @app.command(COMMAND)
    async def brief_command(ack: AsyncAck, command: dict[str, Any], respond: AsyncRespond) -> None:
        links = find_links(command.get("text", ""))
        problem = count_problem(links)
        await ack(problem or _working(links))
        if problem is None:
            await write(
                links, _teller(respond), lambda message: respond(**message, response_type="in_channel")
            )

    @app.shortcut(SHORTCUT)
    async def brief_shortcut(
        ack: AsyncAck, shortcut: dict[str, Any], respond: AsyncRespond, client: AsyncWebClient
    ) -> None:
        await ack()
        tell = _teller(respond)
        message = shortcut["message"]
        links = find_links(message.get("text", ""))
        problem = count_problem(links)
        await tell(problem or _working(links))
        if problem is not None:
            return

        async def post_in_thread(brief: dict[str, Any]) -> None:
            thread = message.get("thread_ts") or message["ts"]
            await client.chat_postMessage(channel=shortcut["channel"]["id"], thread_ts=thread, **brief)

        await write(links, tell, post_in_thread)

    return app


async def _write_brief(
    links: list[str], *, api: BriefApi, allow_loopback: bool, tell: Tell, publish: Publish
) -> None:
    """The work after the ack: fetch, brief, post; every way it can fail ends in a message to the editor."""
    try:
        articles, unusable = await collect_articles(links, allow_loopback=allow_loopback)
        if unusable:
            if len(articles) < MIN_LINKS:
                await tell(
                    f"{_left_out(unusable)}\nThat leaves {len(articles)}; a brief needs at least {MIN_LINKS} articles."
                )
                return
            await tell(f"{_left_out(unusable)}\nBriefing the other {len(articles)}.")
        try:
            brief = await api.write_brief(articles)
        except BriefApiError as error:
            await tell(str(error))
            return
        try:
            # The API assigns ids in order to articles sent without one: its sources are ours, in order.
            texts = {
                source["id"]: article["text"]
                for source, article in zip(brief["sources"], articles, strict=False)
            }
            await publish(brief_message(brief, texts))
        except SlackApiError as error:
            await tell(
                f"The brief is written but Slack would not let me post it here ({error.response.get('error')}). "
                "Invite me to the channel and try again."
            )
    except Exception:  # the editor must hear something; the details go to the log
        log.exception("a Slack brief failed")
        await tell(
            "Something went wrong while writing the brief; it has been logged. Try again in a few minutes."
        )


def _teller(respond: AsyncRespond) -> Tell:
    async def tell(text: str) -> None:
        await respond(text=text, response_type="ephemeral", replace_original=False)

    return tell


def _working(links: list[str]) -> str:
    return f"Working on a brief of {len(links)} articles..."


def _left_out(unusable: list[Unusable]) -> str:
    lines = [f"• `{escape(u.url)}`: {escape(u.reason)}" for u in unusable]
    noun = "link" if len(unusable) == 1 else "links"
    return "\n".join([f"I could not use {len(unusable)} {noun}:", *lines])


class _RecentRequests:
    """Slack request IDs seen in the last few minutes, so that a delivery seen twice is briefed once."""

    def __init__(self, remember_s: float) -> None:
        self.remember_s = remember_s
        self._seen: dict[str, float] = {}

    def first_time(self, key: str) -> bool:
        now = time.monotonic()
        self._seen = {k: t for k, t in self._seen.items() if now - t < self.remember_s}
        if key in self._seen:
            return False
        self._seen[key] = now
        return True


def _once_per_request(
    recent: _RecentRequests,
) -> Callable[
    [AsyncBoltRequest, BoltResponse, Callable[[], Awaitable[BoltResponse]]], Awaitable[BoltResponse]
]:
    """Middleware: acknowledge Slack's retries and repeated deliveries without doing the work again."""

    async def once(
        req: AsyncBoltRequest, resp: BoltResponse, next: Callable[[], Awaitable[BoltResponse]]
    ) -> BoltResponse:
        # Slack retries a delivery it thinks failed; the first one is already being worked on.
        if req.headers.get("x-slack-retry-num"):
            return BoltResponse(status=200, body="")
        key = req.body.get("trigger_id") or req.body.get("event_id")
        if isinstance(key, str) and not recent.first_time(key):
            return BoltResponse(status=200, body="")
        return await next()

    return once
