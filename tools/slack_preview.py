"""A picture of the Slack message for a real brief, rendered by a browser from its Block Kit blocks
(docs/slack-message.png).

    python -m tools.slack_preview [DIR_OR_JSON] [--out PNG]

The brief is written here by the summariser from a folder of `.txt` articles or a bundle JSON
file (by default the canonical bundle `../shared/seeds`). A folder's articles are linked to
their files. The blocks `blocks.py` emits (header, mrkdwn sections, dividers, context) become a
page in Slack's light theme, which Debian's chromium renders to PNG through Playwright.
"""

from __future__ import annotations

import argparse
import html
import re
import shutil
import sys
from pathlib import Path
from typing import Any

from service.slack.blocks import brief_message
from summarizer.pipeline import Summarizer
from summarizer.schema import BriefOut, BundleIn
from tools.harness import CANONICAL_SEEDS, ROOT, load_bundle

DEFAULT_OUT = ROOT / "docs" / "slack-message.png"

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tools.slack_preview", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "source",
        nargs="?",
        type=Path,
        default=CANONICAL_SEEDS,
        help="folder of .txt articles, or bundle JSON",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help=f"PNG to write (default {DEFAULT_OUT.relative_to(ROOT)})",
    )
    args = parser.parse_args(argv)
    bundle = BundleIn.model_validate(load_bundle(args.source))
    summarizer = Summarizer()
    brief = BriefOut.from_brief(summarizer.brief(bundle.to_request(summarizer.settings))).model_dump(
        mode="json"
    )
    if args.source.is_dir():  # a folder's articles link to their files (the API takes web links only)
        for source in brief["sources"]:
            path = args.source / f"{source['id']}.txt"
            source.update(url=path.resolve().as_uri(), title=source.get("title") or path.name)
    texts = {a.id: a.text for a in bundle.articles if a.id is not None and a.text is not None}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    render_png(message_html(brief_message(brief, texts)["blocks"]), args.out)
    print(f"wrote {args.out}")
    return 0


def message_html(blocks: list[dict[str, Any]]) -> str:
    """The message as a page in Slack's light theme: the app's name, then every block, with
    mrkdwn's links, bold and italics as Slack shows them."""
    parts = []
    for block in blocks:
        if block["type"] == "header":
            parts.append(f"<h2>{html.escape(block['text']['text'])}</h2>")
        elif block["type"] == "section":
            parts.append(f"<p>{_mrkdwn(block['text']['text'])}</p>")
        elif block["type"] == "divider":
            parts.append("<hr>")
        elif block["type"] == "context":
            text = " ".join(element["text"] for element in block["elements"])
            parts.append(f'<p class="context">{_mrkdwn(text)}</p>')
    return _PAGE.format(blocks="\n".join(parts))


def render_png(page: str, out: Path, browser: Any = None) -> None:
    """`page` as a PNG, by Debian's chromium through Playwright (no browser download); in
    `browser`, when one is running already."""
    if browser is None:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            render_png(page, out, launched)
            launched.close()
        return
    tab = browser.new_page(viewport={"width": 900, "height": 400}, device_scale_factor=1)
    tab.set_content(page)
    tab.locator("main").screenshot(path=str(out))
    tab.close()


def _mrkdwn(text: str) -> str:
    """Slack mrkdwn (its escapes kept: they are HTML's) as HTML: links, *bold*, _italics_, newlines."""
    text = re.sub(r"<([^|>]+)\|([^>]*)>", lambda m: f'<a href="{m[1]}">{m[2]}</a>', text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"<b>\1</b>", text)
    text = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"<i>\1</i>", text)
    return text.replace("\n", "<br>")


_PAGE = """<!doctype html><html><head><meta charset="utf-8"><style>
body {{ margin: 0; font: 15px/1.46 "Slack-Lato", "DejaVu Sans", sans-serif; color: #1d1c1d; background: #fff; }}
main {{ display: grid; grid-template-columns: 40px 1fr; gap: 0 16px; padding: 20px; width: 860px; box-sizing: border-box; }}
.avatar {{ width: 40px; height: 40px; border-radius: 6px; background: #4a154b; color: #fff; font-weight: 700;
  display: flex; align-items: center; justify-content: center; }}
.name {{ font-weight: 700; }} .badge {{ font-size: 10px; background: #e8e8e8; color: #616061; padding: 1px 4px;
  border-radius: 3px; margin: 0 6px; }} .time {{ color: #616061; font-size: 12px; }}
h2 {{ font-size: 20px; margin: 6px 0; }} p {{ margin: 4px 0 8px; }} a {{ color: #1264a3; text-decoration: none; }}
hr {{ border: 0; border-top: 1px solid #ddd; }} .context {{ color: #616061; font-size: 12px; }}
</style></head><body><main><div class="avatar">NB</div><div>
<div><span class="name">Newsroom Brief</span><span class="badge">APP</span><span class="time">10:42 AM</span></div>
{blocks}
</div></main></body></html>"""


if __name__ == "__main__":
    sys.exit(main())
