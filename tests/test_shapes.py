"""Model forward passes see few input shapes: torch's CPU kernels keep one per shape, so every new
shape is memory the process keeps."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from summarizer.embed import MiniLMEmbedder
from summarizer.generate.reader import FluencyReader
from summarizer.request import Deadline
from summarizer.shapes import WIDTH_STEP, padded_width, row_groups

WORDS = "the minister said on Tuesday that talks with the union over pay would resume next week".split()


def sentences(count: int) -> list[str]:
    """`count` sentences of every length from 1 to len(WORDS) words, in turn."""
    return [" ".join(WORDS[: 1 + i % len(WORDS)]).capitalize() + "." for i in range(count)]


@pytest.mark.parametrize("count", [0, 1, 7, 13, 16, 17, 31, 100])
def test_row_groups_cover_every_row_once_in_powers_of_two(count: int) -> None:
    groups = row_groups(count, 16)

    assert [i for group in groups for i in group] == list(range(count))
    assert {len(group) for group in groups} <= {1, 2, 4, 8, 16}


def test_widths_round_up_to_the_step() -> None:
    assert [padded_width(w) for w in (1, 16, 17, 40)] == [16, 16, 32, 48]


def record_shapes(model: Any) -> set[tuple[int, ...]]:
    shapes: set[tuple[int, ...]] = set()

    def hook(_module: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        ids = kwargs.get("input_ids", args[0] if args else None)
        shapes.add(tuple(ids.shape))

    model.register_forward_pre_hook(hook, with_kwargs=True)
    return shapes


def test_the_encoder_sees_few_shapes_and_padding_leaves_vectors_unchanged() -> None:
    embedder = MiniLMEmbedder(device="cpu", dtype="float32")
    shapes = record_shapes(embedder._model)
    texts = sentences(40)

    together = np.concatenate([embedder.encode(texts[:n]) for n in range(1, 41)])
    alone = np.concatenate([embedder.encode([t]) for n in range(1, 41) for t in texts[:n]])

    # 40 encodes of 1 to 40 sentences of 2 to 17 words (up to 20 tokens): two widths (16 and 32)
    # and five row counts, where exact shapes would be dozens.
    assert {rows for rows, _ in shapes} <= {1, 2, 4, 8, 16}
    assert {width % WIDTH_STEP for _, width in shapes} == {0}
    assert len(shapes) <= 10
    np.testing.assert_allclose(together, alone, atol=1e-5)


def test_the_fluency_reader_sees_few_shapes_and_padding_leaves_scores_unchanged(
    float32_reader: FluencyReader,
) -> None:
    model = float32_reader._model
    shapes = record_shapes(model)
    products: set[int] = set()  # tokens a block's matrix product reads
    hook = model.layers[0].o_proj.register_forward_pre_hook(lambda _m, args: products.add(args[0].shape[0]))
    texts = sentences(21)

    together = float32_reader.fluency(texts, Deadline.after(60))
    alone = [float32_reader.fluency([t], Deadline.after(60)) for t in texts]
    hook.remove()  # the reader is shared with later tests

    assert together is not None and all(score is not None for score in alone)
    assert {rows for rows, _ in shapes} <= {1, 2, 4, 8, 16}
    assert {width % WIDTH_STEP for _, width in shapes} == {0}
    assert {tokens % WIDTH_STEP for tokens in products} == {0}
    np.testing.assert_allclose(together, [score[0] for score in alone if score], atol=1e-4)


def test_the_fluency_reader_batches_wordings_of_like_length_together(float32_reader: FluencyReader) -> None:
    shapes = record_shapes(float32_reader._model)
    openers = "Talks Strikes Hearings Flights Trials Games Classes Markets".split()  # no opening shared
    short = [f"{opener} resumed." for opener in openers]
    long = [f"{opener} {' '.join(WORDS * 2)}." for opener in openers]
    texts = [text for pair in zip(short, long, strict=True) for text in pair]  # lengths mixed

    scores = float32_reader.fluency(texts, Deadline.after(60))

    assert scores is not None and len(scores) == 16
    # One pass of the eight short rows at the narrowest width, one of the eight long ones.
    assert {rows for rows, _ in shapes} == {8} and len(shapes) == 2
    assert min(width for _, width in shapes) == WIDTH_STEP


def test_shorter_versions_read_on_from_their_sentence_and_score_as_read_alone(
    float32_reader: FluencyReader,
) -> None:
    fed: list[tuple[int, int, bool]] = []  # rows and width of a pass, and whether it continues a past
    hook = float32_reader._model.register_forward_pre_hook(
        lambda _module, args: fed.append((*args[0].shape, len(args) > 1 and args[1] is not None))
    )
    sentence = "The minister said on Tuesday that talks with the union over pay would resume next week."
    texts = [
        sentence,
        "The minister said that talks with the union over pay would resume next week.",
        "The minister said on Tuesday that talks with the union would resume next week.",
        "The minister said on Tuesday that talks with the union over pay would resume.",
        sentence,  # a copy reads nothing of its own
        "Pay talks would resume next week, the minister said.",  # opens otherwise: read whole
    ]

    together = float32_reader.fluency(texts, Deadline.after(60))
    hook.remove()  # the reader is shared with later tests
    alone = [float32_reader.fluency([text], Deadline.after(60)) for text in texts]

    assert together is not None and all(score is not None for score in alone)
    np.testing.assert_allclose(together, [score[0] for score in alone if score], atol=1e-4)
    # Two rows read from the start: the sentence (18 tokens with the start token: two width steps)
    # and the one that opens otherwise. The other four continue the sentence, each fed from where
    # it parts from it: one width step.
    assert sum(rows for rows, _, continues in fed if not continues) == 2
    assert sum(rows for rows, _, continues in fed if continues) == 4
    assert {width for _, width, continues in fed if continues} == {WIDTH_STEP}
    assert max(width for _, width, _ in fed) == 2 * WIDTH_STEP
