"""The two networks the service runs, built from torch's own layers and loaded from safetensors.

MiniLM is a BERT encoder; SmolLM2 is a Llama decoder. transformers defines both, but importing
its modeling code takes over two seconds here (it pulls in torch.distributed and torch._dynamo),
most of a cold start whose budget is five; torch's layers are already loaded. The forward passes
match transformers' (tests/test_networks.py compares them in float32); transformers still drafts
with any model, and prepares the packaged one from its GGUF file (summarizer/generate/prepare.py).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from torch import nn

from summarizer.shapes import padded_width


class BertEncoder(nn.Module):
    """BERT's embeddings and post-norm encoder layers; returns the last layer's token states."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        width, eps = config["hidden_size"], config["layer_norm_eps"]
        self.words = _embedding(config["vocab_size"], width)
        self.positions = _embedding(config["max_position_embeddings"], width)
        self.segments = _embedding(config["type_vocab_size"], width)
        self.norm = nn.LayerNorm(width, eps=eps)
        self.layers = nn.ModuleList(
            BertLayer(width, config["num_attention_heads"], config["intermediate_size"], eps)
            for _ in range(config["num_hidden_layers"])
        )

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        places = torch.arange(ids.shape[1], device=ids.device)
        # Every sentence is segment 0.
        states = self.norm(self.words(ids) + self.positions(places)[None] + self.segments.weight[0])
        keys = (mask != 0)[:, None, None, :]  # each token attends to its sentence's tokens, not padding
        for layer in self.layers:
            states = layer(states, keys)
        return states


class BertLayer(nn.Module):
    """One post-norm encoder layer. Not torch's `nn.TransformerEncoderLayer`: its padding check
    imports torch's symbolic shapes and sympy on the first call (a third of a second of every cold
    start), and it sends layers whose activation it recognises down a fused path that ran twice as
    slow in bfloat16 on this CPU."""

    def __init__(self, width: int, heads: int, inner: int, eps: float) -> None:
        super().__init__()
        self.heads = heads
        self.attention_in = nn.Linear(width, 3 * width)  # queries, keys and values in one product
        self.attention_out = nn.Linear(width, width)
        self.attention_norm = nn.LayerNorm(width, eps=eps)
        self.mlp_in = nn.Linear(width, inner)
        self.mlp_out = nn.Linear(inner, width)
        self.mlp_norm = nn.LayerNorm(width, eps=eps)

    def forward(self, x: torch.Tensor, keys: torch.Tensor) -> torch.Tensor:
        rows, tokens, width = x.shape
        q, k, v = self.attention_in(x).view(rows, tokens, 3, self.heads, -1).permute(2, 0, 3, 1, 4)
        attended = F.scaled_dot_product_attention(q, k, v, attn_mask=keys)
        x = self.attention_norm(x + self.attention_out(attended.transpose(1, 2).reshape(rows, tokens, width)))
        return self.mlp_norm(x + self.mlp_out(F.gelu(self.mlp_in(x))))


