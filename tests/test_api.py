"""The HTTP API against its contract: cited briefs, clear 4xx for bad input, health and readiness."""

from __future__ import annotations

import copy
import importlib.metadata
import json
import re
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.app import create_app
from service.routes import BRIEF_EXAMPLE
from service.settings import ServiceSettings
from summarizer.clean import clean
from summarizer.embed import TfidfEmbedder
from summarizer.folder import read_folder
from summarizer.pipeline import Summarizer
from summarizer.schema import EXAMPLE_BUNDLE, MAX_ARTICLE_CHARS, MAX_ARTICLES, BriefOut
from summarizer.sentences import split_sentences
from summarizer.types import ArticleInput
from tools.demo import render

PAGE_NOISE = ("Advertisement", "Select Voice", "Listen Live", "Photo:", "Getty", "Copyright", "Reading Time")
_STOP_WORDS = {"the", "and", "for", "that", "with", "was", "were", "has", "have", "said", "its", "from"}


def _content_words(text: str) -> set[str]:
    words = re.findall(r"\w+", text.lower())
    return {w for w in words if (len(w) > 2 or w.isdigit()) and w not in _STOP_WORDS}


def assert_cited(out: dict[str, Any], bundle: dict[str, Any]) -> None:
    """Every brief sentence cites >= 1 article, by the offsets of one of that article's real
    sentences, and the cited sentence shares content with the brief sentence."""
    texts = {
        source["id"]: source["text"] if source["text"] is not None else article["text"]
        for source, article in zip(out["sources"], bundle["articles"], strict=True)
    }
    sentences = {
        article_id: {(s.start, s.end) for s in split_sentences(clean(ArticleInput(id=article_id, text=text)))}
        for article_id, text in texts.items()
    }
    assert out["brief"], "the brief is empty"
    for sentence in out["brief"]:
        assert sentence["citations"], f"uncited: {sentence['text']!r}"
        for citation in sentence["citations"]:
            article_id, start, end = citation["article_id"], citation["start"], citation["end"]
            assert (start, end) in sentences[article_id], f"not a sentence of {article_id}: {start}-{end}"
            shared = _content_words(texts[article_id][start:end]) & _content_words(sentence["text"])
            assert len(shared) >= 2, f"{article_id}[{start}:{end}] does not support {sentence['text']!r}"


def post_brief(client: TestClient, bundle: dict[str, Any]) -> dict[str, Any]:
    response = client.post("/v1/briefs", json=bundle)
    assert response.status_code == 200, response.text
    out: dict[str, Any] = response.json()
    return out


def test_example_bundle_gives_a_cited_brief_within_its_length(
    client: TestClient, example_bundle: dict[str, Any]
) -> None:
    out = post_brief(client, example_bundle)

    assert_cited(out, example_bundle)
    assert 0 < out["words"] <= example_bundle["max_words"]
    assert out["words"] == sum(len(s["text"].split()) for s in out["brief"])
    assert [s["id"] for s in out["sources"]] == [a["id"] for a in example_bundle["articles"]]
    assert all(s["text"] is None for s in out["sources"])  # plain-text input is not echoed back
    assert "Photo:" not in " ".join(s["text"] for s in out["brief"])


def test_max_words_is_a_hard_cap(client: TestClient, seeds_bundle: dict[str, Any]) -> None:
    for words in (20, 35):
        out = post_brief(client, {**seeds_bundle, "max_words": words})

        assert out["words"] <= words, [s["text"] for s in out["brief"]]


def test_the_contract_example_gives_a_brief(client: TestClient) -> None:
    assert_cited(post_brief(client, EXAMPLE_BUNDLE), EXAMPLE_BUNDLE)


def test_missing_ids_are_assigned_without_clashing_with_given_ones(
    client: TestClient, example_bundle: dict[str, Any]
) -> None:
    articles = [{"text": a["text"]} for a in example_bundle["articles"][:3]]
    articles[0]["id"] = "a2"

    out = post_brief(client, {"articles": articles})

    assert [s["id"] for s in out["sources"]] == ["a2", "a1", "a3"]
    cited = {c["article_id"] for s in out["brief"] for c in s["citations"]}
    assert cited <= {"a1", "a2", "a3"}


