"""Run the Slack app on its own (`make slackbot`), a client of the brief API at SUMMARIZER_SLACK_API_URL.

    python -m service.slack [--host HOST] [--port PORT]

Over HTTP it serves `POST /slack/events` (needs SLACK_SIGNING_SECRET); with
SUMMARIZER_SLACK_SOCKET_MODE=true it connects out to Slack instead (needs SLACK_APP_TOKEN), for
newsrooms without a public URL.
"""

from __future__ import annotations

import argparse
import asyncio
import sys

import uvicorn
from fastapi import FastAPI
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from service.settings import get_settings
from service.slack.bot import create_bolt_app, mount_slack


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m service.slack", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="0.0.0.0", help="HTTP mode: address to listen on")
    parser.add_argument("--port", type=int, default=3000, help="HTTP mode: port to listen on")
    args = parser.parse_args(argv)
    settings = get_settings()
    try:
        if settings.slack_socket_mode:
            if settings.slack_app_token is None:
                raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an app-level token, xapp-...)")
            handler = AsyncSocketModeHandler(
                create_bolt_app(settings), settings.slack_app_token.get_secret_value()
            )
            asyncio.run(handler.start_async())
        else:
            app = FastAPI(title="Newsroom brief Slack app")
            mount_slack(app, settings)
            uvicorn.run(app, host=args.host, port=args.port)
    except ValueError as error:
        print(f"python -m service.slack: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
