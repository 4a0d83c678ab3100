"""A picture of the Slack message for a real brief, drawn from its Block Kit blocks (docs/slack-message.png).

    python -m tools.slack_preview [DIR_OR_JSON] [--out PNG]

The brief is written here by the summariser from a folder of `.txt` articles or a bundle JSON
file (by default the canonical bundle `../shared/seeds`). A folder's articles are linked to
their files. Only what `blocks.py` emits is drawn: header, mrkdwn sections (bold, links),
dividers and context, in Slack's light theme.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from service.slack.blocks import brief_message
from summarizer.pipeline import Summarizer
from summarizer.schema import BriefOut, BundleIn
from tools.harness import CANONICAL_SEEDS, ROOT, load_bundle

DEFAULT_OUT = ROOT / "docs" / "slack-message.png"

WIDTH, MARGIN, TEXT_X = 900, 20, 78
TEXT_WIDTH = WIDTH - TEXT_X - MARGIN
INK, GREY, LINK, RULE = (29, 28, 29), (97, 96, 97), (18, 100, 163), (221, 221, 221)
_MARKUP = re.compile(r"<([^|>]+)\|([^>]*)>|\*([^*\n]+)\*")  # a link, or bold


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
    bundle = BundleIn.model_validate(_bundle(args.source))
    summarizer = Summarizer()
    brief = BriefOut.from_brief(summarizer.brief(bundle.to_request(summarizer.settings)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    draw_message(brief_message(brief.model_dump(mode="json"))["blocks"]).save(args.out)
    print(f"wrote {args.out}")
    return 0


def _bundle(source: Path) -> dict[str, Any]:
    bundle = load_bundle(source)
    if not source.is_dir():
        return bundle
    for article in bundle["articles"]:
        path = source / f"{article['id']}.txt"
        article.update(url=path.resolve().as_uri(), title=article.get("title") or path.name)
    return bundle


def draw_message(blocks: list[dict[str, Any]]) -> Image.Image:
    """The message as Slack shows it in a channel: the app's name and avatar, then the blocks."""
    image = Image.new("RGB", (WIDTH, 6000), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((MARGIN, MARGIN, MARGIN + 40, MARGIN + 40), radius=6, fill=(74, 21, 75))
    draw.text((MARGIN + 20, MARGIN + 20), "NB", font=_font(16, bold=True), fill="white", anchor="mm")
    draw.text((TEXT_X, MARGIN - 2), "Newsroom Brief", font=_font(16, bold=True), fill=INK)
    badge_x = TEXT_X + draw.textlength("Newsroom Brief", font=_font(16, bold=True)) + 8
    draw.rounded_rectangle((badge_x, MARGIN + 1, badge_x + 34, MARGIN + 17), radius=3, fill=(232, 232, 232))
    draw.text((badge_x + 17, MARGIN + 9), "APP", font=_font(10, bold=True), fill=GREY, anchor="mm")
    draw.text((badge_x + 44, MARGIN + 1), "10:42 AM", font=_font(12), fill=GREY)
    y = MARGIN + 28
    for block in blocks:
        if block["type"] == "header":
            y = _write(draw, y + 4, [(block["text"]["text"], "bold")], size=20, line_height=28) + 6
        elif block["type"] == "section":
            y = _write(draw, y + 4, _runs(block["text"]["text"]), size=15, line_height=22) + 4
        elif block["type"] == "divider":
            draw.line((TEXT_X, y + 10, WIDTH - MARGIN, y + 10), fill=RULE, width=1)
            y += 20
        elif block["type"] == "context":
            text = " ".join(element["text"] for element in block["elements"])
            y = _write(draw, y + 6, _runs(text), size=12, line_height=18, colour=GREY)
    return image.crop((0, 0, WIDTH, y + MARGIN))


def _runs(mrkdwn: str) -> list[tuple[str, str]]:
    """mrkdwn as (text, style) runs, style one of plain, bold, link; Slack's escapes undone."""
    runs, start = [], 0
    for match in _MARKUP.finditer(mrkdwn):
        runs.append((mrkdwn[start : match.start()], "plain"))
        runs.append((match[2], "link") if match[1] else (match[3], "bold"))
        start = match.end()
    runs.append((mrkdwn[start:], "plain"))
    return [(html.unescape(text), style) for text, style in runs if text]


def _write(
    draw: ImageDraw.ImageDraw,
    y: int,
    runs: list[tuple[str, str]],
    *,
    size: int,
    line_height: int,
    colour: tuple[int, int, int] = INK,
) -> int:
    """Draws word-wrapped runs from `y`; returns the y below the last line."""
    x: float = TEXT_X
    for text, style in runs:
        font = _font(size, bold=style == "bold")
        for piece in filter(None, re.split(r"(\n| )", text)):
            if piece == "\n":
                x, y = TEXT_X, y + line_height
                continue
            width = draw.textlength(piece, font=font)
            # Lines wrap before a word, so the space before it stays, unseen, at the end of a line.
            if piece != " " and x > TEXT_X and x + width > TEXT_X + TEXT_WIDTH:
                x, y = TEXT_X, y + line_height
            draw.text((x, y), piece, font=font, fill=LINK if style == "link" else colour)
            x += width
    return y + line_height


@cache
def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:  # DejaVu ships with most Linux systems; Pillow finds it in the system font folders
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size)


if __name__ == "__main__":
    sys.exit(main())
