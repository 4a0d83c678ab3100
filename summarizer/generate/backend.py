"""The generation interface and the in-process transformers backend."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol, TypedDict

from summarizer.settings import Settings

log = logging.getLogger(__name__)


class Message(TypedDict):
    role: str  # "system" | "user" | "assistant"
    content: str


class TextGenerator(Protocol):
    name: str
    device: str

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        max_seconds: float,
        done: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """One completion per prompt, greedy, in one batch; stops after `max_seconds`.

        A completion is finished early once `done(text so far)` is true. One cut short by the
        time limit comes back unfinished; the caller's verification rejects it.
        """
        ...


class TransformersGenerator:
    """A causal or seq2seq model from a local directory (or a hub id), loaded once per process."""

    def __init__(self, reference: str, device: str = "auto") -> None:
        import torch
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        self.device = ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        started = time.perf_counter()
        config = AutoConfig.from_pretrained(reference)
        self._seq2seq = bool(getattr(config, "is_encoder_decoder", False))
        model_class = AutoModelForSeq2SeqLM if self._seq2seq else AutoModelForCausalLM
        dtype = torch.bfloat16 if self.device.startswith("cuda") else torch.float32
        model: Any = model_class.from_pretrained(reference, dtype=dtype)
        self._model = model.to(self.device).eval()
        self._tokenizer = AutoTokenizer.from_pretrained(reference)
        self._tokenizer.padding_side = "left"  # decoder-only batches must end where generation starts
        if self._tokenizer.pad_token is None:
            self._tokenizer.pad_token = self._tokenizer.eos_token
        self._lock = threading.Lock()  # one generate at a time: the model is not re-entrant on CPU
        self.name = Path(reference).name if Path(reference).exists() else reference
        # One tiny generation now, so the first brief does not pay for lazy initialisation.
        self.complete([[{"role": "user", "content": "Hello"}]], max_new_tokens=2, max_seconds=30)
        self.load_seconds = time.perf_counter() - started
        log.info("generation model %s loaded on %s in %.1f s", self.name, self.device, self.load_seconds)

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        max_seconds: float,
        done: Callable[[str], bool] | None = None,
    ) -> list[str]:
        import torch
        from transformers import StoppingCriteriaList

        if not prompts:
            return []
        texts = [self._render(p) for p in prompts]
        batch = self._tokenizer(texts, return_tensors="pt", padding=True).to(self.device)
        prompt_length = 0 if self._seq2seq else batch["input_ids"].shape[1]
        stopping = StoppingCriteriaList([_RowsDone(self._tokenizer, prompt_length, done)] if done else [])
        # Waiting for another brief's batch counts against this one's time: a brief's budget
        # bounds its generation, queue for the model included. Past it, no drafts (all extractive).
        waiting_since = time.monotonic()
        if not self._lock.acquire(timeout=max(max_seconds, 0.01)):
            return [""] * len(prompts)
        try:
            with torch.inference_mode():
                output = self._model.generate(
                    **batch,
                    max_new_tokens=max_new_tokens,
                    max_time=max(max_seconds - (time.monotonic() - waiting_since), 0.01),
                    do_sample=False,
                    pad_token_id=self._tokenizer.pad_token_id,
                    stopping_criteria=stopping,
                )
        finally:
            self._lock.release()
        new_tokens = output if self._seq2seq else output[:, batch["input_ids"].shape[1] :]
        return [str(self._tokenizer.decode(t, skip_special_tokens=True)).strip() for t in new_tokens]

    def token_count(self, text: str) -> int:
        return len(self._tokenizer(text, add_special_tokens=False)["input_ids"])

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

    def __init__(self, tokenizer: Any, prompt_length: int, done: Callable[[str], bool]) -> None:
        self._tokenizer, self._prompt_length, self._done = tokenizer, prompt_length, done

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        texts = self._tokenizer.batch_decode(input_ids[:, self._prompt_length :], skip_special_tokens=True)
        return torch.tensor([self._done(t) for t in texts], dtype=torch.bool, device=input_ids.device)


def load_generator(settings: Settings) -> TextGenerator | None:
    """The configured generator, or None when generation is switched off (`SUMMARIZER_MODEL=none`).

    `SUMMARIZER_BACKEND=openai` drafts on an OpenAI-compatible server instead of in this process.

    Raises when the model cannot be loaded; the pipeline records why and briefs extractively.
    """
    if settings.model == "none":
        return None
    if settings.backend == "openai":
        from summarizer.generate.openai_compatible import OpenAICompatibleGenerator

        if not settings.openai_base_url or not settings.openai_model:
            raise ValueError(
                "the 'openai' backend needs SUMMARIZER_OPENAI_BASE_URL and SUMMARIZER_OPENAI_MODEL"
            )
        return OpenAICompatibleGenerator(
            settings.openai_base_url,
            settings.openai_model,
            api_key=settings.openai_api_key,
            endpoint=settings.openai_endpoint,
            concurrency=settings.openai_concurrency,
        )
    if settings.model == "smollm2":
        from summarizer.generate.prepare import prepare_smollm2

        return TransformersGenerator(str(prepare_smollm2(settings.cache_dir)), settings.device)
    return TransformersGenerator(settings.model, settings.device)
