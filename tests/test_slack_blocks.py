"""The brief as Block Kit: markers link to the right articles, article text is escaped, Slack's limits hold."""

from __future__ import annotations

import re
from typing import Any

from service.slack.blocks import MAX_BLOCKS, MAX_SECTION_CHARS, brief_message, escape

LINK = re.compile(r"<([^|>]+)\|([^>]*)>")


def source(n: int, **fields: Any) -> dict[str, Any]:
    return {
        "id": f"a{n}",
        "title": f"Story {n}",
        "source": f"Outlet {n}",
        "url": f"https://outlet{n}.example/story",
        **fields,
    }


def sentence(text: str, *article_ids: str, method: str = "extracted") -> dict[str, Any]:
    return {
        "text": text,
        "method": method,
        "citations": [{"article_id": i, "start": 0, "end": 5} for i in article_ids],
    }


def brief(sentences: list[dict[str, Any]], sources: list[dict[str, Any]], **more: Any) -> dict[str, Any]:
    return {"brief": sentences, "sources": sources, "words": 42, "mode": "extractive", **more}


def texts(message: dict[str, Any]) -> list[str]:
    return [block["text"]["text"] for block in message["blocks"] if block["type"] == "section"]


def test_each_sentence_is_followed_by_markers_that_link_to_its_articles() -> None:
    message = brief_message(
        brief(
            [
                sentence("The ferry starts in March.", "a3", "a1"),
                sentence("It runs every 20 minutes.", "a2", method="fused"),
            ],
            [source(1), source(2), source(3)],
        )
    )
    body = texts(message)[0]

    assert body == (
        "The ferry starts in March. <https://outlet1.example/story|[1]> <https://outlet3.example/story|[3]>\n\n"
        "It runs every 20 minutes. <https://outlet2.example/story|[2]>"
    )
    assert message["blocks"][0] == {
        "type": "header",
        "text": {"type": "plain_text", "text": "Brief of 3 articles"},
    }
    assert message["text"].startswith("Brief of 3 articles: The ferry starts in March.")
    assert (
        "1 sentence was shortened by the model and checked against every source it cites"
        in (message["blocks"][-1]["elements"][0]["text"])
    )


def test_the_numbered_sources_link_to_each_article_with_its_outlet() -> None:
    message = brief_message(
        brief([sentence("A fire broke out.", "a2")], [source(1), source(2, source=None), source(3, url=None)])
    )
    listing = next(text for text in texts(message) if text.startswith("*Sources*"))

    assert listing.splitlines() == [
        "*Sources*",
        "*[1]* <https://outlet1.example/story|Story 1> · Outlet 1",
        "*[2]* <https://outlet2.example/story|Story 2>",
        "*[3]* Story 3 · Outlet 3",
    ]
    assert {"type": "divider"} in message["blocks"]


def test_a_source_the_brief_could_not_use_says_why_in_the_list() -> None:
    sources = [
        source(1),
        source(2, status="duplicate", duplicate_of="a1"),
        source(3, status="other_language", language="de"),
        source(4, status="off_topic"),
    ]
    message = brief_message(brief([sentence("A fire broke out.", "a1")], sources))
    listing = next(text for text in texts(message) if text.startswith("*Sources*")).splitlines()

    assert listing[2].endswith("_(a copy of [1], counted once)_")
    assert listing[3].endswith("_(left out: written in another language, de)_")
    assert listing[4].endswith("_(left out: about another story)_")
    assert not listing[1].endswith(")_")


def test_article_text_cannot_inject_links_mentions_or_markup() -> None:
    hostile = "Profits <rose> & fell <!channel> <https://evil.example|click>"
    message = brief_message(
        brief(
            [sentence(hostile, "a1")],
            [source(1, title="Q&A: <b>rates</b>", source="A<B>", url="https://x.example/?a=1&b=<2>|3")],
        )
    )
    body, listing = texts(message)

    assert body.startswith(escape(hostile) + " ")
    assert "<!channel>" not in body and "<https://evil" not in body
    assert LINK.findall(listing) == [
        ("https://x.example/?a=1&amp;b=%3C2%3E%7C3", "Q&amp;A: &lt;b&gt;rates&lt;/b&gt;")
    ]
    assert listing.endswith("· A&lt;B&gt;")
    assert all(block["text"]["verbatim"] for block in message["blocks"] if block["type"] == "section")
    assert "<" not in message["text"].split(":", 1)[1]


