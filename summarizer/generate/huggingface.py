"""The in-process transformers backend: a causal or seq2seq model from a directory (or a hub id)."""

from __future__ import annotations

import copy
import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from summarizer.cores import Cores, lent
from summarizer.generate.base import Message
from summarizer.generate.fluency import read_fluency
from summarizer.precision import resolve_device, resolve_dtype
from summarizer.request import Deadline

log = logging.getLogger(__name__)

MIN_SHARED_TOKENS = 32  # below this, caching a shared prompt opening saves less than it costs
_WARM_UP_S = 30.0


class TransformersGenerator:
    """A causal or seq2seq model, loaded once per process."""

    def __init__(
        self, reference: str, device: str = "auto", dtype: str = "auto", cores: Cores | None = None
    ) -> None:
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        self.device = resolve_device(device)
        started = time.perf_counter()
        config = AutoConfig.from_pretrained(reference)
        self._seq2seq = bool(getattr(config, "is_encoder_decoder", False))
        model_class = AutoModelForSeq2SeqLM if self._seq2seq else AutoModelForCausalLM
        model: Any = model_class.from_pretrained(reference, dtype=resolve_dtype(dtype, self.device))
        self._model = model.to(self.device).eval()
        self._cores = cores if self.device == "cpu" else None  # a GPU's kernels take no CPU threads
        self._tokenizer = AutoTokenizer.from_pretrained(reference)
        self._tokenizer.padding_side = "left"  # decoder-only batches must end where generation starts
        if self._tokenizer.pad_token is None:
            self._tokenizer.pad_token = self._tokenizer.eos_token
        self._lock = threading.Lock()  # one generate at a time: the model is not re-entrant on CPU
        self._prefix: tuple[tuple[int, ...], Any] | None = None  # the shared opening's ids and KV cache
        self.name = Path(reference).name if Path(reference).exists() else reference
        # One tiny generation now, so the first brief does not pay for lazy initialisation.
        self.complete([[{"role": "user", "content": "Hello"}]], 2, Deadline.after(_WARM_UP_S))
        self.load_seconds = time.perf_counter() - started
        log.info("generation model %s loaded on %s in %.1f s", self.name, self.device, self.load_seconds)

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        import torch
        from transformers import StoppingCriteriaList

        if not prompts:
            return []
        # Waiting for another brief's batch counts against this one's deadline; past it, no drafts.
        if not self._lock.acquire(timeout=max(deadline.remaining(), 0.01)):
            return [""] * len(prompts)
        try:
            inputs = self._inputs(prompts)
            prompt_length = 0 if self._seq2seq else inputs["input_ids"].shape[1]
            stopping = StoppingCriteriaList([_RowsDone(self._tokenizer, prompt_length, done)] if done else [])
            with lent(self._cores, len(prompts)), torch.inference_mode():
                output = self._model.generate(
                    **inputs,
                    max_new_tokens=max_new_tokens,
                    max_time=max(deadline.remaining(), 0.01),
                    do_sample=False,
                    pad_token_id=self._tokenizer.pad_token_id,
                    stopping_criteria=stopping,
                )
        finally:
            self._lock.release()
        new_tokens = output[:, prompt_length:]
        return [str(self._tokenizer.decode(t, skip_special_tokens=True)).strip() for t in new_tokens]

    def fluency(self, texts: Sequence[str], deadline: Deadline) -> list[float] | None:
        """Each text's mean log-probability per token after a start-of-text token (`read_fluency`)."""
        if self._seq2seq:
            return None  # an encoder-decoder model scores no text on its own
        if not self._lock.acquire(timeout=max(deadline.remaining(), 0.01)):
            return None
        try:
            start = self._tokenizer.bos_token_id
            return read_fluency(
                texts,
                lambda text: list(self._tokenizer(text, add_special_tokens=False)["input_ids"]),
                self._read,
                self._tokenizer.eos_token_id if start is None else start,
                self._tokenizer.pad_token_id,
                self.device,
                self._cores,
                deadline,
            )
        finally:
            self._lock.release()

    def _read(self, ids: Any, _past: Any, wanted: Any, _lengths: Any) -> tuple[Any, None]:
        """The logits at the `wanted` positions of rows of `ids`, padding read too; no past kept."""
        return self._model(input_ids=ids).logits[wanted], None

    def close(self) -> None:
        """Nothing to release: the weights go with the process."""

    def _inputs(self, prompts: Sequence[list[Message]]) -> dict[str, Any]:
        """The batch for `generate`: with the prompts' shared opening already in the KV cache.

        Every rewriting prompt opens with the same system prompt and worked example, more than
        half of its tokens. Their keys and values are computed once per process and reused, so
        a batch only pays prefill for its sources. Rows are padded between that shared opening
        and their own part; the attention mask hides the padding and position ids skip it.
        """
        import torch

        texts = [self._render(p) for p in prompts]
        prefix = None if self._seq2seq else self._shared_prefix(prompts)
        rows = [self._tokenizer(t, add_special_tokens=False)["input_ids"] for t in texts]
        if prefix is None or not all(
            len(row) > len(prefix[0]) and tuple(row[: len(prefix[0])]) == prefix[0] for row in rows
        ):
            return dict(self._tokenizer(texts, return_tensors="pt", padding=True).to(self.device))
        prefix_ids, cache = prefix
        width = max(len(row) for row in rows)
        input_ids = torch.full((len(rows), width), self._tokenizer.pad_token_id, dtype=torch.long)
        attention_mask = torch.zeros((len(rows), width), dtype=torch.long)
        shared = len(prefix_ids)
        for i, row in enumerate(rows):
            own_start = shared + width - len(row)
            input_ids[i, :shared], attention_mask[i, :shared] = torch.tensor(prefix_ids), 1
            input_ids[i, own_start:], attention_mask[i, own_start:] = torch.tensor(row[shared:]), 1
        batch_cache = copy.deepcopy(cache)
        batch_cache.batch_repeat_interleave(len(rows))
        return {
            "input_ids": input_ids.to(self.device),
            "attention_mask": attention_mask.to(self.device),
            "past_key_values": batch_cache,
        }

    def _shared_prefix(self, prompts: Sequence[list[Message]]) -> tuple[tuple[int, ...], Any] | None:
        """Token ids and KV cache of the messages that open every prompt (computed once, kept)."""
        import torch
        from transformers import DynamicCache

        shared: list[Message] = []
        for messages in zip(*prompts, strict=False):
            if any(m != messages[0] for m in messages) or len(shared) == min(map(len, prompts)) - 1:
                break
            shared.append(messages[0])
        if not shared or not self._tokenizer.chat_template:
            return None
        rendered = self._tokenizer.apply_chat_template(
            [{"role": m["role"], "content": m["content"]} for m in shared],
            add_generation_prompt=False,
            tokenize=False,
        )
        prefix_ids = tuple(self._tokenizer(str(rendered), add_special_tokens=False)["input_ids"])
        if len(prefix_ids) < MIN_SHARED_TOKENS:
            return None
        if self._prefix is None or self._prefix[0] != prefix_ids:
            cache = DynamicCache()
            with torch.inference_mode():
                self._model(
                    torch.tensor([prefix_ids], device=self.device), past_key_values=cache, use_cache=True
                )
            self._prefix = (prefix_ids, cache)  # the rewriting prompt's opening is a constant: one is enough
        return self._prefix

    def _render(self, prompt: list[Message]) -> str:
        if not self._seq2seq and self._tokenizer.chat_template:
            messages = [{"role": m["role"], "content": m["content"]} for m in prompt]
            rendered = self._tokenizer.apply_chat_template(
                messages, add_generation_prompt=True, tokenize=False
            )
            return str(rendered)
        return "\n\n".join(m["content"] for m in prompt)


class _RowsDone:
    """Stops each row of a batch on its own once its text so far satisfies `done`."""

    def __init__(self, tokenizer: Any, prompt_length: int, done: Sequence[Callable[[str], bool]]) -> None:
        self._tokenizer, self._prompt_length, self._done = tokenizer, prompt_length, done

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        texts = self._tokenizer.batch_decode(input_ids[:, self._prompt_length :], skip_special_tokens=True)
        finished = [done(text) for done, text in zip(self._done, texts, strict=True)]
        return torch.tensor(finished, dtype=torch.bool, device=input_ids.device)
