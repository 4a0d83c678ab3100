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
    texts = sentences(21)

    together = float32_reader.fluency(texts, Deadline.after(60))
    alone = [float32_reader.fluency([t], Deadline.after(60)) for t in texts]

    assert together is not None and all(score is not None for score in alone)
    assert {rows for rows, _ in shapes} <= {1, 2, 4, 8}
    assert {width % WIDTH_STEP for _, width in shapes} == {0}
    np.testing.assert_allclose(together, [score[0] for score in alone if score], atol=1e-4)


def test_the_fluency_reader_batches_wordings_of_like_length_together(float32_reader: FluencyReader) -> None:
    shapes = record_shapes(float32_reader._model)
    short, long = "Talks resumed.", " ".join(WORDS * 2).capitalize() + "."
    texts = [short, long] * 8  # as a sentence and its shorter wordings come: lengths mixed

    scores = float32_reader.fluency(texts, Deadline.after(60))

    assert scores is not None and scores[0::2] == pytest.approx([scores[0]] * 8, abs=1e-4)
    # One pass of the eight short rows at the narrowest width, one of the eight long ones.
    assert [rows for rows, _ in shapes] == [8, 8] and min(width for _, width in shapes) == WIDTH_STEP