HTML_PAGE = """<html><head><title>Recycling plant fire brought under control</title></head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Recycling plant fire brought under control</h1>
<p>A fire at the Eastbrook recycling plant in Harlow Vale was brought under control on Monday morning,
the Vale Fire Service said.</p>
<p>About 60 firefighters fought the blaze at the Eastbrook recycling plant through Sunday night.</p>
<p>Greenline Materials, which runs the Eastbrook plant, said nobody was injured in the fire.</p>
</article><footer>Copyright 2031 Vale Online. All rights reserved.</footer></body></html>"""


def test_html_article_is_extracted_and_cited_by_offsets_into_the_extracted_text(
    client: TestClient, example_bundle: dict[str, Any]
) -> None:
    bundle = {"articles": [{"id": "vale-online", "html": HTML_PAGE}, *example_bundle["articles"][:2]]}

    out = post_brief(client, bundle)

    extracted = out["sources"][0]["text"]
    assert "About 60 firefighters fought the blaze" in extracted
    assert "<p>" not in extracted and "Home" not in extracted
    assert out["sources"][0]["title"] == "Recycling plant fire brought under control"
    assert_cited(out, bundle)  # offsets checked against the extracted text
    cited = {c["article_id"] for s in out["brief"] for c in s["citations"]}
    assert "vale-online" in cited, "the HTML article is never cited"


# --- bad input: a 4xx that names the field and the rule, never a 500 -------------------------


def _bundle_with(change: Any) -> Any:
    bundle = copy.deepcopy(EXAMPLE_BUNDLE)
    change(bundle)
    return bundle


