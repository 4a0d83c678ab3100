"""The editors' page in a real browser: Debian's chromium, driven by Playwright (never a browser
download). Every highlight must cover exactly `text[start:end]` of its article, in code points,
emoji and combining characters included."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from service.app import create_app
from service.settings import ServiceSettings
from summarizer.client import BriefClient
from summarizer.pipeline import Summarizer
from tests.slack_fakes import FakeNewsSite
from tools.demo import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DOCS = Path(__file__).resolve().parent.parent / "docs"

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="no chromium here (CI installs Debian's: .ci/run)"
)

# Emoji (two UTF-16 units each) and a combining accent before the cited sentences: a highlighter
# that counted UTF-16 units would drift.
EMOJI_BUNDLE = [
    (
        "emoji-a",
        "🚢🚢 Harbour news 🌊 café\u0301 edition.\n\nThe city council on Tuesday approved a new ferry route "
        "between the old harbour and the university campus. The service will start in March and run "
        "every 20 minutes on weekdays, the council said.",
    ),
    (
        "emoji-b",
        "👩‍👩‍👧 Family page.\n\nCouncillors voted on Tuesday to create a ferry link from the old harbour to "
        "the university. Boats will run every 20 minutes on weekdays from March, the council said.",
    ),
]


@pytest.fixture(scope="module")
def base_url(summarizer: Summarizer) -> Iterator[str]:
    # Loopback fetches allowed: the links test serves its pages from 127.0.0.1.
    with serving(create_app(summarizer, ServiceSettings(fetch_allow_loopback=True))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def brief_on_page(browser: Any, base_url: str, articles: list[tuple[str, str]], width: int = 1280) -> Any:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{base_url}/ui")
    for _ in range(len(articles) - 2):
        page.click("#add")
    boxes = page.locator(".article textarea")
    for index, (_, text) in enumerate(articles):
        boxes.nth(index).fill(text)
    page.click("#go")
    page.wait_for_selector("#result:not([hidden])")
    return page


def sent_texts(articles: list[tuple[str, str]]) -> dict[str, str]:
    """The ids the page gives pasted articles (a1, a2, ...) and their texts."""
    return {f"a{n}": text for n, (_, text) in enumerate(articles, start=1)}


def assert_highlights_exact(page: Any, texts: dict[str, str]) -> int:
    """Click every sentence; each mark must be exactly text[start:end] of its article."""
    checked = 0
    sentences = page.locator("#brief li")
    for index in range(sentences.count()):
        sentences.nth(index).click()
        marks = page.locator(".source mark")
        assert marks.count() >= 1, f"sentence {index} highlights nothing"
        for m in range(marks.count()):
            mark = marks.nth(m)
            article_id = mark.evaluate("el => el.closest('.source').dataset.id")
            start, end = int(mark.get_attribute("data-start")), int(mark.get_attribute("data-end"))
            assert mark.text_content() == texts[article_id][start:end]
            checked += 1
    return checked


def test_the_canonical_bundle_uploaded_as_files_briefs_with_exact_highlights(
    browser: Any, base_url: str, seeds_folder: Path
) -> None:
    files = sorted(seeds_folder.glob("*.txt"))
    page = browser.new_page(viewport={"width": 1280, "height": 860})
    page.goto(f"{base_url}/ui")
    page.set_input_files("#files", [str(f) for f in files])
    page.click("#go")
    page.wait_for_selector("#result:not([hidden])")

    assert page.locator("#brief li").count() >= 3
    texts = {f.stem: f.read_bytes().decode("utf-8") for f in files}  # the page names them by file
    assert assert_highlights_exact(page, texts) >= page.locator("#brief li").count()
    # The screenshot the README shows: the brief beside its sources, the first sentence chosen.
    page.locator("#brief li").first.click()
    page.locator("#result").scroll_into_view_if_needed()
    page.screenshot(path=str(DOCS / "page.png"))
    page.close()


def test_emoji_and_combining_characters_do_not_shift_a_highlight(browser: Any, base_url: str) -> None:
    page = brief_on_page(browser, base_url, EMOJI_BUNDLE)

    assert assert_highlights_exact(page, sent_texts(EMOJI_BUNDLE)) >= 1
    page.close()


def test_the_brief_is_usable_from_the_keyboard(browser: Any, base_url: str) -> None:
    page = brief_on_page(browser, base_url, EMOJI_BUNDLE)
    page.locator("#brief li").first.focus()
    assert page.locator(".source mark").count() == 0

    page.keyboard.press("Enter")
    first = page.locator(".source mark").count()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.dataset.index")

    assert first >= 1
    assert focused == ("1" if page.locator("#brief li").count() > 1 else "0")
    page.close()


def test_a_refused_bundle_says_why_on_the_page(browser: Any, base_url: str) -> None:
    page = browser.new_page()
    page.goto(f"{base_url}/ui")
    page.locator(".article textarea").first.fill("Only one article.")
    page.click("#go")

    assert "at least two articles" in page.locator("#status").text_content()
    page.close()


def test_the_page_reads_on_a_phone(browser: Any, base_url: str) -> None:
    page = brief_on_page(browser, base_url, EMOJI_BUNDLE, width=390)

    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")

    assert not overflow
    page.close()


def outside_blocked(page: Any, base_url: str) -> list[str]:
    """Abort every request that leaves the service; return the scripts, styles and fonts asked
    for (ReDoc's sidebar also asks for its maker's logo, an image it does without)."""
    asked: list[str] = []

    def route(handle: Any) -> None:
        if handle.request.url.startswith(base_url):
            handle.continue_()
            return
        if handle.request.resource_type != "image":
            asked.append(handle.request.url)
        handle.abort()

    page.route("**/*", route)
    return asked


@pytest.mark.parametrize(
    ("path", "rendered"), [("/docs", ".opblock-summary"), ("/redoc", "[data-section-id]")]
)
def test_the_api_docs_render_with_no_network(browser: Any, base_url: str, path: str, rendered: str) -> None:
    page = browser.new_page()
    asked = outside_blocked(page, base_url)
    page.goto(f"{base_url}{path}")

    page.wait_for_selector(rendered, timeout=20_000)

    assert "Write a cited brief" in page.content()
    assert asked == [], asked
    page.close()


def test_links_are_briefed_and_their_fetched_text_highlighted(
    browser: Any, base_url: str, seeds_folder: Path
) -> None:
    site = FakeNewsSite()
    try:
        files = sorted(seeds_folder.glob("*.txt"))
        links = [
            site.add_article(
                f"/{f.stem}", title=None, outlet=f"Outlet {n}", text=f.read_text(encoding="utf-8")
            )
            for n, f in enumerate(files[:3], start=1)
        ]
        links.append(site.url("/gone"))  # a 404: left out, named on the page
        page = browser.new_page()
        page.goto(f"{base_url}/ui")
        page.locator("#links").fill("\n".join(links))
        page.click("#go")
        page.wait_for_selector("#result:not([hidden])")

        assert "Left out: " + site.url("/gone") in page.locator("#status").text_content()
        sentences = page.locator("#brief li")
        assert sentences.count() >= 2
        texts = page.evaluate("Object.fromEntries(brief.sources.map((s) => [s.id, s.text]))")
        assert all(texts.values()), "each fetched article's text comes back with the brief"
        assert assert_highlights_exact(page, texts) >= sentences.count()
        page.close()
    finally:
        site.close()


def test_the_slack_preview_is_rendered_by_the_browser_from_the_blocks(browser: Any, tmp_path: Path) -> None:
    from service.slack.blocks import brief_message
    from tools.slack_preview import message_html, render_png

    brief = {
        "brief": [
            {
                "text": "Boats will run every 20 minutes & more.",
                "method": "condensed",
                "citations": [{"article_id": "a1", "start": 0, "end": 5, "support": "full"}],
            }
        ],
        "sources": [{"id": "a1", "title": "Ferry", "url": "https://outlet.example/story"}],
        "words": 8,
        "mode": "condensed",
    }
    page = message_html(brief_message(brief)["blocks"])

    assert '<a href="https://outlet.example/story">[1]</a>' in page
    assert "<i>(shortened)</i>" in page and "every 20 minutes &amp; more" in page
    render_png(page, tmp_path / "message.png", browser)
    png = (tmp_path / "message.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2_000


def test_the_example_bundle_shows_the_brief_the_api_gives(
    browser: Any, base_url: str, example_bundle: dict[str, Any]
) -> None:
    articles = [(a["id"], a["text"]) for a in example_bundle["articles"]]
    page = brief_on_page(browser, base_url, articles)
    # The same bundle as the page sends it (ids a1, a2, ...), through the Python client.
    sent = {"articles": [{"id": i, "text": t} for i, t in sent_texts(articles).items()], "max_words": 120}
    expected = BriefClient(base_url).brief(sent)

    shown = page.locator("#brief li")
    assert shown.count() == len(expected["brief"])
    for index, sentence in enumerate(expected["brief"]):
        assert shown.nth(index).text_content().startswith(sentence["text"])
    assert assert_highlights_exact(page, sent_texts(articles)) >= shown.count()
    page.close()


def test_a_source_left_out_says_why_on_the_page(browser: Any, base_url: str) -> None:
    stray = (
        "The museum's new wing displays 40 medieval tapestries restored over six years. Curators said the "
        "dyes had faded less than expected. Tickets for the opening weekend sold out within a day. The "
        "wing was paid for by a bequest from a local textile family."
    )
    german = (
        "Der Stadtrat hat am Dienstag eine neue Fährverbindung zwischen dem alten Hafen und dem "
        "Universitätsgelände beschlossen. Die Fähren sollen ab März alle 20 Minuten fahren."
    )
    reprint = ("reprint", EMOJI_BUNDLE[0][1])
    page = brief_on_page(browser, base_url, [*EMOJI_BUNDLE, ("museum", stray), ("zeitung", german), reprint])

    notes = page.locator("#left-out li").all_text_contents()

    assert any(n.startswith("[3] left out: it is about another story") for n in notes), notes
    assert "[4] left out: written in another language (de); the brief reads English" in notes, notes
    assert "[5] left out: a copy of [1], which stands for both" in notes, notes
    page.close()