def test_slack_limits_hold_for_a_long_brief_with_many_long_sources() -> None:
    sources = [
        source(n, url=f"https://outlet{n}.example/" + "p" * 1_900, title="T" * 500) for n in range(1, 51)
    ]
    sentences = [sentence("Word & word. " * 400, *[s["id"] for s in sources]) for _ in range(30)]

    message = brief_message(brief(sentences, sources))

    assert len(message["blocks"]) <= MAX_BLOCKS
    assert all(len(text) <= MAX_SECTION_CHARS for text in texts(message))
    assert message["blocks"][-1]["elements"][0]["text"] == "Shortened to fit in one Slack message."
    first = texts(message)[0]
    assert first.endswith(" ".join(f"[{n}]" for n in range(1, 51)))  # too long to link here: plain markers
    cut = first.split(" [1]")[0]
    assert cut.endswith("…") and not re.search(r"&(?!amp;)", cut)  # cut between escapes, never inside one


def test_sources_differ_is_rendered_only_when_the_api_sends_it() -> None:
    sources = [source(1), source(2)]
    plain = brief_message(brief([sentence("Talks were held.", "a1", "a2")], sources))
    disagreements = [
        {
            "what": "How many died",
            "versions": [
                {"text": "Three people died.", "citations": [{"article_id": "a1"}]},
                {"text": "Four <people> died.", "citations": [{"article_id": "a2"}]},
            ],
        }
    ]
    with_them = brief_message(
        brief([sentence("Talks were held.", "a1", "a2")], sources, disagreements=disagreements)
    )

    assert not any("Sources differ" in text for text in texts(plain))
    differ = next(text for text in texts(with_them) if text.startswith("*Sources differ*"))
    assert differ.splitlines() == [
        "*Sources differ*",
        "• *How many died*",
        "    – Three people died. <https://outlet1.example/story|[1]>",
        "    – Four &lt;people&gt; died. <https://outlet2.example/story|[2]>",
    ]
    assert texts(with_them).index(differ) < next(
        i for i, t in enumerate(texts(with_them)) if t.startswith("*Sources*\n")
    )


def test_a_marker_links_to_the_cited_passage_and_a_condensed_sentence_says_so() -> None:
    article = (
        "Councillors met on Tuesday. The new ferry route starts in March, and boats run every 20 minutes."
    )
    start = article.index("The new")
    cited = {"article_id": "a1", "start": start, "end": len(article)}
    short = {"article_id": "a2", "start": 0, "end": len("Talks were held.")}
    message = brief_message(
        brief(
            [
                {"text": "The new ferry route starts in March.", "method": "condensed", "citations": [cited]},
                {"text": "Talks were held.", "method": "extracted", "citations": [short]},
            ],
            [source(1), source(2, url="https://outlet2.example/story#top")],
        ),
        texts={"a1": article, "a2": "Talks were held. More later."},
    )
    first, second = texts(message)[0].split("\n\n")

    assert first.startswith("The new ferry route starts in March. _(shortened)_ ")
    assert LINK.findall(first) == [
        ("https://outlet1.example/story#:~:text=The%20new%20ferry%20route,run%20every%2020%20minutes.", "[1]")
    ]
    assert LINK.findall(second) == [("https://outlet2.example/story#:~:text=Talks%20were%20held.", "[2]")]


def test_without_the_article_text_a_marker_links_to_the_article() -> None:
    message = brief_message(brief([sentence("Talks were held.", "a1")], [source(1)]))

    assert LINK.findall(texts(message)[0]) == [("https://outlet1.example/story", "[1]")]
