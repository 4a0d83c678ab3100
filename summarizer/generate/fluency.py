"""How fluent a wording reads to a causal language model: its mean token log-probability.

Shared by the in-process backends; each brings its tokenizer and its forward pass.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from summarizer.cores import Cores, lent
from summarizer.request import Deadline
from summarizer.shapes import padded_width

if TYPE_CHECKING:
    from summarizer.networks import Past

# One forward pass reads at most this many rows, padded to one width, in all (its attention and,
# at worst, its logits: tokens x 49,152 floats); its products read only the rows' own tokens, so
# rows of unlike lengths share a pass, and the fewer and fuller the passes, the faster
# (docs/decisions.md, "Reading without padding").
PASS_CELLS = 512
PASS_ROWS = 16
# A wording that opens with at least this many of an earlier text's tokens reads on from that text.
SHARED_OPENING = 2


@dataclass(frozen=True)
class _Read:
    """One row of a forward pass: `tokens` fed after `past` (None: from the start)."""

    tokens: list[int]
    past: Past | None = None


def read_fluency(
    texts: Sequence[str],
    tokens: Callable[[str], list[int]],
    forward: Callable[[Any, Any, Any, Any], tuple[Any, Any]],
    start: int,
    pad: int,
    device: str,
    cores: Cores | None,
    deadline: Deadline,
) -> list[float] | None:
    """Each text's mean log-probability per token after the `start` token; None once `deadline`
    passes. `forward(ids, past, wanted, lengths)` gives the logits of token ids (which continue
    `past`, when given; each row padded after its first `lengths`) at the `wanted` positions, row
    by row, and, for a read from the start, a past to continue, or None where it keeps none.

    Condensing offers a sentence and its shorter versions, which mostly open as it does: their
    opening tokens' log-probabilities are the sentence's, so where `forward` keeps a past, a
    version reads only from where it parts from the sentence, attending to the sentence's keys
    and values (on the canonical bundle, 43% of the wordings' tokens are such openings).
    """
    rows = [[start, *tokens(text)] for text in texts]
    openers = _openers(rows)
    firsts = [i for i in range(len(rows)) if i not in openers]
    read = _passes([_Read(rows[i]) for i in firsts], forward, pad, device, cores, deadline)
    if read is None:
        return None
    chosen = dict(zip(firsts, (logprobs for logprobs, _ in read), strict=True))
    pasts = dict(zip(firsts, (past for _, past in read), strict=True))
    reads = []
    for i, (opener, shared) in openers.items():
        past = pasts[opener]
        # Fed from its last shared token on, whose logits give the first token of its own.
        reads.append(_Read(rows[i][shared - 1 :], past.row(0, shared - 1)) if past else _Read(rows[i]))
    read = _passes(reads, forward, pad, device, cores, deadline)
    if read is None:
        return None
    for (i, (opener, shared)), (logprobs, _) in zip(openers.items(), read, strict=True):
        chosen[i] = logprobs if pasts[opener] is None else chosen[opener][: shared - 1] + logprobs
    return [sum(chosen[i]) / max(len(chosen[i]), 1) for i in range(len(rows))]


def _openers(rows: Sequence[list[int]]) -> dict[int, tuple[int, int]]:
    """The rows that open as an earlier row read from the start does (at least `SHARED_OPENING`
    tokens after the start token): for each, the row that shares most of its opening, and how
    many tokens it shares. The other rows are read from the start."""
    openers: dict[int, tuple[int, int]] = {}
    for i, row in enumerate(rows):
        shared, opener = max(
            ((_shared_opening(rows[j], row), j) for j in range(i) if j not in openers), default=(0, 0)
        )
        if shared - 1 >= SHARED_OPENING:
            openers[i] = (opener, shared)
    return openers


def _shared_opening(a: list[int], b: list[int]) -> int:
    shared = 0
    for x, y in zip(a, b, strict=False):  # to the shorter row
        if x != y:
            break
        shared += 1
    return shared


def _passes(
    reads: Sequence[_Read],
    forward: Callable[[Any, Any, Any, Any], tuple[Any, Any]],
    pad: int,
    device: str,
    cores: Cores | None,
    deadline: Deadline,
) -> list[tuple[list[float], Any]] | None:
    """For each read, the log-probability of each fed token after the first, and its past (one
    row, its own tokens; None for a continuation or where `forward` keeps none); None once
    `deadline` passes.

    Those that continue a past run apart from those that start afresh. Rows are padded on the
    right, so causal attention keeps every row's positions its own.
    """
    import torch

    from summarizer.networks import Past

    results: list[tuple[list[float], Any]] = [([], None)] * len(reads)
    for continuing in (False, True):
        for batch_reads in _batches(
            [i for i, r in enumerate(reads) if (r.past is not None) == continuing], reads
        ):
            if deadline.passed:
                return None
            batch = [reads[i] for i in batch_reads]
            width = padded_width(max(len(r.tokens) for r in batch))  # few shapes: summarizer/shapes.py
            ids = torch.full((len(batch), width), pad, dtype=torch.long)
            for row, r in enumerate(batch):
                ids[row, : len(r.tokens)] = torch.tensor(r.tokens)
            pasts = [r.past for r in batch if r.past is not None]  # all of a continuing batch, or none
            past = Past.stacked(pasts, padded_width(max(int(p.lengths[0]) for p in pasts))) if pasts else None
            lengths = torch.tensor([len(r.tokens) for r in batch])
            # Each row's positions that have a next token of its own to predict.
            wanted = torch.arange(width)[None] < lengths[:, None] - 1
            with lent(cores, len(reads)), torch.inference_mode():
                logits, kept = forward(ids.to(device), past, wanted.to(device), lengths.to(device))
                logits = logits.float()
                following = ids.roll(-1, dims=1)[wanted].to(device)
                # log_softmax's value at each next token, without writing the whole vocabulary's
                chosen = logits.gather(1, following[:, None])[:, 0] - logits.logsumexp(-1)
            rows = chosen.cpu().split([len(r.tokens) - 1 for r in batch])
            for row, (i, r) in enumerate(zip(batch_reads, batch, strict=True)):
                own = kept.row(row, len(r.tokens)) if kept is not None else None
                results[i] = (rows[row].tolist(), own)
    return results


def _batches(indices: Sequence[int], reads: Sequence[_Read]) -> list[list[int]]:
    """`indices` of `reads`, shortest first, in passes of a power of two rows (few shapes:
    summarizer/shapes.py), each as many as `PASS_ROWS` and `PASS_CELLS` allow."""
    ordered = sorted(indices, key=lambda i: len(reads[i].tokens))
    batches: list[list[int]] = []
    while ordered:
        rows = 1 << (min(len(ordered), PASS_ROWS).bit_length() - 1)
        while rows > 1 and rows * padded_width(len(reads[ordered[rows - 1]].tokens)) > PASS_CELLS:
            rows //= 2
        batches.append(ordered[:rows])
        ordered = ordered[rows:]
    return batches
