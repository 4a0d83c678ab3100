"""The 8-bit reader (summarizer/int8.py): its products stay close to float32's, smoothing keeps an
outlier channel from rounding the rest away, and what preparation keeps loads as it was made."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
import torch

from summarizer.int8 import INT8_FILE, Int8Linear, load_int8, prepare_int8
from summarizer.networks import LlamaDecoder

CONFIG = {
    "vocab_size": 64,
    "hidden_size": 32,
    "intermediate_size": 64,
    "num_attention_heads": 4,
    "num_key_value_heads": 2,
    "num_hidden_layers": 2,
    "rms_norm_eps": 1e-5,
    "tie_word_embeddings": True,
}
TEXTS = [[1, 5, 9, 14, 3, 22, 40, 7], [1, 33, 2, 18, 60, 11], [1, 8, 8, 41, 27, 30, 5, 19, 50, 12]]


def _decoder(seed: int, outlier: float = 1.0) -> LlamaDecoder:
    """A small random Llama decoder; `outlier` scales one channel of every norm, as a trained
    Llama's activations have a few channels far larger than the rest."""
    torch.manual_seed(seed)
    model = LlamaDecoder(CONFIG)
    with torch.no_grad():
        model.embed_tokens.weight.normal_(std=0.3)
        model.lm_head.weight = model.embed_tokens.weight
        for layer in model.layers:
            for norm in (layer.input_layernorm, layer.post_attention_layernorm):
                norm.weight.fill_(1.0)
                norm.weight[3] = outlier
    return model.eval()


def _log_probs(model: LlamaDecoder, rows: Sequence[list[int]]) -> list[torch.Tensor]:
    with torch.inference_mode():
        return [model(torch.tensor([row]))[0][0].log_softmax(-1) for row in rows]


def _read(model: LlamaDecoder) -> object:
    return lambda _texts: _log_probs(model, TEXTS)


def _largest_gap(a: list[torch.Tensor], b: list[torch.Tensor]) -> float:
    return max(float((x - y).abs().max()) for x, y in zip(a, b, strict=True))


def test_an_int8_product_is_within_a_few_percent_of_the_float_product() -> None:
    torch.manual_seed(0)
    weight, x = torch.randn(48, 32), torch.randn(5, 7, 32)

    exact = x @ weight.T
    product = Int8Linear.quantising(weight)(x)

    assert product.shape == exact.shape
    assert float((product - exact).norm() / exact.norm()) < 0.02


def test_prepared_int8_weights_load_as_they_were_made_and_read_close_to_float32(tmp_path: Path) -> None:
    float32 = _log_probs(_decoder(1), TEXTS)
    made = _decoder(1)
    prepare_int8(made, _read(made), ["calibration"], tmp_path)

    loaded = load_int8(_decoder(1), tmp_path)

    assert loaded is not None and (tmp_path / INT8_FILE).exists()
    assert isinstance(loaded.layers[0].mlp_in, Int8Linear) and isinstance(loaded.lm_head, Int8Linear)
    assert _largest_gap(_log_probs(loaded, TEXTS), _log_probs(made, TEXTS)) == 0.0
    assert _largest_gap(_log_probs(loaded, TEXTS), float32) < 0.15


def test_smoothing_keeps_an_outlier_channel_from_rounding_the_others_away(tmp_path: Path) -> None:
    float32 = _log_probs(_decoder(2, outlier=60.0), TEXTS)
    smoothed = _decoder(2, outlier=60.0)
    prepare_int8(smoothed, _read(smoothed), ["calibration"], tmp_path)
    # The same products quantised as they are, without moving the outlier's range into the weights.
    plain = _decoder(2, outlier=60.0)
    with torch.no_grad():
        for layer in plain.layers:
            for part in ("attention_in", "o_proj", "mlp_in", "down_proj"):
                setattr(layer, part, Int8Linear.quantising(getattr(layer, part).weight))
        plain.lm_head = Int8Linear.quantising(plain.lm_head.weight)

    assert _largest_gap(_log_probs(smoothed, TEXTS), float32) < 0.5 * _largest_gap(
        _log_probs(plain, TEXTS), float32
    )


def test_a_directory_prepared_without_int8_weights_loads_nothing(tmp_path: Path) -> None:
    assert load_int8(_decoder(3), tmp_path) is None


@pytest.mark.parametrize("rows", [1, 3, 40])
def test_an_int8_product_takes_any_number_of_rows(rows: int) -> None:
    linear = Int8Linear.quantising(torch.randn(16, 8))

    assert linear(torch.randn(rows, 8)).shape == (rows, 16)