class RMSNorm(nn.RMSNorm):
    """Llama's norm: computed in float32 and cast back before the weight, as transformers does."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        assert self.weight is not None and self.eps is not None
        return self.weight * F.rms_norm(x.float(), self.normalized_shape, eps=self.eps).to(x.dtype)


class LlamaBlock(nn.Module):
    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        width, inner, eps = config["hidden_size"], config["intermediate_size"], config["rms_norm_eps"]
        self.heads, self.kv_heads = config["num_attention_heads"], config["num_key_value_heads"]
        self.head_width = config.get("head_dim") or width // self.heads
        self.input_layernorm = RMSNorm(width, eps=eps)
        # Typed as modules: an 8-bit reader (summarizer/int8.py) puts products of its own here,
        # one for queries, keys and values, and one for gate and up, so it quantises an input once.
        self.attention_in: nn.Module = Joined(
            nn.Linear(width, self.heads * self.head_width, bias=False),
            nn.Linear(width, self.kv_heads * self.head_width, bias=False),
            nn.Linear(width, self.kv_heads * self.head_width, bias=False),
        )
        self.o_proj: nn.Module = nn.Linear(self.heads * self.head_width, width, bias=False)
        self.post_attention_layernorm = RMSNorm(width, eps=eps)
        self.mlp_in: nn.Module = Joined(
            nn.Linear(width, inner, bias=False), nn.Linear(width, inner, bias=False)
        )
        self.down_proj: nn.Module = nn.Linear(inner, width, bias=False)

    def forward(
        self,
        x: torch.Tensor,
        own: torch.Tensor,
        cos: torch.Tensor,
        sin: torch.Tensor,
        mask: torch.Tensor | None,
        past: tuple[torch.Tensor, torch.Tensor] | None,
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """The block's output for `x`, the rows' own tokens one after another (`own`: where each
        stands in its padded row), and the keys and values they add (rotary applied), row by row."""
        rows, width = own.shape
        # Only attention needs rows: the products read no padding.
        heads = _in_rows(self.attention_in(self.input_layernorm(x)), own)
        heads = heads.view(rows, width, -1, self.head_width)
        q, k, v = heads.transpose(1, 2).split([self.heads, self.kv_heads, self.kv_heads], dim=1)
        k = _rotated(k, cos, sin)
        keys, values = (torch.cat([past[0], k], dim=2), torch.cat([past[1], v], dim=2)) if past else (k, v)
        # Without a past, causal attention alone suffices: rows are padded on the right, after
        # their own tokens. With one, `mask` also hides the padding between a row's past and it.
        attended = F.scaled_dot_product_attention(
            _rotated(q, cos, sin), keys, values, attn_mask=mask, is_causal=mask is None, enable_gqa=True
        )
        x = x + self.o_proj(attended.transpose(1, 2).reshape(rows, width, -1)[own])
        gate, up = self.mlp_in(self.post_attention_layernorm(x)).chunk(2, dim=-1)
        return x + self.down_proj(F.silu(gate) * up), k, v


def _in_rows(tokens: torch.Tensor, own: torch.Tensor) -> torch.Tensor:
    """Packed `tokens` (tokens x features) put back in their padded rows (rows x width x
    features), zeros for padding."""
    rows = tokens.new_zeros(*own.shape, tokens.shape[-1])
    rows[own] = tokens
    return rows


class Joined(nn.Module):
    """Products of one input side by side, as one product whose output is theirs, in order. Kept
    as parts in floating point, where each weight stays as the file holds it (joined copies cost a
    quarter of a gigabyte); an 8-bit reader makes one product of them."""

    def __init__(self, *parts: nn.Linear) -> None:
        super().__init__()
        self.parts = nn.ModuleList(parts)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.cat([part(x) for part in self.parts], dim=-1)

    @property
    def weight(self) -> torch.Tensor:
        """The parts' weights as one (out x in): a new tensor."""
        return torch.cat([cast(nn.Linear, part).weight for part in self.parts])


@dataclass(frozen=True)
class Past:
    """What a decoder has read: every layer's keys (rotary applied) and values, position by
    position, for each row's first `lengths` positions, padded on the right to one width."""

    keys: tuple[torch.Tensor, ...]  # a layer's: rows x kv heads x positions x head width
    values: tuple[torch.Tensor, ...]
    lengths: torch.Tensor  # rows

    def row(self, index: int, length: int) -> Past:
        """Row `index`'s first `length` positions, as a past of one row."""
        return Past(
            tuple(k[index : index + 1, :, :length] for k in self.keys),
            tuple(v[index : index + 1, :, :length] for v in self.values),
            torch.tensor([length], device=self.lengths.device),
        )

    @staticmethod
    def stacked(rows: Sequence[Past], width: int) -> Past:
        """Pasts of one row each as one past of many, each padded on the right to `width`."""

        def stack(layers: Sequence[torch.Tensor]) -> torch.Tensor:
            return torch.cat([F.pad(t, (0, 0, 0, width - t.shape[2])) for t in layers])

        return Past(
            tuple(stack([p.keys[i] for p in rows]) for i in range(len(rows[0].keys))),
            tuple(stack([p.values[i] for p in rows]) for i in range(len(rows[0].values))),
            torch.cat([p.lengths for p in rows]),
        )


