"""How fluent a wording reads to a causal language model: its mean token log-probability.

Shared by the in-process backends; each brings its tokenizer and its forward pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from summarizer.cores import Cores, lent
from summarizer.request import Deadline
from summarizer.shapes import padded_width, row_groups

# Wordings scored in one forward pass: their logits (rows x tokens x 49,152 floats) bound the memory.
FLUENCY_BATCH = 8


def read_fluency(
    texts: Sequence[str],
    tokens: Callable[[str], list[int]],
    logits: Callable[[Any], Any],
    start: int,
    pad: int,
    device: str,
    cores: Cores | None,
    deadline: Deadline,
) -> list[float] | None:
    """Each text's mean log-probability per token after the `start` token, from `logits` of token
    ids in batches of at most `FLUENCY_BATCH` rows; None once `deadline` passes.

    Rows are padded on the right, so causal attention alone keeps every row's positions its own;
    they are batched shortest first, so that a batch pads its rows to a like length.
    """
    import torch

    token_rows = [[start, *tokens(text)] for text in texts]
    order = sorted(range(len(texts)), key=lambda i: len(token_rows[i]))
    scores = [0.0] * len(texts)
    for group in row_groups(len(texts), FLUENCY_BATCH):
        if deadline.passed:
            return None
        rows = [token_rows[order[i]] for i in group]
        width = padded_width(max(map(len, rows)))  # few shapes: summarizer/shapes.py
        ids = torch.full((len(rows), width), pad, dtype=torch.long)
        counted = torch.zeros((len(rows), width - 1))
        for i, row in enumerate(rows):
            ids[i, : len(row)], counted[i, : len(row) - 1] = torch.tensor(row), 1
        with lent(cores, len(texts)), torch.inference_mode():
            read = logits(ids.to(device)).float()
        chosen = torch.log_softmax(read[:, :-1], dim=-1).gather(2, ids[:, 1:, None].to(device))[..., 0]
        means = ((chosen.cpu() * counted).sum(1) / counted.sum(1).clamp(min=1)).tolist()
        for i, mean in zip(group, means, strict=True):
            scores[order[i]] = mean
    return scores
