"""The device rule: CUDA when the machine has it, the CPU otherwise, and the precision for each."""

from __future__ import annotations

import pytest
import torch

from summarizer.precision import reads_in_int8, resolve_device, resolve_dtype


@pytest.mark.parametrize(("cuda", "expected"), [(True, "cuda"), (False, "cpu")])
def test_auto_picks_cuda_when_available_and_falls_back_to_the_cpu(
    monkeypatch: pytest.MonkeyPatch, cuda: bool, expected: str
) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: cuda)

    assert resolve_device("auto") == expected


def test_a_named_device_is_taken_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)

    assert resolve_device("cpu") == "cpu"
    assert resolve_device("cuda:1") == "cuda:1"


@pytest.mark.parametrize(("native_bf16", "expected"), [(True, torch.bfloat16), (False, torch.float32)])
def test_auto_precision_on_the_cpu_is_bfloat16_only_where_it_is_native(
    monkeypatch: pytest.MonkeyPatch, native_bf16: bool, expected: torch.dtype
) -> None:
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native_bf16, raising=False)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False, raising=False)

    assert resolve_dtype("auto", "cpu") is expected


def test_auto_precision_on_cuda_is_bfloat16_and_a_named_one_is_kept() -> None:
    assert resolve_dtype("auto", "cuda") is torch.bfloat16
    assert resolve_dtype("float32", "cuda") is torch.float32
    assert resolve_dtype("float16", "cpu") is torch.float16


@pytest.mark.parametrize(
    ("name", "device", "native_bf16", "int8"),
    [
        ("auto", "cpu", False, True),  # float32 would be the alternative: half the speed
        ("auto", "cpu", True, False),  # bfloat16 runs natively
        ("auto", "cuda", False, False),
        ("int8", "cpu", True, True),
        ("int8", "cuda", False, False),  # a GPU reads in its floating precision
        ("float32", "cpu", False, False),
    ],
)
def test_the_reader_reads_in_int8_on_a_cpu_without_native_bfloat16_or_when_asked(
    monkeypatch: pytest.MonkeyPatch, name: str, device: str, native_bf16: bool, int8: bool
) -> None:
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: native_bf16, raising=False)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False, raising=False)

    assert reads_in_int8(name, device) is int8
    assert resolve_dtype("int8", device) is torch.float32  # what other models run in when int8 is asked
