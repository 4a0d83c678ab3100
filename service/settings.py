"""The service's configuration: the pipeline's settings, read from the same `SUMMARIZER_*` variables."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr

from service.links import MAX_LINKS
from summarizer.settings import Settings


def _slack_env(name: str) -> AliasChoices:
    # The names Slack's own docs use, unprefixed; the field name still works as a keyword.
    return AliasChoices(name, name.lower())


class ServiceSettings(Settings):
    """Everything the service reads from the environment; service-only options belong here."""

    slack_signing_secret: SecretStr | None = Field(
        None,
        validation_alias=_slack_env("SLACK_SIGNING_SECRET"),
        description="The Slack app's signing secret; when set, the service answers Slack at /slack/events.",
    )
    slack_bot_token: SecretStr | None = Field(
        None, validation_alias=_slack_env("SLACK_BOT_TOKEN"), description="The Slack app's bot token (xoxb-)."
    )
    slack_app_token: SecretStr | None = Field(
        None,
        validation_alias=_slack_env("SLACK_APP_TOKEN"),
        description="App-level token (xapp-, connections:write) for Socket Mode.",
    )
    slack_socket_mode: bool = Field(
        False, description="`make slackbot` connects out to Slack (Socket Mode) instead of serving HTTP."
    )
    slack_api_url: str = Field(
        "http://127.0.0.1:8000", description="Base URL of the brief API that the Slack app calls."
    )
    slack_api_key: SecretStr | None = Field(
        None, description="Sent to the brief API as a bearer token, when the API asks for one."
    )
    slack_api_timeout_s: float = Field(
        120.0, gt=0, description="How long the Slack app waits for a brief before telling the editor."
    )
    fetch_allow_loopback: bool = Field(
        False,
        description="Let the service (an article given by its url alone, and the Slack app) fetch pages "
        "on 127.0.0.0/8 and ::1: for tests, never production.",
    )
    fetch_timeout_s: float = Field(
        10.0, gt=0, le=60, description="Time to fetch one linked page, redirects included."
    )
    max_links: int = Field(
        10, ge=0, le=MAX_LINKS, description="Articles one bundle may give by their url alone (0: none)."
    )
    brief_cache_entries: int = Field(
        256,
        ge=0,
        description="Briefs each process keeps in memory, so the same bundle posted again is answered at "
        "once (least recently used out first); 0 turns the cache off.",
    )
    api_keys: SecretStr | None = Field(
        None,
        description="Keys for /v1/* (comma-separated), sent as the X-API-Key header (or "
        "'Authorization: Bearer'): none is 401, a wrong one 403. Unset leaves the API open, and the "
        "log says so at start-up. /healthz, /readyz and /metrics need no key.",
    )
    cors_origins: list[str] = Field(
        default_factory=list,
        description="Web origins whose pages may call the API from a browser (CORS), as a JSON list, "
        "e.g. '[\"https://cms.example.org\"]'; empty (the default) allows none.",
    )
    metrics_public: bool = Field(
        True, description="Serve /metrics without a key; false asks for one of SUMMARIZER_API_KEYS there too."
    )
    max_body_bytes: int = Field(
        2 * 1024 * 1024,
        ge=1024,
        description="Largest request body in bytes, counted as it streams in; a larger one is 413 before "
        "it is parsed. 2 MiB holds a bundle at the character limits in ASCII JSON.",
    )
    body_timeout_s: float = Field(
        30.0,
        gt=0,
        description="How long a request's body may take to arrive; past it, 408 and the connection closes "
        "(a client sending a byte at a time, or declaring more than it sends). Slow headers are the "
        "reverse proxy's to time out.",
    )
    queue_size: int = Field(
        8,
        ge=0,
        description="Briefs that may wait for a worker; one more is refused at once: 429 with Retry-After.",
    )
    queue_timeout_s: float = Field(
        30.0, gt=0, description="Longest wait for a worker; past it the request is 503 with Retry-After."
    )
    request_deadline_s: float = Field(
        60.0,
        gt=0,
        description="A brief's deadline, from its request's arrival: the generation budget is cut to end "
        "by then (less min(5 s, a quarter) for the rest of the pipeline), so a late brief comes back "
        "extractive, flagged generation.budget_exhausted, not as a timeout.",
    )
    ready_without_model: bool = Field(
        True,
        description="Whether the service is ready when the generation model failed to load: true (the "
        "default) serves extractive briefs, /readyz 200 with status 'degraded'; false makes /readyz 503 "
        "'failed', so an orchestrator sends no traffic to an instance that cannot condense.",
    )
    drain_notice_s: float = Field(
        5.0,
        ge=0,
        description="On SIGTERM, how long the service keeps listening while /readyz is 503 'draining' and "
        "new briefs get 503 with Retry-After, so load balancers take it out of rotation before its port "
        "closes; a second signal ends the notice at once.",
    )
    shutdown_grace_s: float = Field(
        60.0,
        ge=0,
        description="On shutdown, after the drain notice, how long admitted briefs may take to finish "
        "once the port has closed.",
    )
    log_format: Literal["json", "text"] = Field(
        "json", description="Log lines as JSON objects with the request id (or plain text)."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="Lowest level logged."
    )


@lru_cache(maxsize=1)
def get_settings() -> ServiceSettings:
    """The process's settings, read once (environment variables do not change while it runs)."""
    return ServiceSettings()
