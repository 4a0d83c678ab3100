"""The service's configuration: the pipeline's settings, read from the same `SUMMARIZER_*` variables."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field, SecretStr

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
        description="Let the Slack app fetch pages on 127.0.0.0/8 and ::1: for tests, never production.",
    )
    brief_cache_entries: int = Field(
        256,
        ge=0,
        description="Briefs each process keeps in memory, so the same bundle posted again is answered at "
        "once (least recently used out first); 0 turns the cache off.",
    )


@lru_cache(maxsize=1)
def get_settings() -> ServiceSettings:
    """The process's settings, read once (environment variables do not change while it runs)."""
    return ServiceSettings()