class LlamaDecoder(nn.Module):
    """A Llama decoder with tied input and output embeddings."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        if not config.get("tie_word_embeddings", False):
            raise ValueError("only a Llama model whose output embeddings are its input embeddings")
        heads = config["num_attention_heads"]
        head_width = config.get("head_dim") or config["hidden_size"] // heads
        rope = config.get("rope_parameters") or {"rope_theta": config.get("rope_theta", 10000.0)}
        if rope.get("rope_type", "default") != "default":
            raise ValueError(f"unsupported rotary embedding {rope['rope_type']!r}")
        self.embed_tokens = _embedding(config["vocab_size"], config["hidden_size"])
        self.layers = nn.ModuleList(LlamaBlock(config) for _ in range(config["num_hidden_layers"]))
        self.norm = RMSNorm(config["hidden_size"], eps=config["rms_norm_eps"])
        self.lm_head: nn.Module = nn.Linear(config["hidden_size"], config["vocab_size"], bias=False)
        self.head_width, self.rope_theta = head_width, float(rope["rope_theta"])

    def forward(
        self,
        ids: torch.Tensor,
        past: Past | None = None,
        wanted: torch.Tensor | None = None,
        lengths: torch.Tensor | None = None,
    ) -> tuple[torch.Tensor, Past | None]:
        """The logits of `ids`, which continue `past` when it is given (each row from its past's
        length on): every position's (rows x width x vocabulary), or only those `wanted` (a mask
        the shape of `ids`; their logits in one row, row by row). Rows are padded on the right
        after their first `lengths` tokens (None: no padding). And, for a read from the start,
        its past; a continuation's is not kept: nothing reads on from one."""
        rows, width = ids.shape
        columns = torch.arange(width, device=ids.device)
        own = (
            columns[None] < lengths[:, None]
            if lengths is not None
            else torch.ones(rows, width, dtype=torch.bool, device=ids.device)
        )
        # The products read a multiple of WIDTH_STEP tokens (few shapes: summarizer/shapes.py):
        # the first padding positions ride along, unseen by the rows' own tokens.
        tokens = int(own.sum())
        own.view(-1)[(~own).flatten().nonzero()[: padded_width(tokens) - tokens, 0]] = True
        x = self.embed_tokens(ids[own])
        start = past.lengths if past else torch.zeros(rows, dtype=torch.long, device=ids.device)
        places = (start[:, None] + columns[None]).float()
        steps = torch.arange(0, self.head_width, 2, device=ids.device, dtype=torch.float32)
        angles = places[..., None] / self.rope_theta ** (steps / self.head_width)
        angles = torch.cat([angles, angles], dim=-1)[:, None]  # rows x 1 (heads) x width x head width
        cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
        mask = None
        if past:  # a row sees its own past, not the padding after it, and its own tokens causally
            own_past = torch.arange(past.keys[0].shape[2], device=ids.device)[None] < past.lengths[:, None]
            causal = torch.ones(width, width, dtype=torch.bool, device=ids.device).tril()
            mask = torch.cat([own_past[:, None].expand(rows, width, -1), causal.expand(rows, -1, -1)], dim=-1)
            mask = mask[:, None]
        keys, values = [], []
        for i, layer in enumerate(self.layers):
            x, k, v = layer(x, own, cos, sin, mask, (past.keys[i], past.values[i]) if past else None)
            keys.append(k)
            values.append(v)
        read = None if past else Past(tuple(keys), tuple(values), torch.full_like(start, width))
        # The output layer is a fifth of the model's work a token: not spent on padding.
        x = self.norm(_in_rows(x, own) if wanted is None else x[wanted[own]])
        return self.lm_head(x), read


