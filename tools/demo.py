"""The newsroom's main job, end to end: start the service, send it a bundle, print the brief for a reader.

    python -m tools.demo [DIR_OR_JSON]

DIR_OR_JSON is a folder of `.txt` articles or a bundle JSON file; by default the canonical
bundle `../shared/seeds`, or `examples/bundle.json` where that folder is absent. The real
service runs in this process (uvicorn, on a free local port) and is stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn
from fastapi import FastAPI

from service.app import app
from summarizer.render import as_text
from summarizer.schema import BriefOut
from tools.harness import default_bundle_source, load_bundle, post_json, wait_ready


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.demo", description=__doc__.splitlines()[0])
    parser.add_argument("source", nargs="?", type=Path, help="folder of .txt articles, or bundle JSON file")
    args = parser.parse_args(argv)
    source: Path = args.source or default_bundle_source()
    bundle = load_bundle(source)
    print(f"Briefing {len(bundle.get('articles', []))} articles from {source}\n")

    with serving() as base_url:
        started = time.perf_counter()
        wait_ready(base_url)
        ready_s = time.perf_counter() - started
        started = time.perf_counter()
        status, body = post_json(f"{base_url}/v1/briefs", bundle)
        brief_s = time.perf_counter() - started

    if status != 200:
        print(f"The service answered {status}:\n{json.dumps(body, indent=2)}", file=sys.stderr)
        return 1
    print(render(BriefOut.model_validate(body), ready_s=ready_s, brief_s=brief_s))
    return 0


def render(brief: BriefOut, *, ready_s: float, brief_s: float) -> str:
    """The brief as a reader wants it (`summarizer.render`), then how long the service took."""
    return as_text(brief) + f" · ready in {ready_s:.1f} s · brief in {brief_s:.1f} s"


@contextmanager
def serving(application: FastAPI = app) -> Iterator[str]:
    """The service (or `application`) running in a background thread; yields its base URL,
    stops it on exit."""
    # Bound here and handed to uvicorn, so no other process can take the port in between.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    host, port = listener.getsockname()
    server = uvicorn.Server(uvicorn.Config(application, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join()
        listener.close()


if __name__ == "__main__":
    sys.exit(main())
