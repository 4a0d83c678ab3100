"""The packaged model as a reader: it judges how fluent a wording reads and writes nothing.

Condensing asks the packaged SmolLM2-135M only for token log-probabilities (its own drafts pass
verification only as deletions that condensing already offers: docs/decisions.md). So, unless
drafts are asked for, it runs here on torch's own layers (summarizer/networks.py) with the
tokenizers library, and the served process never imports transformers' modeling code.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from summarizer.cores import Cores
from summarizer.errors import GenerationError
from summarizer.generate.base import Message
from summarizer.generate.fluency import read_fluency
from summarizer.precision import reads_in_int8, resolve_device, resolve_dtype
from summarizer.request import Deadline

log = logging.getLogger(__name__)


class FluencyReader:
    """A Llama-architecture model directory (config.json, model.safetensors, tokenizer.json),
    loaded once per process, that scores wordings."""

    def __init__(
        self, directory: Path, device: str = "auto", dtype: str = "auto", cores: Cores | None = None
    ):
        import json

        import torch
        from tokenizers import Tokenizer

        from summarizer.int8 import load_int8
        from summarizer.networks import load_llama

        started = time.perf_counter()
        self.device = resolve_device(device)
        model = load_llama(directory, resolve_dtype(dtype, self.device), self.device)
        wants_int8 = reads_in_int8(dtype, self.device)
        int8 = load_int8(model, directory) if wants_int8 else None
        if wants_int8 and int8 is None:
            log.warning("%s has no 8-bit weights (prepare it again); reading in float32", directory)
        self._model = int8 if int8 is not None else model
        self.precision = (
            "int8" if int8 is not None else str(model.embed_tokens.weight.dtype).removeprefix("torch.")
        )
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self._start = config.get("bos_token_id", config.get("eos_token_id"))
        self._pad = config.get("pad_token_id", config.get("eos_token_id"))
        self._cores = cores if self.device == "cpu" else None  # a GPU's kernels take no CPU threads
        self.name = directory.name
        with torch.inference_mode():  # the first pass pays for kernel set-up, not the first brief
            self._model(torch.tensor([[self._start]], device=self.device))
        self.load_seconds = time.perf_counter() - started
        log.info(
            "fluency reader %s loaded on %s (%s) in %.1f s",
            self.name,
            self.device,
            self.precision,
            self.load_seconds,
        )

    def fluency(self, texts: Sequence[str], deadline: Deadline) -> list[float] | None:
        """Each text's mean log-probability per token after a start-of-text token (`read_fluency`).

        No lock: a forward pass keeps no state, so briefs written at once read at once, each on
        the threads its cores lend it (two clients: 2.1-2.3 briefs/s against 1.3-1.6 with one
        pass at a time, docs/decisions.md).
        """
        return read_fluency(
            texts,
            lambda text: self._tokenizer.encode(text, add_special_tokens=False).ids,
            self._model,
            self._start,
            self._pad,
            self.device,
            self._cores,
            deadline,
        )

    def complete(
        self,
        prompts: Sequence[list[Message]],
        max_new_tokens: int,
        deadline: Deadline,
        done: Sequence[Callable[[str], bool]] | None = None,
    ) -> list[str]:
        raise GenerationError(
            f"{self.name} is loaded as a reader, which writes no drafts; SUMMARIZER_DRAFTS=on loads it "
            "to write them"
        )

    def close(self) -> None:
        """Nothing to release: the weights go with the process."""
