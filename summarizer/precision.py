"""Where a model runs and in what precision: one rule for the embedder and the generator."""

from __future__ import annotations

from typing import Any


def resolve_device(name: str) -> str:
    """'auto' is CUDA when available, else the CPU; anything else is taken as given."""
    if name != "auto":
        return name
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


def resolve_dtype(name: str, device: str) -> Any:
    """The weights' precision: bfloat16 where the hardware computes in it natively, else float32.

    On a CPU with AVX-512 BF16 (or AMX) bfloat16 halves the memory a forward pass reads and
    runs the matrix products natively: about twice as fast here, for sentence vectors within
    0.005 cosine of float32's. Elsewhere on a CPU bfloat16 is emulated and slower than float32.
    """
    import torch

    if name == "int8":  # only the packaged model's reader computes in integers (`reads_in_int8`)
        return torch.float32
    if name != "auto":
        return getattr(torch, name)
    if device.startswith("cuda"):
        return torch.bfloat16
    return torch.bfloat16 if _native_bfloat16() else torch.float32


def reads_in_int8(name: str, device: str) -> bool:
    """Whether the packaged model's reader runs its matrix products in 8-bit integers: asked for
    ('int8'), or 'auto' on a CPU without native bfloat16, where the alternative is float32 at
    half the speed for scores within a few hundredths of a nat (summarizer/int8.py). A GPU reads
    in its floating precision."""
    return device == "cpu" and (name == "int8" or (name == "auto" and not _native_bfloat16()))


def _native_bfloat16() -> bool:
    import torch

    return bool(
        getattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)()
        or getattr(torch.cpu, "_is_amx_tile_supported", lambda: False)()
    )
