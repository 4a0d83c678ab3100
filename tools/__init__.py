"""Tools run from the repository (not installed): demo, bench, load test, settings doc, Slack preview."""
