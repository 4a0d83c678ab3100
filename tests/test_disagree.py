"""Disagreement notes: where outlets differ on a detail, the brief says so and cites each side."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation import disagreements
from evaluation.disagreements import DISAGREEMENT_PAIRS, detection
from summarizer.embed import Embedder
from summarizer.pipeline import Summarizer
from summarizer.request import BriefRequest
from summarizer.schema import BriefOut
from summarizer.settings import Settings
from summarizer.settle import settle
from summarizer.text.normalise import display_text
from summarizer.tuning import Tuning
from summarizer.types import Article, ArticleInput, Brief, Citation, Detail, Disagreement, Span, Version

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def extractive() -> Summarizer:
    return Summarizer(Settings(model="none"))


@pytest.fixture(scope="module")
def embedder(extractive: Summarizer) -> Embedder:
    return extractive.embedder


@pytest.fixture(scope="module")
def canonical(extractive: Summarizer) -> Brief:
    if not SEEDS.is_dir():
        pytest.skip(f"no canonical bundle at {SEEDS}: it lives beside the repository, not in it")
    bundle = [
        ArticleInput(id=p.stem, text=p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("0*.txt"))
    ]
    return extractive.brief(BriefRequest.start(bundle, extractive.settings))


# --- The canonical bundle -------------------------------------------------------------------


def test_canonical_note_lists_fang_fenghuis_titles_citing_each_outlet_at_the_title(canonical: Brief) -> None:
    [fang] = [d for d in canonical.disagreements if "Fang Fenghui" in d.what]
    assert fang.kind is Detail.ROLE
    texts = {a.id: a.text for a in canonical.articles}
    cited = {
        display_text(texts[c.article_id][c.start : c.end]): c.article_id[:3]
        for v in fang.versions
        for c in v.citations
    }
    assert cited == {
        "chief of state of the People’s Liberation Army": "000",
        "chief of the Joint Staff Department of the People’s Liberation Army": "001",
        "vice-chairman of the Central Military Commission": "002",
        "a member of China’s Central Military Commission": "003",
        "chief of joint staff of the People’s Liberation Army": "004",
    }
    # The Joint Staff Department with or without "Department" is one version, from two outlets.
    assert [sorted(c.article_id[:3] for c in v.citations) for v in fang.versions] == [
        ["000"],
        ["001", "004"],
        ["002"],
        ["003"],
    ]


def test_canonical_notes_hold_no_spelling_or_name_variant(canonical: Brief) -> None:
    for note in canonical.disagreements:
        assert "Mattis" not in note.what and "Yang" not in note.what and "Tillerson" not in note.what
        versions = " ".join(v.text for v in note.versions)
        assert not {"Defence", "Defense", "Councillor", "Councilor", "Jim", "James"} & set(versions.split())
    assert [d.what for d in canonical.disagreements] == ["Fang Fenghui's role"]


def test_canonical_brief_sentence_drops_the_disputed_title_and_keeps_its_citations(canonical: Brief) -> None:
    [sentence] = [s for s in canonical.sentences if "Fang Fenghui" in s.text]
    assert "vice-chairman" not in sentence.text and "Central Military Commission" not in sentence.text
    texts = {a.id: a.text for a in canonical.articles}
    assert any(
        "vice-chairman of the Central Military Commission" in texts[c.article_id][c.start : c.end]
        for c in sentence.citations
    ), "the citation still points at the source sentence, which names the title"


def test_canonical_json_carries_the_disagreements(canonical: Brief) -> None:
    out = json.loads(BriefOut.from_brief(canonical).model_dump_json())
    [note] = out["disagreements"]
    assert note["what"] == "Fang Fenghui's role" and note["kind"] == "role"
    assert len(note["versions"]) == 4
    assert all(c.keys() == {"article_id", "start", "end"} for v in note["versions"] for c in v["citations"])
    assert all(c["support"] in ("full", "partial") for s in out["brief"] for c in s["citations"])


# --- What is and is not a conflict -----------------------------------------------------------


def disputes(a: str, b: str, embedder: Embedder) -> tuple[Disagreement, ...]:
    return disagreements.disputes(a, b, embedder, Tuning())


# Each rule with a pair it must let pass and, beside it, the nearest pair that is a conflict,
# so that a rule that passed everything would fail here.
RULES = {
    "name variant": (
        (
            "Defense Secretary Jim Mattis said the talks were useful.",
            "Defence Secretary James Mattis said the talks were useful.",
        ),
        (
            "Defense Secretary Jim Mattis said the talks were useful.",
            "Treasury Secretary James Mattis said the talks were useful.",
        ),
    ),
    "spelling variant": (
        (
            "Chinese State Councillor Yang Jiechi led the delegation.",
            "Chinese State Councilor Yang Jiechi led the delegation.",
        ),
        (
            "Yang Jiechi, a member of the Politburo of China, led it.",
            "Yang Jiechi, a secretary of the Politburo of China, led it.",
        ),
    ),
    "number word and digits": (
        (
            "Police said a dozen protesters were arrested overnight.",
            "Police said 12 protesters were arrested overnight.",
        ),
        (
            "Police said a dozen protesters were arrested overnight.",
            "Police said 20 protesters were arrested overnight.",
        ),
    ),
    "one outlet adds a detail": (
        (
            "Matthew Kanan, a professor of chemistry at Stanford, led it.",
            "Matthew Kanan, a professor at Stanford University, led it.",
        ),
        (
            "Matthew Kanan, a professor of chemistry at Stanford, led it.",
            "Matthew Kanan, a professor of physics at Stanford, led it.",
        ),
    ),
    "a hedge that admits the other figure": (
        (
            "The storm killed at least 12 people across the region.",
            "The storm killed 15 people across the region.",
        ),
        (
            "The storm killed at least 12 people across the region.",
            "The storm killed 8 people across the region.",
        ),
    ),
    "another time frame": (
        (
            "North Korea has conducted two nuclear tests since the beginning of last year.",
            "North Korea has conducted five nuclear tests.",
        ),
        ("North Korea has conducted two nuclear tests.", "North Korea has conducted five nuclear tests."),
    ),
    "the day it was said, not the day it happened": (
        (
            "The meeting will be held on Wednesday, officials said.",
            "Officials said on Tuesday that the meeting will be held.",
        ),
        (
            "The meeting will be held on Wednesday, officials said.",
            "The meeting will be held on Thursday, officials said.",
        ),
    ),
    "two offices one person holds": (
        (
            "House Judiciary Committee Chairman Bob Goodlatte asked for the memos.",
            "Virginia Rep. Bob Goodlatte asked for the memos.",
        ),
        (
            "Judiciary Committee Chairman Bob Goodlatte asked for the memos.",
            "Intelligence Committee Chairman Bob Goodlatte asked for the memos.",
        ),
    ),
    "a former title": (
        (
            "Former Defense Secretary Robert Gates criticised the plan.",
            "Defense Secretary Robert Gates criticised the plan.",
        ),
        (
            "Defense Secretary Robert Gates criticised the plan.",
            "Energy Secretary Robert Gates criticised the plan.",
        ),
    ),
    "two people's figures": (
        (
            "His bond was set at $200,000 after he appeared in court on Monday.",
            "Her bond was set at $50,000, and she is due back in court next month.",
        ),
        (
            "A judge set Marcus Hale's bond at $200,000 on Monday.",
            "Marcus Hale's bond was set at $500,000 on Monday, court records show.",
        ),
    ),
    "two rounds of one measure": (
        (
            "Washington slapped tariffs on $34 billion worth of Chinese imports in July.",
            "Washington slapped tariffs on $200 billion worth of Chinese imports in September.",
        ),
        (
            "China answered with tariffs on $34 billion of American goods.",
            "Beijing retaliated with tariffs on $50 billion of American goods.",
        ),
    ),
    "two events": (
        (
            "A car bomb killed 12 people in Kabul on Monday.",
            "A car bomb injured 15 people in Kabul on Monday.",
        ),
        (
            "A car bomb killed 12 people in Kabul on Monday.",
            "A car bomb killed 15 people in Kabul on Monday.",
        ),
    ),
}


@pytest.mark.parametrize("rule", RULES)
def test_a_difference_that_is_no_conflict_is_not_noted(rule: str, embedder: Embedder) -> None:
    (same_a, same_b), (conflict_a, conflict_b) = RULES[rule]
    assert disputes(same_a, same_b, embedder) == ()
    assert disputes(conflict_a, conflict_b, embedder) != (), "the nearest real conflict must be noted"


def test_each_version_cites_the_characters_of_its_detail(embedder: Embedder) -> None:
    a = "Eight people, including three children, were injured in the blast."
    b = "Eight people including two children were injured in the blast."
    [note] = disputes(a, b, embedder)
    assert note.kind is Detail.NUMBER and note.what == "number of children"
    texts = {"a": a, "b": b}
    assert [[texts[c.article_id][c.start : c.end] for c in v.citations] for v in note.versions] == [
        ["three children"],
        ["two children"],
    ]


def test_a_quotation_given_to_two_people_is_noted(embedder: Embedder) -> None:
    [note] = disputes(
        "“We will not back down on this route,” Mayor Ana Ruiz said after the vote.",
        "“We will not back down on this route,” council member Tom Heller said after the vote.",
        embedder,
    )
    assert note.kind is Detail.SPEAKER
    assert [v.text for v in note.versions] == ["Ana Ruiz", "Tom Heller"]


# --- The brief sentence takes no side --------------------------------------------------------


def _article(article_id: str, text: str, source: str | None = None) -> Article:
    return Article(id=article_id, text=text, body=(Span(0, len(text)),), source=source)


def test_settle_drops_a_disputed_role_with_its_commas() -> None:
    a = "General Fang Fenghui, a member of China’s Central Military Commission, will also take part."
    b = "The talks include General Fang Fenghui, chief of state of the People’s Liberation Army, officials said."
    articles = {"a": _article("a", a), "b": _article("b", b)}
    member, chief = (
        "a member of China’s Central Military Commission",
        "chief of state of the People’s Liberation Army",
    )
    note = Disagreement(
        "Fang Fenghui's role",
        Detail.ROLE,
        (
            Version(member, (Citation("a", a.index(member), a.index(member) + len(member)),)),
            Version(chief, (Citation("b", b.index(chief), b.index(chief) + len(chief)),)),
        ),
    )
    assert settle(a, [note], articles) == "General Fang Fenghui will also take part."
    assert settle(b, [note], articles) == "The talks include General Fang Fenghui, officials said."
    assert settle("Fang Fenghui attended.", [note], articles) == "Fang Fenghui attended."


def test_settle_attributes_a_disputed_figure_to_its_outlets() -> None:
    a = "North Korea has conducted five nuclear tests."
    articles = {
        "a": _article("a", a, source="Kyodo"),
        "b": _article("b", "It carried out six nuclear tests."),
    }
    note = Disagreement(
        "number of nuclear tests",
        Detail.NUMBER,
        (
            Version("five nuclear tests", (Citation("a", 26, 44),)),
            Version("six nuclear tests", (Citation("b", 15, 32),)),
        ),
    )
    assert settle(a, [note], articles) == "North Korea has conducted five nuclear tests (according to Kyodo)."


# --- Measured ---------------------------------------------------------------------------------


def test_labelled_pairs_score_above_the_measured_floor(embedder: Embedder) -> None:
    scores = {d.source: d for d in detection(DISAGREEMENT_PAIRS, embedder, Tuning())}
    # Measured: precision 1.00 and recall 0.92 over all 99 pairs; 1.00 and 0.75 on the held-out ones.
    assert scores["all"].precision >= 0.95
    assert scores["all"].recall >= 0.85
    assert scores["held-out"].precision >= 0.9
    assert scores["canonical"].recall == 1.0


def test_labelled_pairs_cover_the_issues_non_conflicts() -> None:
    pairs = [json.loads(line) for line in DISAGREEMENT_PAIRS.read_text(encoding="utf-8").splitlines()]
    kinds = {p["kind"] for p in pairs if not p["conflict"]}
    assert {"name-variant", "spelling-variant", "added-detail", "time-frame"} <= kinds
    assert len(pairs) >= 40 and sum(p["conflict"] for p in pairs) >= 20


def test_settle_names_an_outlet_by_its_domain_and_never_by_its_id() -> None:
    a = "North Korea has conducted five nuclear tests."
    note = Disagreement(
        "number of nuclear tests",
        Detail.NUMBER,
        (
            Version("five nuclear tests", (Citation("a1", 26, 44),)),
            Version("six nuclear tests", (Citation("b", 15, 32),)),
        ),
    )
    other = _article("b", "It carried out six nuclear tests.", source="Kyodo")
    by_url = Article(id="a1", text=a, body=(Span(0, len(a)),), url="https://www.example-news.com/x?y=1")
    named = settle(a, [note], {"a1": by_url, "b": other})
    assert named == "North Korea has conducted five nuclear tests (according to example-news.com)."
    unnamed = _article("a1", a)
    assert settle(a, [note], {"a1": unnamed, "b": other}) == a  # no name a reader knows: the note carries it
