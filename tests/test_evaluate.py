"""The evaluation report: the paired comparison that "with rewriting is not below extractive" rests on."""

from __future__ import annotations

from pathlib import Path

from evaluation.condensing import dangling_openers, repeated_details, unsupported_sentences
from evaluation.rouge import Row, paired_rouge2
from evaluation.trust import write_sample
from summarizer.tuning import Tuning
from summarizer.types import Article, Brief, BriefSentence, Citation, Fact, Method, Sentence


def test_two_systems_are_compared_cluster_by_cluster() -> None:
    extractive = Row("project, extractive", [{"rouge2": 0.10}, {"rouge2": 0.20}, {"rouge2": 0.30}], 1.0)
    rewritten = Row("project, rewritten", [{"rouge2": 0.13}, {"rouge2": 0.20}, {"rouge2": 0.29}], 9.0)

    line = paired_rouge2(rewritten, extractive)

    # (+3 + 0 - 1) / 3 ROUGE points: a difference the two-decimal table could round away.
    assert "mean +0.667" in line
    assert "higher on 1 clusters, lower on 1, equal on 1" in line


def test_a_sentence_written_the_same_stays_in_the_read_sample(tmp_path: Path) -> None:
    """Re-reading after a change means reading only the sentences the change moved."""

    def briefs(changed: str) -> dict[str, Brief]:
        texts = [f"Sentence {n} of the cluster." for n in range(30)]
        texts[7] = changed
        sentences = tuple(BriefSentence(t, (), Method.CONDENSED) for t in texts)
        return {f"cluster-{c}": Brief(sentences=sentences, articles=()) for c in range(3)}

    def drawn(changed: str) -> list[str]:
        path = tmp_path / "sample.md"
        write_sample(briefs(changed), path, 20, seed=37, method=Method.CONDENSED)
        headings = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
        return [heading.split(". ", 1)[1] for heading in headings]  # "## 3. cluster-1, sentence 8 (...)"

    before, after = drawn("Sentence 7 of the cluster."), drawn("A sentence condensed otherwise.")

    assert len(before) == len(after) == 20
    moved = set(before) ^ set(after)
    assert moved and all("sentence 8 " in line for line in moved)  # only the changed one (the 8th) moved
    assert drawn("Sentence 7 of the cluster.") == before  # and the draw repeats


def test_openers_that_point_outside_the_brief_are_counted() -> None:
    def sentence(article_id: str, index: int) -> Sentence:
        return Sentence(article_id=article_id, index=index, start=0, end=4, text="text")

    def brief(*rows: tuple[str, str, int]) -> Brief:
        facts = tuple(Fact((sentence(a, i),), sentence(a, i), 0.5) for _, a, i in rows)
        return Brief(sentences=tuple(BriefSentence(t, ()) for t, _, _ in rows), articles=(), facts=facts)

    named_first = brief(("Anne Ziegenhorn sued the maker.", "a", 2), ("She had sores.", "a", 6))
    named_after = brief(("She had sores.", "a", 6), ("Anne Ziegenhorn sued the maker.", "a", 2))
    named_elsewhere = brief(("Anne Ziegenhorn sued the maker.", "b", 0), ("She had sores.", "a", 6))
    connective = brief(("The maker denied it.", "a", 0), ("However, the court ruled.", "b", 3))
    nameless = brief(("The maker's video was shared online.", "a", 2), ("She had sores.", "a", 6))

    assert dangling_openers(named_first) == 0
    assert dangling_openers(named_after) == 1
    assert dangling_openers(named_elsewhere) == 1
    assert dangling_openers(connective) == 1
    assert dangling_openers(nameless) == 1  # "She" needs a sentence that names someone


def test_a_detail_told_twice_in_the_same_words_is_counted() -> None:
    def brief(*texts: str) -> Brief:
        return Brief(sentences=tuple(BriefSentence(t, ()) for t in texts), articles=())

    told_twice = brief(
        "The ferry, which sank in calm water off the northern cape, carried forty people.",
        "Divers said the ferry sank in calm water off the northern cape before dawn.",
        "The operator has suspended all crossings.",
    )
    told_once = brief(
        "The ferry, which sank in calm water off the northern cape, carried forty people.",
        "Divers found the wreck before dawn.",
    )

    # A name and title two claims share is who said them, not a detail told twice.
    one_speaker = brief(
        "The chamber is not broken but bent, former Senate Majority Leader Hal Brenner says.",
        "The vote will fail again, former Senate Majority Leader Hal Brenner says.",
    )

    assert repeated_details(told_twice, Tuning()) == 1
    assert repeated_details(told_once, Tuning()) == 0
    assert repeated_details(one_speaker, Tuning()) == 0


def test_a_name_is_checked_against_its_span_as_it_shows() -> None:
    """A zero-width space inside a name on the page ("A<ZWSP>rwa") shows as nothing."""
    text = "The correspondent A\u200brwa Tellez bit two medics, the lawsuit says."
    article = Article(id="a", text=text, body=())
    sentence = BriefSentence(
        "The correspondent Arwa Tellez bit two medics, the lawsuit says.", (Citation("a", 0, len(text)),)
    )

    assert unsupported_sentences(Brief(sentences=(sentence,), articles=(article,))) == 0