def _article(n: int, chars: int = 200) -> dict[str, str]:
    return {"id": f"x{n}", "text": ("Ferry news sentence. " * (chars // 21 + 1))[:chars]}


BAD_BUNDLES = {
    "unknown top-level field": (
        _bundle_with(lambda b: b.update(style="tabloid")),
        ["body", "style"],
        "Extra inputs are not permitted",
    ),
    "unknown article field": (
        _bundle_with(lambda b: b["articles"][1].update(author="R. Vale")),
        ["body", "articles", 1, "author"],
        "Extra inputs are not permitted",
    ),
    "duplicate ids": (
        _bundle_with(lambda b: b["articles"][1].update(id="harbour-gazette")),
        ["body"],
        "article ids must be unique; repeated: harbour-gazette",
    ),
    "empty article": (
        _bundle_with(lambda b: b["articles"][0].update(text="")),
        ["body", "articles", 0],
        "no visible character",
    ),
    "whitespace-only article": (
        _bundle_with(lambda b: b["articles"][1].update(text=" \n\t\u3000 ")),
        ["body", "articles", 1],
        "no visible character",
    ),
    "both text and html": (
        _bundle_with(lambda b: b["articles"][0].update(html="<p>Ferry</p>")),
        ["body", "articles", 0],
        "exactly one of 'text' or 'html'",
    ),
    "neither text nor html": (
        _bundle_with(lambda b: b["articles"][0].pop("text")),
        ["body", "articles", 0],
        "exactly one of 'text' or 'html'",
    ),
    "one article": (
        _bundle_with(lambda b: b["articles"].pop()),
        ["body", "articles"],
        "List should have at least 2 items",
    ),
    "51 articles": (
        {"articles": [_article(n) for n in range(MAX_ARTICLES + 1)]},
        ["body", "articles"],
        "List should have at most 50 items",
    ),
    "article over the size limit": (
        {"articles": [_article(1, MAX_ARTICLE_CHARS + 1), _article(2)]},
        ["body", "articles", 0, "text"],
        "String should have at most 100000 characters",
    ),
    "bundle over the size limit": (
        {"articles": [_article(n, MAX_ARTICLE_CHARS) for n in range(6)]},
        ["body"],
        "the limit is 500000",
    ),
    "max_words too small": (
        _bundle_with(lambda b: b.update(max_words=5)),
        ["body", "max_words"],
        "greater than or equal to 20",
    ),
    "max_words not a number": (
        _bundle_with(lambda b: b.update(max_words="many")),
        ["body", "max_words"],
        "valid integer",
    ),
    "articles not a list": ({"articles": "two articles"}, ["body", "articles"], "valid list"),
    "text not a string": (
        _bundle_with(lambda b: b["articles"][0].update(text=42)),
        ["body", "articles", 0, "text"],
        "valid string",
    ),
    "id with spaces": (
        _bundle_with(lambda b: b["articles"][0].update(id="harbour gazette")),
        ["body", "articles", 0, "id"],
        "String should match pattern",
    ),
    "published_at not a date": (
        _bundle_with(lambda b: b["articles"][0].update(published_at="sometime last week")),
        ["body", "articles", 0, "published_at"],
        "is not an ISO 8601 date or time",
    ),
    "no articles field": ({"max_words": 60}, ["body", "articles"], "Field required"),
    "body is a list": ([EXAMPLE_BUNDLE], ["body"], "valid dictionary"),
}


@pytest.mark.parametrize("case", BAD_BUNDLES)
def test_bad_bundle_is_422_naming_the_field_and_the_rule(client: TestClient, case: str) -> None:
    bundle, loc, rule = BAD_BUNDLES[case]

    response = client.post("/v1/briefs", json=bundle)

    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert any(e["loc"] == loc and rule in e["msg"] for e in errors), errors
    assert all("input" not in e for e in errors)  # article text is never echoed back


@pytest.mark.parametrize("body", ['{"articles": [', "{'articles': []}", "articles=2"])
def test_malformed_json_is_400_saying_so(client: TestClient, body: str) -> None:
    response = client.post("/v1/briefs", content=body.encode(), headers={"Content-Type": "application/json"})

    assert response.status_code == 400, response.text
    [error] = response.json()["detail"]
    assert error["loc"][0] == "body"
    assert "not valid JSON" in error["msg"]


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", None])
def test_a_body_not_sent_as_json_is_415(client: TestClient, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}

    response = client.post("/v1/briefs", content=b'{"articles": []}', headers=headers)

    assert response.status_code == 415, response.text
    [error] = response.json()["detail"]
    assert error["loc"] == ["header", "content-type"]
    assert "application/json" in error["msg"]


def test_json_with_a_charset_is_accepted(client: TestClient, example_bundle: dict[str, Any]) -> None:
    response = client.post(
        "/v1/briefs",
        content=json.dumps(example_bundle).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )

    assert response.status_code == 200, response.text


ODD_BUNDLES = {
    "three-word articles": ["Ferry route approved.", "Council backs ferry.", "Boats from March."],
    "emoji": ["🚢🚢 Ferry approved! 🎉", "⛴️ New route 👍 starts in March 🗓️.", "🔥🔥🔥"],
    "zero-width characters": [
        "The\u200b council\u200d approved\u2060 a ferry\ufeff route.\u200b",
        "Ferry\u200b boats\u200c will run every 20 minutes.",
    ],
    "whitespace-heavy": [
        "\n\n\n     The council approved a ferry route.    \n\n\t\t\n",
        "   Boats   will   run\t\tevery   20   minutes.   \r\n\r\n   ",
    ],
    "all boilerplate": [
        "Advertisement\nShare\nListen Live\nSelect Voice",
        "Smoke over the harbour. Photo: Staff\n(STR/AFP/Getty Images)\nCopyright 2031 Harbour Gazette",
        "Reading Time: 3 minutes\nRead more",
    ],
}


@pytest.mark.parametrize("case", ODD_BUNDLES)
def test_odd_articles_still_get_an_answer(client: TestClient, case: str) -> None:
    bundle = {"articles": [{"text": text} for text in ODD_BUNDLES[case]], "max_words": 20}

    response = client.post("/v1/briefs", json=bundle)

    assert response.status_code == 200, response.text
    out = BriefOut.model_validate(response.json())
    assert out.words <= 20
    for sentence in out.brief:
        assert sentence.citations
        assert all(c.article_id in {"a1", "a2", "a3"} for c in sentence.citations)


def test_a_bundle_in_other_languages_is_a_422_naming_each_article_and_its_language(
    client: TestClient,
) -> None:
    bundle = {
        "articles": [
            {"text": "北京市政府周二宣布了新的交通计划。该计划将于明年三月开始实施。"},
            {
                "text": "Москва объявила о новом плане транспорта во вторник. Он начнётся в марте, сообщили в мэрии."
            },
            {
                "text": "أعلنت البلدية خطة نقل جديدة يوم الثلاثاء. وستبدأ الخطة في مارس، كما قال المتحدث باسمها."
            },
        ],
    }

    response = client.post("/v1/briefs", json=bundle)

    assert response.status_code == 422, response.text
    problem = response.json()["detail"][0]
    assert problem["loc"] == ["body", "articles"] and problem["type"] == "too_few_articles"
    assert "'a2' is not in English (it reads as 'ru')" in problem["msg"]
    assert "'a3' is not in English (it reads as 'ar')" in problem["msg"]
    assert "leaves 1 article in English" in problem["msg"]


def test_all_boilerplate_gives_an_empty_brief_not_noise(client: TestClient) -> None:
    bundle = {"articles": [{"text": text} for text in ODD_BUNDLES["all boilerplate"]]}

    out = post_brief(client, bundle)

    assert out["brief"] == [] and out["words"] == 0


class _BrokenSummarizer(Summarizer):
    def brief(self, bundle: Any, max_words: int | None = None) -> Any:
        raise RuntimeError("secret detail from inside the pipeline")


def test_an_unexpected_pipeline_error_is_a_json_500_without_internals() -> None:
    app = create_app(summarizer=_BrokenSummarizer(embedder=TfidfEmbedder()))
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.post("/v1/briefs", json=EXAMPLE_BUNDLE)

    assert response.status_code == 500
    assert response.headers["content-type"] == "application/json"
    assert "internal error" in response.json()["detail"][0]["msg"]
    assert "secret" not in response.text


# --- health, readiness, docs ------------------------------------------------------------------


def test_healthz_and_readyz_once_loaded(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ready"


def test_before_the_summariser_is_loaded_readyz_and_briefs_are_503_but_healthz_is_200() -> None:
    client = TestClient(create_app())  # no `with`: the lifespan that loads the summariser never runs

    assert client.get("/healthz").status_code == 200
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["status"] == "loading"
    assert "Retry-After" in ready.headers
    brief = client.post("/v1/briefs", json=EXAMPLE_BUNDLE)
    assert brief.status_code == 503
    assert "loading" in brief.json()["detail"][0]["msg"]


def test_the_lifespan_loads_the_summariser_in_the_background() -> None:
    with TestClient(create_app(settings=ServiceSettings(embedder="tfidf"))) as client:
        deadline = time.monotonic() + 60  # a guard against hanging, not a timing assertion
        while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.05)

        assert client.get("/readyz").json() == {
            "status": "ready",
            "detail": "embedder tfidf, model SmolLM2-135M-Instruct",
            "model": "SmolLM2-135M-Instruct",
            "degraded": [],
        }
        assert post_brief(client, EXAMPLE_BUNDLE)["embedder"] == "tfidf"


def test_openapi_shows_the_example_bundle(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()

    assert EXAMPLE_BUNDLE in spec["components"]["schemas"]["BundleIn"]["examples"]
    request_body = spec["paths"]["/v1/briefs"]["post"]["requestBody"]["content"]["application/json"]
    assert [e["value"] for e in request_body["examples"].values()] == [EXAMPLE_BUNDLE]
    assert client.get("/docs").status_code == 200


# --- the canonical bundle --------------------------------------------------------------------


@pytest.fixture
def canonical_brief(client: TestClient, seeds_bundle: dict[str, Any]) -> dict[str, Any]:
    return post_brief(client, seeds_bundle)


def test_canonical_bundle_gives_a_clean_cited_brief_of_about_120_words(
    canonical_brief: dict[str, Any], seeds_bundle: dict[str, Any]
) -> None:
    text = " ".join(s["text"] for s in canonical_brief["brief"])

    assert 100 <= canonical_brief["words"] <= 120
    assert not [noise for noise in PAGE_NOISE if noise in text]
    assert_cited(canonical_brief, seeds_bundle)
    for name in ("Tillerson", "Mattis", "Yang Jiechi", "North Korea"):
        assert name in text, f"the brief does not mention {name}"


@pytest.fixture(scope="module")
def condensed_canonical(rewriting_summarizer: Summarizer, seeds_folder: Path) -> dict[int, dict[str, Any]]:
    """The canonical brief on the packaged default model (which condenses), at 120 and 150 words."""
    bundle = read_folder(seeds_folder)
    with TestClient(create_app(summarizer=rewriting_summarizer)) as client:
        return {
            words: post_brief(client, {**bundle, "max_words": words, "budget_s": 60}) for words in (120, 150)
        }


def test_canonical_brief_tells_the_talks_as_the_report_written_after_them_does(
    condensed_canonical: dict[int, dict[str, Any]],
) -> None:
    """Two outlets wrote before the talks ("is expected to push China to tighten sanctions"), one
    after ("pressed China to exert more ... pressure"): the brief tells what happened, citing the
    later report, and no sentence tells the superseded preview."""
    brief = condensed_canonical[120]["brief"]
    texts = [s["text"] for s in brief]

    outcome = [s for s in brief if s["text"].startswith("The United States pressed China")]
    assert outcome, texts
    assert outcome[0]["citations"][0]["article_id"].startswith("004_"), "the report written after the talks"
    assert not [t for t in texts if "is expected to push" in t or "will meet" in t], texts
    assert sum(s["method"] == "condensed" for s in brief) >= 2, texts


def test_a_longer_canonical_brief_reports_the_sanctions_pressure_on_chinese_firms(
    condensed_canonical: dict[int, dict[str, Any]],
) -> None:
    # The outlets' words for the firms: "Chinese companies", "Chinese banks and other firms",
    # "China-based entities".
    firms = re.compile(r"\bChin(?:ese|a-based) (?:firms|companies|banks|entities)\b")

    stating = [s for s in condensed_canonical[150]["brief"] if firms.search(s["text"])]

    assert stating, [s["text"] for s in condensed_canonical[150]["brief"]]
    assert "sanction" in stating[0]["text"]
    assert len(stating[0]["citations"]) >= 2, "several outlets report the pressure on the firms"


def test_demo_renders_citation_markers_and_numbered_sources(
    client: TestClient, example_bundle: dict[str, Any]
) -> None:
    out = BriefOut.model_validate(post_brief(client, example_bundle))

    shown = render(out, ready_s=1.0, brief_s=0.5)

    number = {source.id: n for n, source in enumerate(out.sources, start=1)}
    markers = "".join(f"[{number[c.article_id]}]" for c in out.brief[0].citations)
    assert shown.replace("\n", " ").startswith(f"{out.brief[0].text} {markers}")
    assert "[1] harlow-courier: Fire tears through Eastbrook recycling plant (Harlow Vale Courier)" in shown
    assert f"{out.words} words · mode extractive" in shown


def test_info_says_what_runs_and_the_limits(client: TestClient) -> None:
    response = client.get("/v1/info")

    assert response.status_code == 200
    info = response.json()
    assert info["version"] == importlib.metadata.version("newsroom-summarizer")
    assert info["model"] == "none" and info["model_loaded"] is None
    assert info["embedder"] == "all-MiniLM-L6-v2"
    assert info["offsets"] == "code points"
    assert info["limits"]["max_articles"] == MAX_ARTICLES
    assert info["limits"]["default_words"] == 120


def test_cors_is_off_unless_origins_are_listed(summarizer: Summarizer) -> None:
    preflight = {
        "Origin": "https://cms.example.org",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type,x-api-key",
    }
    with TestClient(create_app(summarizer=summarizer)) as closed:
        refused = closed.options("/v1/briefs", headers=preflight)
    settings = ServiceSettings(cors_origins=["https://cms.example.org"])
    with TestClient(create_app(summarizer, settings)) as open_to_cms:
        allowed = open_to_cms.options("/v1/briefs", headers=preflight)
        other = open_to_cms.options("/v1/briefs", headers={**preflight, "Origin": "https://evil.example"})
        posted = open_to_cms.get("/v1/info", headers={"Origin": "https://cms.example.org"})

    assert "access-control-allow-origin" not in refused.headers
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://cms.example.org"
    assert "access-control-allow-origin" not in other.headers
    assert posted.headers["access-control-allow-origin"] == "https://cms.example.org"
    assert "X-Request-ID" in posted.headers["access-control-expose-headers"]


def test_every_error_has_one_shape_without_library_wording(client: TestClient) -> None:
    """`detail` is always a list of {loc, msg, type}: 400, 404, 405, 415 and 422 alike."""
    answers = {
        400: client.post("/v1/briefs", content="{", headers={"Content-Type": "application/json"}),
        404: client.get("/v1/nothing-here"),
        405: client.get("/v1/briefs"),
        415: client.post("/v1/briefs", content="articles", headers={"Content-Type": "text/plain"}),
        422: client.post("/v1/briefs", json=_bundle_with(lambda b: b["articles"][0].pop("text"))),
    }

    for code, response in answers.items():
        assert response.status_code == code, response.text
        detail = response.json()["detail"]
        assert isinstance(detail, list) and detail, (code, detail)
        for problem in detail:
            assert set(problem) == {"loc", "msg", "type"}, (code, problem)
            assert not problem["msg"].startswith("Value error"), problem


def test_operations_have_readable_ids_and_tags(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]

    assert paths["/v1/briefs"]["post"]["operationId"] == "write_brief"
    assert paths["/v1/briefs"]["post"]["tags"] == ["briefs"]
    assert paths["/v1/info"]["get"]["operationId"] == "info"
    assert {paths[p]["get"]["tags"][0] for p in ("/healthz", "/readyz", "/metrics")} == {"operations"}


def test_the_page_is_served_with_no_asset_from_outside_the_service(client: TestClient) -> None:
    page = client.get("/ui")
    assets = re.findall(r'(?:src|href)="([^"]+)"', page.text)

    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert client.get("/", follow_redirects=False).headers["location"] == "/ui"
    assert assets and all(a.startswith("/ui/static/") for a in assets), assets
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    script = client.get("/ui/static/page.js").text
    assert "http://" not in script and "https://" not in script
    assert 'fetch("/v1/briefs"' in script  # the public API, nothing else


def test_the_openapi_document_is_valid_and_documents_every_error_with_an_example(client: TestClient) -> None:
    from openapi_spec_validator import validate

    document = client.get("/openapi.json").json()
    validate(document)
    responses = document["paths"]["/v1/briefs"]["post"]["responses"]

    assert {"200", "400", "401", "403", "413", "415", "422", "429", "503"} <= set(responses)
    for code, answer in responses.items():
        content = answer["content"]["application/json"]
        assert "schema" in content and "example" in content, code
        if code != "200":
            assert content["schema"]["$ref"].endswith("/ErrorOut"), code
    assert BriefOut.model_validate(responses["200"]["content"]["application/json"]["example"])
    assert {s["id"] for s in BRIEF_EXAMPLE["sources"]} == {a["id"] for a in EXAMPLE_BUNDLE["articles"]}


def test_offsets_in_utf16_slice_the_same_characters_as_a_javascript_string_would(client: TestClient) -> None:
    texts = [
        "🚢🚢 Harbour news 🌊 café\u0301.\n\nThe city council on Tuesday approved a new ferry route between "
        "the old harbour and the university campus. Boats will run every 20 minutes, the council said.",
        "👩‍👩‍👧 Family page.\n\nCouncillors voted on Tuesday to create a ferry link from the old harbour to "
        "the university. Boats will run every 20 minutes on weekdays from March, the council said.",
    ]
    bundle = {"articles": [{"id": f"a{n}", "text": t} for n, t in enumerate(texts)], "max_words": 60}

    points = client.post("/v1/briefs", json=bundle).json()
    units = client.post("/v1/briefs", json={**bundle, "offsets": "utf16"}).json()

    assert points["offsets"] == "code_points" and units["offsets"] == "utf16"
    text_of = {f"a{n}": t for n, t in enumerate(texts)}
    pairs = [
        (p, u)
        for ps, us in zip(points["brief"], units["brief"], strict=True)
        for p, u in zip(ps["citations"], us["citations"], strict=True)
    ]
    assert pairs
    for p, u in pairs:
        encoded = text_of[u["article_id"]].encode("utf-16-le")
        assert (
            encoded[2 * u["start"] : 2 * u["end"]].decode("utf-16-le")
            == text_of[p["article_id"]][p["start"] : p["end"]]
        )
        assert u["start"] > p["start"]  # emoji before every cited sentence: the units run ahead


def test_each_source_says_whether_the_brief_could_use_it(client: TestClient) -> None:
    articles = [
        {"id": "gazette", "text": EXAMPLE_BUNDLE["articles"][0]["text"]},
        {"id": "post", "text": EXAMPLE_BUNDLE["articles"][1]["text"]},
        {"id": "widget", "text": "Advertisement\nSubscribe\nShare this:"},
    ]

    out = client.post("/v1/briefs", json={"articles": articles}).json()

    assert {s["id"]: s["status"] for s in out["sources"]} == {
        "gazette": "used",
        "post": "used",
        "widget": "no_report",
    }
