"""The newsroom's Slack app: `/brief <links>` and a message shortcut post a brief whose sentences cite their sources."""

from service.slack.bot import create_bolt_app, mount_slack

__all__ = ["create_bolt_app", "mount_slack"]
