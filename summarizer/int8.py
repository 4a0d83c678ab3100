"""The packaged model's reader in 8-bit integers, for CPUs without native bfloat16.

On such a CPU the reader runs in float32 and is most of a condensed brief's time. Its matrix
products run about four times as fast in 8-bit integers (`torch._int_mm`, VNNI instructions), but
a Llama's activations have a few channels far larger than the rest, and one scale for a whole
batch of them rounds the others away (torch's dynamic quantisation: scores 1.1 nats off on
average, docs/decisions.md). So each token's activations get a scale of their own, each output
channel's weights one of its own, and SmoothQuant (Xiao et al., 2023) moves part of the outlier
channels' range from the activations into the weights before quantising. All of that is done
once, when the model is prepared (each channel's largest activation measured on invented news
sentences, `calibration.txt`), and kept beside its float32 weights; a reader then loads it in
a fraction of a second. Moving range is exact: a norm's weight, or the product before, is
divided by what the product after is multiplied by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import torch
from safetensors.torch import load_file, save_file
from torch import nn

from summarizer.networks import Joined, LlamaBlock, LlamaDecoder

INT8_FILE = "model.int8.safetensors"  # beside the prepared model's float32 weights
# How much of an outlier channel's range moves into the weights: 0.5 splits it evenly. On the
# first 40 dev clusters' wordings 0.3, 0.5 and 0.7 changed 5, 4 and 4 of 268 condensing decisions.
MIGRATION = 0.5
_LEVELS = 127.0  # a signed 8-bit integer's largest magnitude, used symmetrically
_PRODUCTS = ("attention_in", "o_proj", "mlp_in", "down_proj")  # a block's matrix products


class Int8Linear(nn.Module):
    """A linear layer without bias whose product runs in 8-bit integers: `weight` (out x in)
    quantised per output channel by `scales`, activations per token at every call, the integer
    product rescaled."""

    weight: torch.Tensor
    scales: torch.Tensor

    def __init__(self, weight: torch.Tensor, scales: torch.Tensor) -> None:
        super().__init__()
        self.register_buffer("weight", weight)
        self.register_buffer("scales", scales)

    @classmethod
    def quantising(cls, weight: torch.Tensor) -> Int8Linear:
        weight = weight.detach().float()
        scales = weight.abs().amax(dim=1).clamp(min=1e-8) / _LEVELS
        return cls(torch.round(weight / scales[:, None]).to(torch.int8), scales)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rows = x.reshape(-1, x.shape[-1])
        token_scales = rows.abs().amax(dim=1, keepdim=True).clamp_(min=1e-8).div_(_LEVELS)
        quantised = (rows / token_scales).round_().to(torch.int8)
        # int32 sums of int8 products: no overflow below 130,000 input channels.
        product = torch._int_mm(quantised, self.weight.T).float()
        return product.mul_(token_scales).mul_(self.scales).reshape(*x.shape[:-1], -1)


def prepare_int8(
    model: LlamaDecoder, read: Callable[[Sequence[str]], None], texts: Sequence[str], directory: Path
) -> None:
    """Measure `model`'s activations while `read` feeds it `texts`, smooth and quantise it, and
    keep what differs from its float32 weights in `directory`. `model` is changed in place."""
    maxima = _measure(model, read, texts)
    with torch.no_grad():
        for i, layer in enumerate(_blocks(model)):
            attention_in = _migration(maxima[f"{i}.attention_in"], _weight(layer.attention_in))
            layer.input_layernorm.weight.div_(attention_in)
            mlp_in = _migration(maxima[f"{i}.mlp_in"], _weight(layer.mlp_in))
            layer.post_attention_layernorm.weight.div_(mlp_in)
            down = _migration(maxima[f"{i}.down_proj"], _weight(layer.down_proj))
            # The down product's input is silu(gate) * up: dividing up's rows divides it.
            up_rows = torch.cat([torch.ones_like(down), down])
            layer.attention_in = Int8Linear.quantising(_weight(layer.attention_in) * attention_in)
            layer.mlp_in = Int8Linear.quantising(_weight(layer.mlp_in) * mlp_in / up_rows[:, None])
            layer.o_proj = Int8Linear.quantising(_weight(layer.o_proj))
            layer.down_proj = Int8Linear.quantising(_weight(layer.down_proj) * down)
        model.lm_head = Int8Linear.quantising(_weight(model.lm_head))
    state = {name: t.contiguous() for name, t in model.state_dict().items() if name != "embed_tokens.weight"}
    save_file(state, str(directory / INT8_FILE))


def load_int8(model: LlamaDecoder, directory: Path) -> LlamaDecoder | None:
    """`model` (float32, on the CPU) reading in 8-bit integers as prepared in `directory`; None
    where the directory was not prepared for it. The embedding table stays float32 for lookups."""
    path = directory / INT8_FILE
    if not path.exists():
        return None
    state = load_file(str(path))
    state["embed_tokens.weight"] = model.embed_tokens.weight
    for layer in _blocks(model):  # empty modules of the right kind, which the file fills
        for part in _PRODUCTS:
            setattr(layer, part, _empty_int8(getattr(layer, part)))
    model.lm_head = _empty_int8(model.lm_head)
    model.load_state_dict(state, strict=True, assign=True)
    return model


def _empty_int8(product: nn.Module) -> Int8Linear:
    parts = (
        [cast(nn.Linear, p) for p in product.parts]
        if isinstance(product, Joined)
        else [cast(nn.Linear, product)]
    )
    out = sum(part.out_features for part in parts)
    return Int8Linear(torch.empty((out, parts[0].in_features), dtype=torch.int8), torch.empty(out))


def _blocks(model: LlamaDecoder) -> list[LlamaBlock]:
    return [cast(LlamaBlock, layer) for layer in model.layers]


def _weight(product: nn.Module) -> torch.Tensor:
    weight = product.weight
    assert isinstance(weight, torch.Tensor)
    return weight


def _measure(
    model: LlamaDecoder, read: Callable[[Sequence[str]], None], texts: Sequence[str]
) -> dict[str, torch.Tensor]:
    """Each smoothed product's largest input, channel by channel, while `read` feeds `texts`."""
    maxima: dict[str, torch.Tensor] = {}

    def record(name: str) -> Callable[..., None]:
        def hook(_module: nn.Module, inputs: tuple[torch.Tensor, ...], _output: torch.Tensor) -> None:
            largest = inputs[0].detach().abs().reshape(-1, inputs[0].shape[-1]).amax(dim=0).float()
            maxima[name] = torch.maximum(maxima[name], largest) if name in maxima else largest

        return hook

    hooks = [
        getattr(layer, part).register_forward_hook(record(f"{i}.{part}"))
        for i, layer in enumerate(model.layers)
        for part in ("attention_in", "mlp_in", "down_proj")  # the products whose input is smoothed
    ]
    try:
        read(texts)
    finally:
        for hook in hooks:
            hook.remove()
    return maxima


def _migration(activations: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    """Per input channel, the factor that divides the activations and multiplies the weights."""
    weights = weight.detach().abs().amax(dim=0).float()
    return (activations.clamp(min=1e-5) ** MIGRATION / weights.clamp(min=1e-5) ** (1 - MIGRATION)).clamp(
        min=1e-3
    )
