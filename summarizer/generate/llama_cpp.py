"""Generation with llama.cpp (`llama-cpp-python`) on the packaged GGUF: the optional CPU fast path.

The default transformers backend runs the dequantised model; llama.cpp runs the 4-bit GGUF as
it ships, in less memory and decoding one prompt faster on a CPU (`make bench` compares the
two end to end). It is an optional extra (`pip install '.[llama]'`, `make llama`): the
package compiles from source for about 12 minutes, so the default install never pulls it in.

Prompts run one after another: llama.cpp keeps the KV cache of the previous prompt and reuses
its longest common prefix, so the rewriting prompt's shared opening (system prompt and worked
example) is evaluated once and each prompt pays only for its own sources.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from summarizer.cores import usable_cores
from summarizer.generate.base import Message
from summarizer.request import Deadline

log = logging.getLogger(__name__)

CONTEXT_TOKENS = 2048  # a rewriting prompt is ~300 tokens; room for a longer system prompt or sources
_WARM_UP_S = 30.0


class LlamaCppGenerator:
    """A GGUF file run by llama.cpp, loaded once per process."""

    device = "cpu"

    def __init__(self, gguf: Path, threads: int | None = None) -> None:
        from llama_cpp import Llama

        started = time.perf_counter()
        self._llama: Any = Llama(
            model_path=str(gguf),
            n_ctx=CONTEXT_TOKENS,
            n_threads=threads or usable_cores(),
            verbose=False,
        )
        self._lock = threading.Lock()  # one llama.cpp context: one completion at a time
        self.name = f"{gguf.stem} (llama.cpp)"
        self.complete([[{"role": "user", "content": "Hello"}]], 2, Deadline.after(_WARM_UP_S))
        self.load_seconds = time.perf_counter() - started
        log.info("generation model %s loaded in %.1f s", self.name, self.load_seconds)

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        if not self._lock.acquire(timeout=max(deadline.remaining(), 0.01)):
            return [""] * len(prompts)
        try:
            tests: Sequence[Callable[[str], bool] | None] = done or [None] * len(prompts)
            return [
                self._one(prompt, max_new_tokens, deadline, test)
                for prompt, test in zip(prompts, tests, strict=True)
            ]
        finally:
            self._lock.release()

    def close(self) -> None:
        self._llama.close()

    def _one(
        self,
        prompt: list[Message],
        max_new_tokens: int,
        deadline: Deadline,
        done: Callable[[str], bool] | None,
    ) -> str:
        if deadline.passed:
            return ""  # out of time: no draft, the fact stays extractive
        text = ""
        stream = self._llama.create_chat_completion(
            messages=[dict(m) for m in prompt],
            max_tokens=max_new_tokens,
            temperature=0.0,
            repeat_penalty=1.0,  # plain greedy decoding, as the transformers backend does
            stream=True,
        )
        for chunk in stream:
            text += chunk["choices"][0]["delta"].get("content") or ""
            if (done is not None and done(text)) or deadline.passed:
                break
        return text.strip()
