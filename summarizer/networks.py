"""The two networks the service runs, built from torch's own layers and loaded from safetensors.

MiniLM is a BERT encoder; SmolLM2 is a Llama decoder. transformers defines both, but importing
its modeling code takes over two seconds here (it pulls in torch.distributed and torch._dynamo),
most of a cold start whose budget is five; torch's layers are already loaded. The forward passes
match transformers' (tests/test_networks.py compares them in float32); transformers still drafts
with any model, and prepares the packaged one from its GGUF file (summarizer/generate/prepare.py).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from safetensors.torch import load_file
from torch import nn


class BertEncoder(nn.Module):
    """BERT's embeddings and post-norm encoder layers; returns the last layer's token states."""

    def __init__(self, config: dict[str, Any]) -> None:
        super().__init__()
        width, eps = config["hidden_size"], config["layer_norm_eps"]
        self.words = _embedding(config["vocab_size"], width)
        self.positions = _embedding(config["max_position_embeddings"], width)
        self.segments = _embedding(config["type_vocab_size"], width)
        self.norm = nn.LayerNorm(width, eps=eps)
        layer = nn.TransformerEncoderLayer(
            width,
            config["num_attention_heads"],
            config["intermediate_size"],
            dropout=0.0,
            activation=_gelu,
            layer_norm_eps=eps,
            batch_first=True,
        )
        self.layers = nn.TransformerEncoder(layer, config["num_hidden_layers"], enable_nested_tensor=False)

    def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        places = torch.arange(ids.shape[1], device=ids.device)
        # Every sentence is segment 0.
        states = self.norm(self.words(ids) + self.positions(places)[None] + self.segments.weight[0])
        return self.layers(states, src_key_padding_mask=mask == 0)


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
        self.q_proj = nn.Linear(width, self.heads * self.head_width, bias=False)
        self.k_proj = nn.Linear(width, self.kv_heads * self.head_width, bias=False)
        self.v_proj = nn.Linear(width, self.kv_heads * self.head_width, bias=False)
        self.o_proj = nn.Linear(self.heads * self.head_width, width, bias=False)
        self.post_attention_layernorm = RMSNorm(width, eps=eps)
        self.gate_proj = nn.Linear(width, inner, bias=False)
        self.up_proj = nn.Linear(width, inner, bias=False)
        self.down_proj = nn.Linear(inner, width, bias=False)

    def forward(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        rows, tokens, _ = x.shape
        y = self.input_layernorm(x)
        q = self.q_proj(y).view(rows, tokens, self.heads, self.head_width).transpose(1, 2)
        k = self.k_proj(y).view(rows, tokens, self.kv_heads, self.head_width).transpose(1, 2)
        v = self.v_proj(y).view(rows, tokens, self.kv_heads, self.head_width).transpose(1, 2)
        # Causal attention alone suffices: rows are padded on the right, after their own tokens.
        attended = F.scaled_dot_product_attention(
            _rotated(q, cos, sin), _rotated(k, cos, sin), v, is_causal=True, enable_gqa=True
        )
        x = x + self.o_proj(attended.transpose(1, 2).reshape(rows, tokens, -1))
        y = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(y)) * self.up_proj(y))


class LlamaDecoder(nn.Module):
    """A Llama decoder with tied input and output embeddings; returns every position's logits."""

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
        self.head_width, self.rope_theta = head_width, float(rope["rope_theta"])

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        x = self.embed_tokens(ids)
        steps = torch.arange(0, self.head_width, 2, device=ids.device, dtype=torch.float32)
        places = torch.arange(ids.shape[1], device=ids.device, dtype=torch.float32)
        angles = places[:, None] / self.rope_theta ** (steps / self.head_width)[None]
        angles = torch.cat([angles, angles], dim=-1)
        cos, sin = angles.cos().to(x.dtype), angles.sin().to(x.dtype)
        for layer in self.layers:
            x = layer(x, cos, sin)
        return self.norm(x) @ self.embed_tokens.weight.T


def _embedding(rows: int, width: int) -> nn.Embedding:
    """An embedding table whose weights the file will fill. Not drawn at random first: on the meta
    device that draw imports torch._dynamo, most of a second."""
    return nn.Embedding.from_pretrained(torch.empty(rows, width))


def _gelu(x: torch.Tensor) -> torch.Tensor:
    """BERT's exact GELU. A function of its own, not `F.gelu`: torch sends layers with an activation
    it recognises down a fused fast path, which ran twice as slow in bfloat16 on this CPU."""
    return F.gelu(x)


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
        theirs, mine = f"encoder.layer.{i}.", f"layers.layers.{i}."
        attention = theirs + "attention.self."
        for part in ("weight", "bias"):
            ours[f"{mine}self_attn.in_proj_{part}"] = torch.cat(
                [weights[f"{attention}{name}.{part}"] for name in ("query", "key", "value")]
            )
            ours[f"{mine}self_attn.out_proj.{part}"] = weights[f"{theirs}attention.output.dense.{part}"]
            ours[f"{mine}norm1.{part}"] = weights[f"{theirs}attention.output.LayerNorm.{part}"]
            ours[f"{mine}linear1.{part}"] = weights[f"{theirs}intermediate.dense.{part}"]
            ours[f"{mine}linear2.{part}"] = weights[f"{theirs}output.dense.{part}"]
            ours[f"{mine}norm2.{part}"] = weights[f"{theirs}output.LayerNorm.{part}"]
    with torch.device("meta"):  # no memory for weights that the file's replace at once
        model = BertEncoder(config)
    model.load_state_dict(ours, assign=True)
    return model.to(device=device, dtype=dtype).eval()


def load_llama(directory: Path, dtype: torch.dtype, device: str) -> LlamaDecoder:
    """The Llama decoder in `directory` (config.json, model.safetensors), ready for inference."""
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    weights = {
        k.removeprefix("model.").replace("self_attn.", "").replace("mlp.", ""): v
        for k, v in load_file(str(directory / "model.safetensors")).items()
        if k != "lm_head.weight"  # tied: the input embeddings
    }
    with torch.device("meta"):
        model = LlamaDecoder(config)
    model.load_state_dict(weights, strict=True, assign=True)
    return model.to(device=device, dtype=dtype).eval()