# Where transformers' Llama keeps each product, and where ours does.
_PLACES = {
    "self_attn.q_proj": "attention_in.parts.0",
    "self_attn.k_proj": "attention_in.parts.1",
    "self_attn.v_proj": "attention_in.parts.2",
    "self_attn.o_proj": "o_proj",
    "mlp.gate_proj": "mlp_in.parts.0",
    "mlp.up_proj": "mlp_in.parts.1",
    "mlp.down_proj": "down_proj",
}


def _our_name(key: str) -> str:
    name = key.removeprefix("model.")
    for theirs, ours in _PLACES.items():
        name = name.replace(f".{theirs}.", f".{ours}.")
    return name


def _embedding(rows: int, width: int) -> nn.Embedding:
    """An embedding table whose weights the file will fill. Not drawn at random first: on the meta
    device that draw imports torch._dynamo, most of a second."""
    return nn.Embedding.from_pretrained(torch.empty(rows, width))


def _rotated(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """Rotary position embedding, halves rotated (transformers' layout of Llama's weights)."""
    half = x.shape[-1] // 2
    return x * cos + torch.cat([-x[..., half:], x[..., :half]], dim=-1) * sin


def load_bert(directory: Path, dtype: torch.dtype, device: str) -> BertEncoder:
    """The BERT encoder in `directory` (config.json, model.safetensors), ready for inference."""
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    weights = {k.removeprefix("bert."): v for k, v in load_file(str(directory / "model.safetensors")).items()}
    ours = {
        "words.weight": weights["embeddings.word_embeddings.weight"],
        "positions.weight": weights["embeddings.position_embeddings.weight"],
        "segments.weight": weights["embeddings.token_type_embeddings.weight"],
        "norm.weight": weights["embeddings.LayerNorm.weight"],
        "norm.bias": weights["embeddings.LayerNorm.bias"],
    }
    for i in range(config["num_hidden_layers"]):
        theirs, mine = f"encoder.layer.{i}.", f"layers.{i}."
        attention = theirs + "attention.self."
        for part in ("weight", "bias"):
            ours[f"{mine}attention_in.{part}"] = torch.cat(
                [weights[f"{attention}{name}.{part}"] for name in ("query", "key", "value")]
            )
            ours[f"{mine}attention_out.{part}"] = weights[f"{theirs}attention.output.dense.{part}"]
            ours[f"{mine}attention_norm.{part}"] = weights[f"{theirs}attention.output.LayerNorm.{part}"]
            ours[f"{mine}mlp_in.{part}"] = weights[f"{theirs}intermediate.dense.{part}"]
            ours[f"{mine}mlp_out.{part}"] = weights[f"{theirs}output.dense.{part}"]
            ours[f"{mine}mlp_norm.{part}"] = weights[f"{theirs}output.LayerNorm.{part}"]
    with torch.device("meta"):  # no memory for weights that the file's replace at once
        model = BertEncoder(config)
    model.load_state_dict(ours, assign=True)
    return model.to(device=device, dtype=dtype).eval()


def load_llama(directory: Path, dtype: torch.dtype, device: str) -> LlamaDecoder:
    """The Llama decoder in `directory` (config.json, model.safetensors), ready for inference."""
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    weights = {_our_name(k): v for k, v in load_file(str(directory / "model.safetensors")).items()}
    weights["lm_head.weight"] = weights["embed_tokens.weight"]  # tied: the input embeddings
    with torch.device("meta"):
        model = LlamaDecoder(config)
    model.load_state_dict(weights, strict=True, assign=True)
    model.lm_head.weight = model.embed_tokens.weight  # one tensor, as in the file
    return model.to(device=device, dtype=dtype).eval()
