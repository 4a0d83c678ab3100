"""Batch shapes for model forward passes, kept to a few: one rule for the embedder and the
fluency reader.

torch's CPU kernels (oneDNN) build and keep a kernel for every input shape they meet, about
5 MB each, up to a thousand of them. Text batches come in every width and row count, so a
service briefing distinct bundles grew by hundreds of megabytes a minute. Widths rounded up to
a step and row counts split into powers of two bound the shapes (16 widths x 5 row counts for a
256-token encoder) for the cost of some padding, which the attention mask hides.
"""

from __future__ import annotations

WIDTH_STEP = 16  # tokens; measured as fast as exact widths for the encoder (padding is cheap)


def padded_width(width: int, step: int = WIDTH_STEP) -> int:
    """`width` rounded up to a multiple of `step`."""
    return -(-width // step) * step


def row_groups(count: int, batch: int) -> list[range]:
    """Consecutive row ranges covering `count` rows: full batches of `batch` rows, then the rest
    in falling powers of two (13 rows in batches of 16: 8, 4, 1), so that every group's row
    count is one of a few."""
    groups: list[range] = []
    start = 0
    while start < count:
        left = count - start
        size = batch if left >= batch else 1 << (left.bit_length() - 1)
        groups.append(range(start, start + size))
        start += size
    return groups
