"""Guided drafting: the words a draft may use, and the nudge that ends it condensed."""

from __future__ import annotations

import torch

from summarizer.fuse import AIM_SHARE, MAX_SOURCES, guide_for, prompt_for
from summarizer.generate.backend import TransformersGenerator
from summarizer.generate.guide import END_PUSH, Guide, allowed_tokens, end_push
from summarizer.pipeline import Summarizer
from summarizer.types import Fact
from tests.test_fusion import sentences_of

SOURCES = (
    "Mayor Lena Park opened the harbour bridge on Friday, the city said.",
    "The harbour bridge was opened by Lena Park on Friday.",
)


VOCABULARY: dict[str, int] = {}


def word_ids(text: str) -> list[int]:
    """A stand-in tokenizer: one id per whitespace-separated piece (leading space kept), new ids as needed."""
    pieces = [piece for piece in text.replace(" ", "\0 ").split("\0") if piece]
    return [VOCABULARY.setdefault(piece, len(VOCABULARY) + 100) for piece in pieces]


def words_tokenizer(texts: list[str]) -> list[list[int]]:
    return [word_ids(text) for text in texts]


def test_a_draft_may_use_its_sources_words_in_any_case_and_joining_words_but_nothing_else() -> None:
    allowed = set(allowed_tokens(Guide(SOURCES, aim_words=8), words_tokenizer, end_ids=[7]))

    for word in ("Mayor", " mayor", " Harbour", " bridge", " Friday", "Park", " the", " and", " said"):
        assert word_ids(word)[0] in allowed, word
    for word in (" Pentagon", " Monday", " closed", " million"):
        assert word_ids(word)[0] not in allowed, word
    assert 7 in allowed  # the end of the turn


def test_the_full_stop_is_pushed_harder_each_word_past_the_aim_and_not_after_a_sentence_end() -> None:
    assert end_push("Mayor Lena Park opened", aim_words=5) == 0.0
    assert end_push("Mayor Lena Park opened the", aim_words=5) == END_PUSH
    assert end_push("Mayor Lena Park opened the harbour bridge", aim_words=5) == 3 * END_PUSH
    assert end_push("Mayor Lena Park opened the bridge.", aim_words=5) == 0.0


def test_a_fact_is_guided_by_the_sentences_its_prompt_quotes_towards_a_condensed_length() -> None:
    members = tuple(
        sentences_of(*(f"Outlet {i} says the new ferry starts in March next year." for i in range(4)))
    )
    fact = Fact(members=members, representative=members[1], score=1.0)

    guide = guide_for(fact)

    quoted = prompt_for(fact)[-1]["content"]
    assert guide.sources == tuple(s.text for s in fact.sources[:MAX_SOURCES])
    assert all(f"<source>{s}</source>" in quoted for s in guide.sources)
    assert guide.aim_words == round(AIM_SHARE * members[1].words)


def test_the_model_cannot_score_a_word_its_sources_lack(fused_summarizer: Summarizer) -> None:
    """On the real tokenizer: after steering, tokens outside the sources' words are impossible."""
    generator = fused_summarizer.generator
    assert isinstance(generator, TransformersGenerator)
    tokenize = generator.token_ids
    steering = generator._steering(prompt_length=0, guides=[Guide(SOURCES, aim_words=3)])
    scores = torch.zeros((1, len(generator._tokenizer)))
    draft = tokenize("Mayor Lena Park opened the harbour")

    steered = steering(torch.tensor([draft]), scores)

    assert all(steered[0, t] == float("-inf") for t in tokenize(" Pentagon") + tokenize(" Monday"))
    assert all(steered[0, t] > float("-inf") for t in tokenize(" bridge") + tokenize(" Friday"))
    full_stop = tokenize(".")[-1]
    assert steered[0, full_stop] == end_push("Mayor Lena Park opened the harbour", 3) > 0


def test_a_guided_draft_ends_nearer_its_aim_than_an_unguided_one(fused_summarizer: Summarizer) -> None:
    generator = fused_summarizer.generator
    assert generator is not None
    members = tuple(sentences_of(*SOURCES))
    fact = Fact(members=members, representative=members[0], score=1.0)
    prompt = [prompt_for(fact)]

    free = generator.complete(prompt, max_new_tokens=40, max_seconds=120)[0]
    guided = generator.complete(
        prompt, max_new_tokens=40, max_seconds=120, guides=[Guide(guide_for(fact).sources, aim_words=4)]
    )[0]

    assert guided.endswith(".")
    assert len(guided.split()) < len(free.split())
